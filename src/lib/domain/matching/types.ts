import type { RideRequest, Trip } from '../documents/schemas';
import type { LonLat } from './geo';

/** The trip fields matching reads (a stored trip document has them all). */
export type MatchableTrip = Pick<
  Trip,
  | '_id'
  | 'driverId'
  | 'fromInsee'
  | 'toInsee'
  | 'weekdays'
  | 'departure'
  | 'returnDeparture'
  | 'seats'
  | 'detourMinutes'
  | 'validFrom'
  | 'validUntil'
  | 'paused'
>;

/** The request fields matching reads. */
export type MatchableRequest = Pick<
  RideRequest,
  'passengerId' | 'fromInsee' | 'toInsee' | 'date' | 'earliest' | 'latest' | 'seats' | 'cancelledAt'
>;

/** INSEE code → commune centre: a Map, or a function such as one over the gazetteer index. */
export type CommuneLookup = ReadonlyMap<string, LonLat> | ((insee: string) => LonLat | undefined);

/** Outbound: from → to at `departure`; return: to → from at `returnDeparture`. */
export type Leg = 'outbound' | 'return';

export function lookupCommune(lookup: CommuneLookup, insee: string): LonLat | undefined {
  return typeof lookup === 'function' ? lookup(insee) : lookup.get(insee);
}
