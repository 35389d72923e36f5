// A coordinator's manual match (issue 8): the request carries an instruction (`manual`: which
// trip, ask by SMS or agreed by phone); the worker turns it into the match's next state here.
// Pure: the shell reads the match, trip and driver, and writes what this returns.
import { computeContribution, type ContributionSettings } from '../contribution/contribution';
import type { MatchDoc, Person, RideRequest, Trip } from '../documents';
import { rideIdOf } from '../ids';
import { drivingMinutes, haversineKm } from '../matching/geo';
import { hhmm } from '../matching/leg-candidate';
import type { MatchingSettings } from '../matching/settings';
import { lookupCommune, type CommuneLookup, type Leg } from '../matching/types';
import { answerDeadline, instantOf, type DeadlineSettings } from './deadline';
import {
  acceptProposal,
  assignDriver,
  confirmByPhone,
  isAssignable,
  type Asking,
  type Confirmed,
  type MatchState,
  type Proposal,
} from './state';
import type { LockOutcome } from './search-step';

/** What a coordinator writes on a request (`request.manual`). */
export interface ManualInstruction {
  /** New for each instruction, so that the worker applies each one once. */
  readonly id: string;
  readonly tripId: string;
  readonly leg: Leg;
  /** The driver said yes on the phone: confirm at once, as after an OUI. */
  readonly agreed: boolean;
  readonly by: string;
  readonly at: string;
}

export type ManualProposal =
  | { readonly ok: true; readonly proposal: Omit<Proposal, 'attempt'> }
  | { readonly ok: false; readonly reason: string };

export interface ManualFacts {
  readonly request: Pick<RideRequest, 'passengerId' | 'fromInsee' | 'toInsee' | 'date'>;
  readonly trip: Pick<
    Trip,
    '_id' | 'driverId' | 'fromInsee' | 'toInsee' | 'departure' | 'returnDeparture'
  >;
  readonly driver: Pick<Person, 'blocked' | 'phoneKind'> | null;
  readonly instruction: ManualInstruction;
  readonly communes: CommuneLookup;
  readonly matching: Pick<MatchingSettings, 'roadFactor' | 'speedKmh'>;
  readonly contribution?: ContributionSettings;
  readonly deadline?: DeadlineSettings;
  readonly now: Date;
}

const refuse = (reason: string): ManualProposal => ({ ok: false, reason });

/** The proposal once the driver's phone was asked for: refused unless the phone was taken. */
export function withPhoneLock(proposal: ManualProposal, lock: LockOutcome): ManualProposal {
  if (!proposal.ok || lock === 'locked') return proposal;
  return refuse(
    lock === 'busy'
      ? 'Ce conducteur attend déjà la réponse à une autre demande.'
      : 'Ce conducteur ne reçoit plus de SMS (STOP).',
  );
}

/**
 * The proposal for the chosen trip, estimated as a search would (straight line × road factor at
 * the average speed); the coordinator chose it, so the trip's detour limit is not applied.
 */
