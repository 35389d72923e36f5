// Everything a search needs besides the request and the trips, passed in (the domain has no
// database and no clock).
import type { ContributionSettings } from '../contribution/contribution';
import type { CommuneLookup, Leg } from './types';
import type { MatchingSettings } from './settings';

/** Seats already taken by confirmed rides: a Map keyed by `seatKey`, or a function. */
export type SeatsTaken =
  ReadonlyMap<string, number> | ((tripId: string, date: string, leg: Leg) => number);

/** Key of `SeatsTaken` maps: one trip, one date, one leg (the return is another car journey). */
export function seatKey(tripId: string, date: string, leg: Leg): string {
  return `${tripId}|${date}|${leg}`;
}

/**
 * The facts a search reads from the world are required: an empty set or map says "none", so a
 * caller that forgot one (blocked people, say) gets a type error, not a search that ignores it.
 */
export interface MatchContext {
  readonly communes: CommuneLookup;
  readonly now: Date;
  readonly settings?: Partial<MatchingSettings>;
  readonly contribution?: ContributionSettings;
  readonly seatsTaken: SeatsTaken;
  /** Person ids blocked by a coordinator (as driver or passenger). */
  readonly blockedPeople: ReadonlySet<string>;
  /** Public holidays of the request's date: a set of dates, or a function. */
  readonly holidays: ReadonlySet<string> | ((date: string) => boolean);
  /** How much each driver was asked recently (`recentAskWeights`), for fairness; 0 if absent. */
  readonly recentAsks: ReadonlyMap<string, number> | ((driverId: string) => number);
  /** Drivers already asked for this request (declined or timed out). */
  readonly skipDrivers?: ReadonlySet<string>;
}

export function seatsTakenOn(seats: SeatsTaken, tripId: string, date: string, leg: Leg): number {
  return typeof seats === 'function'
    ? seats(tripId, date, leg)
    : (seats.get(seatKey(tripId, date, leg)) ?? 0);
}

export function isHoliday(holidays: MatchContext['holidays'], date: string): boolean {
  return typeof holidays === 'function' ? holidays(date) : holidays.has(date);
}

export function recentAsksOf(asks: MatchContext['recentAsks'], driverId: string): number {
  return typeof asks === 'function' ? asks(driverId) : (asks.get(driverId) ?? 0);
}
