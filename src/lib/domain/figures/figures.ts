// The dashboard's figures over a set of requests and rides (a month, a line): how many asked, how
// many heard back and how soon, how many rode, who drove, the km shared and the CO2 they avoided.
// Pure: the caller passes the road distance between communes and the day up to which rides count
// as done. Definitions are in docs/figures.md.
import type { MatchDoc, RideDoc, RideRequest } from '../documents';

export type FigureRequest = Pick<
  RideRequest,
  '_id' | 'passengerId' | 'fromInsee' | 'toInsee' | 'date' | 'createdAt' | 'cancelledAt'
>;
export type FigureMatch = Pick<MatchDoc, 'requestId' | 'state'>;
export type FigureRide = Pick<
  RideDoc,
  | '_id'
  | 'requestId'
  | 'driverId'
  | 'passengerId'
  | 'date'
  | 'pickupInsee'
  | 'dropoffInsee'
  | 'seats'
  | 'cancelledAt'
>;

export interface FigureContext {
  /** Road km between two communes (the matching's estimate). */
  readonly roadKm: (fromInsee: string, toInsee: string) => number;
  /** kg CO2e per car-km avoided (docs/figures.md gives the value and its source). */
  readonly co2KgPerKm: number;
  /** Rides dated after this day ("YYYY-MM-DD") are not done yet. */
  readonly asOf: string;
}

export interface Figures {
  readonly requests: number;
  readonly answered: number;
  /** 0 to 1; null with no request. */
  readonly answeredShare: number | null;
  readonly served: number;
  readonly servedShare: number | null;
  /** From the request's creation to the answer (a driver found or nobody); null with no answer. */
  readonly medianAnswerMinutes: number | null;
  readonly ridesDone: number;
  readonly passengersServed: number;
  readonly distinctDrivers: number;
  /** Share of the rides given by the most active fifth of drivers (rounded up); null with no ride. */
  readonly topFifthShare: number | null;
  /** Passenger-km: each ride's road km times its seats. */
  readonly kmShared: number;
  readonly co2AvoidedKg: number;
}

/** When the person heard back: the ride confirmed, or told nobody goes their way. */
export function answeredAt(state: FigureMatch['state']): string | null {
  switch (state.status) {
    case 'confirmed':
      return state.confirmedAt;
    case 'unmatched':
      return state.at;
    case 'cancelled':
      return state.was.status === 'searching' || state.was.status === 'asking'
        ? null
        : answeredAt(state.was);
    default:
      return null;
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Share of rides given by the ceil(n/5) drivers with the most rides. */
export function topFifthShare(ridesPerDriver: readonly number[]): number | null {
  const total = ridesPerDriver.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const top = [...ridesPerDriver]
    .sort((a, b) => b - a)
    .slice(0, Math.ceil(ridesPerDriver.length / 5));
  return top.reduce((a, b) => a + b, 0) / total;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * Figures of `requests` (those of a month or a line) and of `rides` (the same month or line);
 * `matches` and `servedRides` may hold more (they are looked up by request).
 */
export function computeFigures(
  requests: readonly FigureRequest[],
  rides: readonly FigureRide[],
  matchOf: (requestId: string) => FigureMatch | undefined,
  servedRequestIds: ReadonlySet<string>,
  context: FigureContext,
): Figures {
  const waits: number[] = [];
  let answered = 0;
  let served = 0;
  for (const request of requests) {
    const match = matchOf(request._id);
    const at = match ? answeredAt(match.state) : null;
    if (at !== null) {
      answered += 1;
      waits.push((Date.parse(at) - Date.parse(request.createdAt)) / 60_000);
    }
    if (servedRequestIds.has(request._id)) served += 1;
  }
  const done = rides.filter((r) => r.cancelledAt === null && r.date <= context.asOf);
  const perDriver = new Map<string, number>();
  for (const ride of done) perDriver.set(ride.driverId, (perDriver.get(ride.driverId) ?? 0) + 1);
  const kmShared = done.reduce(
    (km, r) => km + context.roadKm(r.pickupInsee, r.dropoffInsee) * r.seats,
    0,
  );
  return {
    requests: requests.length,
    answered,
    answeredShare: share(answered, requests.length),
    served,
    servedShare: share(served, requests.length),
    medianAnswerMinutes: median(waits),
    ridesDone: done.length,
    passengersServed: new Set(done.map((r) => r.passengerId)).size,
    distinctDrivers: perDriver.size,
    topFifthShare: topFifthShare([...perDriver.values()]),
    kmShared,
    co2AvoidedKg: kmShared * context.co2KgPerKm,
  };
}
