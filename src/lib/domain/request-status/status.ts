// Where a request stands, for the people who follow it: a tagged union read from the request, the
// worker's match (null until the worker has taken the request up) and the confirmed ride, plus a
// short French label for each. Pure: `now` is passed in.
import type { MatchDoc, RideDoc, RideRequest } from '../documents';
import { formatClockTime, formatEuros } from '../format';
import { instantOf } from '../match/deadline';

export type RequestStatus =
  /** No match yet: the request has not reached the server, or the worker has not seen it. */
  | { readonly kind: 'waiting' }
  | { readonly kind: 'searching' }
  | { readonly kind: 'asking'; readonly driverId: string; readonly pickupTime: string }
  | {
      readonly kind: 'confirmed';
      readonly driverId: string;
      /** "HH:MM", when the driver reaches the pickup commune. */
      readonly pickupTime: string;
      /** Where to meet; null when the ride is not on this device yet. */
      readonly meetingPlace: string | null;
      readonly contributionCents: number;
    }
  | { readonly kind: 'unmatched' }
  | { readonly kind: 'cancelled'; readonly at: string }
  | { readonly kind: 'past' };

export type RequestStatusKind = RequestStatus['kind'];

type StatusRequest = Pick<
  RideRequest,
  '_id' | 'date' | 'latest' | 'cancelledAt' | 'earliest' | 'passengerId'
>;
type StatusMatch = Pick<MatchDoc, 'requestId' | 'state'>;
type StatusRide = Pick<
  RideDoc,
  | 'requestId'
  | 'matchId'
  | 'pickupTime'
  | 'pickupPlace'
  | 'contributionCents'
  | 'cancelledAt'
  | 'driverId'
>;

/**
 * The status of `request` at `now`. A cancellation (on the request or by the worker) wins; then a
 * request whose pickup window has closed is past; otherwise the match tells. A match or ride that
 * belongs to another request is ignored.
 */
export function requestStatus(
  request: StatusRequest,
  match: StatusMatch | null,
  ride: StatusRide | null,
  now: Date,
): RequestStatus {
  const ownMatch = match && match.requestId === request._id ? match : null;
  const state = ownMatch?.state ?? null;
  if (request.cancelledAt !== null) return { kind: 'cancelled', at: request.cancelledAt };
  if (state?.status === 'cancelled') return { kind: 'cancelled', at: state.at };
  if (instantOf(request.date, request.latest).getTime() < now.getTime()) return { kind: 'past' };
  if (state === null) return { kind: 'waiting' };
  switch (state.status) {
    case 'searching':
      return { kind: 'searching' };
    case 'asking':
      return {
        kind: 'asking',
        driverId: state.proposal.driverId,
        pickupTime: state.proposal.pickupTime,
      };
    case 'unmatched':
      return { kind: 'unmatched' };
    case 'confirmed': {
      const ownRide =
        ride &&
        ride.requestId === request._id &&
        ride.cancelledAt === null &&
        ride.driverId === state.proposal.driverId
          ? ride
          : null;
      return {
        kind: 'confirmed',
        driverId: state.proposal.driverId,
        pickupTime: ownRide?.pickupTime ?? state.proposal.pickupTime,
        meetingPlace: ownRide && ownRide.pickupPlace.trim() !== '' ? ownRide.pickupPlace : null,
        contributionCents: ownRide?.contributionCents ?? state.proposal.contributionCents,
      };
    }
  }
}

/** The ride a confirmed match points to, if any. */
export function confirmedRideId(match: StatusMatch | null): string | null {
  return match?.state.status === 'confirmed' ? match.state.rideId : null;
}

/** Short labels, one per kind (the badge). */
export const STATUS_LABELS: Record<RequestStatusKind, string> = {
  waiting: 'En attente d’envoi',
  searching: 'Recherche d’un conducteur',
  asking: 'Conducteur contacté',
  confirmed: 'Confirmé',
  unmatched: 'Aucun conducteur pour l’instant',
  cancelled: 'Annulée',
  past: 'Passée',
};

/**
 * The sentence after the badge, or '' when the label says it all. `firstNameOf` gives a driver's
 * first name, or null when the driver is not on this device.
 */
export function statusDetail(
  status: RequestStatus,
  firstNameOf: (personId: string) => string | null,
): string {
  const driver = (id: string) => firstNameOf(id) ?? 'un conducteur';
  switch (status.kind) {
    case 'asking':
      return `Demande envoyée à ${driver(status.driverId)} pour ${formatClockTime(status.pickupTime)}`;
    case 'confirmed': {
      const parts = [
        `avec ${driver(status.driverId)}`,
        `prise en charge à ${formatClockTime(status.pickupTime)}`,
        ...(status.meetingPlace ? [`rendez-vous : ${status.meetingPlace}`] : []),
        `participation ${formatEuros(status.contributionCents)}`,
      ];
      return parts.join(', ');
    }
    default:
      return '';
  }
}