export function manualProposal(f: ManualFacts): ManualProposal {
  const { trip, request, instruction, matching } = f;
  if (f.driver === null) return refuse('Le conducteur de ce trajet est inconnu.');
  if (f.driver.blocked) return refuse('Ce conducteur est bloqué par la coordination.');
  if (trip.driverId === request.passengerId)
    return refuse('Le conducteur ne peut pas être son propre passager.');
  if (!instruction.agreed && f.driver.phoneKind !== 'mobile')
    return refuse("Ce conducteur n'a pas de portable : enregistrez son accord par téléphone.");
  const outbound = instruction.leg === 'outbound';
  const departure = outbound ? trip.departure : trip.returnDeparture;
  if (departure === null) return refuse("Ce trajet n'a pas de retour.");
  const [start, end] = outbound ? [trip.fromInsee, trip.toInsee] : [trip.toInsee, trip.fromInsee];
  const places = [start, request.fromInsee, request.toInsee, end].map((insee) =>
    lookupCommune(f.communes, insee),
  );
  const [s, p, d, e] = places;
  if (!s || !p || !d || !e) return refuse('Commune inconnue du répertoire.');
  const km = (a: typeof s, b: typeof s) => haversineKm(a.lon, a.lat, b.lon, b.lat);
  const road = (straight: number) => straight * matching.roadFactor;
  const minutes = (straight: number) => drivingMinutes(road(straight), matching.speedKmh);
  const [h, m] = departure.split(':').map(Number);
  const pickup = Math.round((h ?? 0) * 60 + (m ?? 0) + minutes(km(s, p)));
  if (pickup >= 24 * 60) return refuse('Ce trajet passe après minuit.');
  const contribution = computeContribution(road(km(p, d)), f.contribution);
  if (!contribution.ok) return refuse(contribution.message);
  const detour = Math.max(0, minutes(km(s, p) + km(p, d) + km(d, e) - km(s, e)));
  const pickupTime = hhmm(pickup);
  let deadline = f.now;
  if (!instruction.agreed) {
    const byDeadline = answerDeadline(f.now, instantOf(request.date, pickupTime), f.deadline);
    if (byDeadline === null)
      return refuse('Trop tard pour demander par SMS : enregistrez son accord par téléphone.');
    deadline = byDeadline;
  }
  return {
    ok: true,
    proposal: {
      driverId: trip.driverId,
      tripId: trip._id,
      leg: instruction.leg,
      pickupTime,
      contributionCents: contribution.cents,
      detourMinutes: Math.round(detour),
      askedAt: f.now.toISOString(),
      deadline: deadline.toISOString(),
    },
  };
}

/** What the match records of the last instruction it saw: applied, or why not. */
export interface ManualOutcome {
  readonly id: string;
  readonly refused: string | null;
}

export type ManualDecision =
  | { readonly action: 'none' }
  | { readonly action: 'refuse'; readonly outcome: ManualOutcome }
  | {
      readonly action: 'apply';
      readonly state: Asking | Confirmed;
      readonly outcome: ManualOutcome;
    };

/** The match's next state for a coordinator's instruction, once per instruction id. */
export function decideManualMatch(
  match: Pick<MatchDoc, '_id' | 'state'> & { readonly manual?: ManualOutcome | null },
  instruction: ManualInstruction | null | undefined,
  proposal: ManualProposal,
  now: Date,
): ManualDecision {
  if (!instruction || match.manual?.id === instruction.id) return { action: 'none' };
  const refused = (reason: string): ManualDecision => ({
    action: 'refuse',
    outcome: { id: instruction.id, refused: reason },
  });
  const state = match.state;
  if (!isAssignable(state))
    return refused(
      state.status === 'confirmed'
        ? 'La demande a déjà un conducteur confirmé.'
        : 'La demande est annulée.',
    );
  if (!proposal.ok) return refused(proposal.reason);
  const applied = { id: instruction.id, refused: null };
  const sameAsked =
    state.status === 'asking' &&
    state.proposal.driverId === proposal.proposal.driverId &&
    state.proposal.tripId === proposal.proposal.tripId;
  if (sameAsked && !instruction.agreed) return refused('Ce conducteur est déjà sollicité.');
  if (sameAsked)
    return {
      action: 'apply',
      state: acceptProposal(state, now, rideIdOf(match._id, state.proposal.attempt)),
      outcome: applied,
    };
  const next = instruction.agreed
    ? confirmByPhone(state, proposal.proposal, now, (attempt) => rideIdOf(match._id, attempt))
    : assignDriver(state, proposal.proposal, now);
  return { action: 'apply', state: next, outcome: applied };
}

/**
 * The driver a manual match set aside: asked before, another driver now. Told once that no
 * answer is awaited (a late OUI would otherwise be their only way to learn it).
 */
export function setAsideDriver(
  before: MatchState,
  after: MatchState,
): { readonly driverId: string; readonly attempt: number } | null {
  if (before.status !== 'asking') return null;
  const now = 'proposal' in after ? after.proposal : null;
  if (now && now.driverId === before.proposal.driverId) return null;
  return { driverId: before.proposal.driverId, attempt: before.proposal.attempt };
}
