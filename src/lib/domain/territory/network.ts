// The network map's facts: one line per pair of communes that regular trips serve or requests ask
// for, its seats offered per week and its unmet demand over a period. Pure: the page passes the
// documents on the device, so a relay's map is their own area and a coordinator's is everything.
import type { RideDoc, RideRequest, Trip } from '../documents';
import { isoWeekday } from '../schedule/calendar';

export type NetworkTrip = Pick<
  Trip,
  | '_id'
  | 'driverId'
  | 'fromInsee'
  | 'toInsee'
  | 'weekdays'
  | 'departure'
  | 'returnDeparture'
  | 'seats'
  | 'paused'
  | 'validFrom'
  | 'validUntil'
>;
export type NetworkRequest = Pick<
  RideRequest,
  '_id' | 'passengerId' | 'fromInsee' | 'toInsee' | 'date' | 'cancelledAt'
>;
export type NetworkRide = Pick<RideDoc, 'requestId' | 'cancelledAt'>;

export interface NetworkFilter {
  /** First and last day of the period, "YYYY-MM-DD", both included. */
  readonly from: string;
  readonly to: string;
  /** ISO weekdays (1 = Monday) kept; empty keeps every day. */
  readonly weekdays: readonly number[];
}

/**
 * Every date and weekday: the lines any period can show (a period keeps fewer trips and
 * requests, never others), which the map draws once and then only re-widths.
 */
export const ALL_TIME: NetworkFilter = { from: '0000-01-01', to: '9999-12-31', weekdays: [] };

export interface NetworkLine {
  /** The two INSEE codes in order, joined by "-": a line has no direction on the map. */
  readonly key: string;
  readonly a: string;
  readonly b: string;
  /** Seats a week over the kept weekdays (a trip with a return offers them twice). */
  readonly seatsPerWeek: number;
  readonly tripIds: readonly string[];
  /** Requests of the period on this line, not cancelled. */
  readonly requestIds: readonly string[];
  /** Those with no ride. */
  readonly unmetRequestIds: readonly string[];
}

export interface CommuneFacts {
  readonly insee: string;
  readonly tripIds: readonly string[];
  readonly requestIds: readonly string[];
  readonly unmetRequestIds: readonly string[];
}

export interface Network {
  /** Most unmet demand first, then most seats, then by key (a stable order for the table). */
  readonly lines: readonly NetworkLine[];
  readonly communes: ReadonlyMap<string, CommuneFacts>;
  readonly maxSeatsPerWeek: number;
}

export function lineKey(from: string, to: string): string {
  return from < to ? `${from}-${to}` : `${to}-${from}`;
}

function tripRunsInPeriod(trip: NetworkTrip, filter: NetworkFilter): boolean {
  return (
    !trip.paused &&
    trip.validFrom <= filter.to &&
    (trip.validUntil === null || trip.validUntil >= filter.from)
  );
}

function keptDays(trip: NetworkTrip, weekdays: ReadonlySet<number>): number {
  return weekdays.size === 0
    ? trip.weekdays.length
    : trip.weekdays.filter((d) => weekdays.has(d)).length;
}

interface Building {
  a: string;
  b: string;
  seatsPerWeek: number;
  tripIds: string[];
  requestIds: string[];
  unmetRequestIds: string[];
}

/** The lines and communes of the network over `filter`. */
export function buildNetwork(
  trips: readonly NetworkTrip[],
  requests: readonly NetworkRequest[],
  rides: readonly NetworkRide[],
  filter: NetworkFilter,
): Network {
  const weekdays = new Set(filter.weekdays);
  const lines = new Map<string, Building>();
  const lineOf = (from: string, to: string): Building => {
    const key = lineKey(from, to);
    let line = lines.get(key);
    if (!line) {
      const [a, b] = from < to ? [from, to] : [to, from];
      line = { a, b, seatsPerWeek: 0, tripIds: [], requestIds: [], unmetRequestIds: [] };
      lines.set(key, line);
    }
    return line;
  };
  const communes = new Map<string, { tripIds: string[]; requestIds: string[]; unmet: string[] }>();
  const communeOf = (insee: string) => {
    let facts = communes.get(insee);
    if (!facts) communes.set(insee, (facts = { tripIds: [], requestIds: [], unmet: [] }));
    return facts;
  };

  for (const trip of trips) {
    if (!tripRunsInPeriod(trip, filter)) continue;
    const days = keptDays(trip, weekdays);
    if (days === 0) continue;
    const line = lineOf(trip.fromInsee, trip.toInsee);
    line.seatsPerWeek += trip.seats * days * (trip.returnDeparture === null ? 1 : 2);
    line.tripIds.push(trip._id);
    communeOf(trip.fromInsee).tripIds.push(trip._id);
    communeOf(trip.toInsee).tripIds.push(trip._id);
  }

  const served = new Set(rides.filter((r) => r.cancelledAt === null).map((r) => r.requestId));
  for (const request of requests) {
    if (request.cancelledAt !== null || request.date < filter.from || request.date > filter.to)
      continue;
    if (weekdays.size > 0 && !weekdays.has(isoWeekday(request.date))) continue;
    const line = lineOf(request.fromInsee, request.toInsee);
    const unmet = !served.has(request._id);
    line.requestIds.push(request._id);
    if (unmet) line.unmetRequestIds.push(request._id);
    for (const insee of [request.fromInsee, request.toInsee]) {
      const facts = communeOf(insee);
      facts.requestIds.push(request._id);
      if (unmet) facts.unmet.push(request._id);
    }
  }

  const sorted = [...lines.entries()]
    .map(([key, line]): NetworkLine => ({ key, ...line }))
    .sort(
      (x, y) =>
        y.unmetRequestIds.length - x.unmetRequestIds.length ||
        y.seatsPerWeek - x.seatsPerWeek ||
        x.key.localeCompare(y.key),
    );
  return {
    lines: sorted,
    communes: new Map(
      [...communes].map(([insee, f]) => [
        insee,
        { insee, tripIds: f.tripIds, requestIds: f.requestIds, unmetRequestIds: f.unmet },
      ]),
    ),
    maxSeatsPerWeek: sorted.reduce((max, l) => Math.max(max, l.seatsPerWeek), 0),
  };
}

/** Drawn width in pixels: 2 for a line nobody drives, up to 12 for the most offered one. */
export function lineWidth(seatsPerWeek: number, maxSeatsPerWeek: number): number {
  if (seatsPerWeek <= 0 || maxSeatsPerWeek <= 0) return 2;
  // Square root: area-like growth, so a few busy lines do not make every other one a hairline.
  return Math.round((3 + 9 * Math.sqrt(seatsPerWeek / maxSeatsPerWeek)) * 10) / 10;
}
