// One step of a searching match, in two pure halves around the phone lock the worker takes with
// CouchDB's _rev: planSearch turns the candidates and what is known of each driver into the
// drivers to ask, best first; concludeSearch turns what the locks gave into the next state
// (ask the first driver locked, wait while only busy drivers are left, or no driver and why).
import type { MatchResult } from '../matching/find-candidates';
import {
  ALL_ASKED_REASON,
  FULL_REASON,
  NO_TRIP_REASON,
  TOO_LATE_REASON,
  UNREACHABLE_REASON,
} from '../sms-templates/match-texts';
import { answerDeadline, instantOf, type DeadlineSettings } from './deadline';
import {
  askDriver,
  findNoDriver,
  waitForDrivers,
  type Asking,
  type Proposal,
  type Searching,
  type Unmatched,
} from './state';

export interface DriverFacts {
  /** Has a mobile the worker can text: only they can answer OUI. */
  readonly textable: boolean;
  readonly blocked: boolean;
  /** Sent STOP. */
  readonly optedOut: boolean;
  /** Their phone waits for an answer about another match that is still asking. */
  readonly busy: boolean;
}

export interface PlannedAsk {
  readonly driverId: string;
  readonly proposal: Omit<Proposal, 'attempt'>;
}

export interface SearchPlan {
  /** Why nobody can be asked for this request at all (findCandidates refused it), or null. */
  readonly refusal: string | null;
  /** Drivers who may be asked, best first, each with the question's deadline. */
  readonly asks: readonly PlannedAsk[];
  /** A candidate was left out only because their phone waits for another answer. */
  readonly busy: boolean;
  /** Candidates left out because nobody can text them (no mobile, or STOP). */
  readonly unreachable: number;
  /** Candidates left out because no answer could come in time before their pickup. */
  readonly late: number;
  /** Trips that would serve but have no seat left. */
  readonly full: number;
}

/** What taking a driver's phone for this match gave. */
export type LockOutcome = 'locked' | 'busy' | 'opted-out';

/** A search runs when it is not waiting for busy drivers, or when its wait is over. */
export function searchIsDue(state: Searching, now: Date): boolean {
  return state.retryAt === null || Date.parse(state.retryAt) <= now.getTime();
}

/** The drivers planSearch needs facts about: every candidate findCandidates returned. */
export function candidateDrivers(result: MatchResult): string[] {
  return result.status === 'ok' ? result.candidates.map((c) => c.driverId) : [];
}

export function planSearch(
  result: MatchResult,
  drivers: ReadonlyMap<string, DriverFacts>,
  request: { readonly date: string },
  now: Date,
  settings: DeadlineSettings,
): SearchPlan {
  if (result.status === 'refused')
    return {
      refusal: result.message,
      asks: [],
      busy: false,
      unreachable: 0,
      late: 0,
      full: 0,
    };
  const asks: PlannedAsk[] = [];
  let [busy, unreachable, late] = [false, 0, 0];
  for (const c of result.candidates) {
    const facts = drivers.get(c.driverId);
    // A driver the worker cannot text cannot answer OUI: a coordinator may still call them.
    if (!facts?.textable || facts.optedOut) {
      unreachable++;
      continue;
    }
    if (facts.blocked) continue; // as if their trip were not there
    const deadline = answerDeadline(now, instantOf(request.date, c.pickupTime), settings);
    if (deadline === null) {
      late++;
      continue;
    }
    if (facts.busy) {
      busy = true;
      continue;
    }
    asks.push({
      driverId: c.driverId,
      proposal: {
        driverId: c.driverId,
        tripId: c.tripId,
        leg: c.leg,
        pickupTime: c.pickupTime,
        contributionCents: c.contributionCents,
        detourMinutes: c.detourMinutes,
        askedAt: now.toISOString(),
        deadline: deadline.toISOString(),
      },
    });
  }
  return {
    refusal: null,
    asks: leavingTimeForNext(asks, request, now, settings),
    busy,
    unreachable,
    late,
    full: result.full,
  };
}

/**
 * Each question ends early enough for the next driver to still get the shortest answer time
 * before their own pickup margin: a silence must not use up the last driver's chance. When even
 * that cannot be, the driver asked keeps the whole time.
 */
function leavingTimeForNext(
  asks: readonly PlannedAsk[],
  request: { readonly date: string },
  now: Date,
  s: DeadlineSettings,
): PlannedAsk[] {
  const minimum = s.minimumAnswerMinutes * 60_000;
  return asks.map((ask, i) => {
    const next = asks[i + 1];
    if (!next) return ask;
    const pickup = instantOf(request.date, next.proposal.pickupTime).getTime();
    const nextLatestAsk = pickup - s.marginBeforePickupMinutes * 60_000 - minimum;
    const deadline = Date.parse(ask.proposal.deadline);
    if (nextLatestAsk >= deadline || nextLatestAsk - now.getTime() < minimum) return ask;
    return {
      ...ask,
      proposal: { ...ask.proposal, deadline: new Date(nextLatestAsk).toISOString() },
    };
  });
}

/**
 * The next state once the worker tried the phones of `plan.asks` in order: `locks[i]` is what
 * the i-th gave, and the worker stops at the first one locked.
 */
export function concludeSearch(
  state: Searching,
  plan: SearchPlan,
  locks: readonly LockOutcome[],
  now: Date,
  settings: DeadlineSettings,
): Asking | Searching | Unmatched {
  if (plan.refusal !== null) return findNoDriver(state, now, plan.refusal);
  const locked = locks.indexOf('locked');
  const ask = locked >= 0 ? plan.asks[locked] : undefined;
  if (ask) return askDriver(state, ask.proposal);
  if (plan.busy || locks.includes('busy'))
    return waitForDrivers(state, new Date(now.getTime() + settings.busyRetryMinutes * 60_000));
  return findNoDriver(state, now, noDriverReason(state, plan, locks));
}

/** Why nobody is asked, told truly: who could still be called, too late, all said no, or none. */
function noDriverReason(state: Searching, plan: SearchPlan, locks: readonly LockOutcome[]): string {
  if (plan.unreachable > 0 || locks.includes('opted-out')) return UNREACHABLE_REASON;
  if (plan.late > 0) return TOO_LATE_REASON;
  if (plan.full > 0) return FULL_REASON;
  return state.tried.length > 0 ? ALL_ASKED_REASON : NO_TRIP_REASON;
}
