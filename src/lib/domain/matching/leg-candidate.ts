// The exact checks of one leg of one trip against a request, once the index's cheap tests passed.
import type { MatchableRequest, MatchableTrip, Leg } from './types';
import { recentAsksOf, seatsTakenOn, type MatchContext } from './context';
import { drivingMinutes, haversineKm } from './geo';
import { scoreCandidate } from './score';
import type { MatchingSettings } from './settings';
import type { TripIndex } from './trip-index';
import type { Draft, TopCandidates } from './candidate';

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The trip runs for this request: not paused, valid that day, a driver who may be asked. */
export function isAvailable(
  trip: MatchableTrip,
  request: MatchableRequest,
  context: MatchContext,
): boolean {
  if (trip.paused) return false;
  if (trip.driverId === request.passengerId) return false;
  if (trip.validFrom > request.date) return false;
  if (trip.validUntil !== null && trip.validUntil < request.date) return false;
  if (context.blockedPeople.has(trip.driverId)) return false;
  if (context.skipDrivers?.has(trip.driverId)) return false;
  return true;
}

/**
 * The candidate this leg makes, null when a rule or the ranking rules it out, or 'full' when it
 * would serve but has no seat left (so a search with none can say the trips are full).
 */
export function legCandidate(
  index: TripIndex,
  i: number,
  leg: Leg,
  start: number,
  p: { lon: number; lat: number },
  d: { lon: number; lat: number },
  limits: { earliest: number; latest: number; windowStart: number },
  settings: MatchingSettings,
  context: MatchContext,
  request: MatchableRequest,
  top: TopCandidates,
): Draft | 'full' | null {
  const trip = index.trips[i]!;
  const { roadFactor, speedKmh } = settings;
  // The return runs B → A: it starts at the trip's destination.
  const outbound = leg === 'outbound';
  const sLon = outbound ? index.aLon[i]! : index.bLon[i]!;
  const sLat = outbound ? index.aLat[i]! : index.bLat[i]!;
  const eLon = outbound ? index.bLon[i]! : index.aLon[i]!;
  const eLat = outbound ? index.bLat[i]! : index.aLat[i]!;
  const toPickup = haversineKm(sLon, sLat, p.lon, p.lat);
  const pickupExact = start + drivingMinutes(toPickup * roadFactor, speedKmh);
  const pickup = Math.round(pickupExact);
  if (pickup < limits.earliest || pickup > limits.latest) return null;
  // In a dense network most trips fit: skip the rest when even no detour could not rank.
  const asks = recentAsksOf(context.recentAsks, trip.driverId);
  const window = { earliest: limits.windowStart, latest: limits.latest };
  if (scoreCandidate({ pickup, detour: 0, asks }, window, settings).score < top.threshold()) {
    return null;
  }
  const toDropoff = haversineKm(sLon, sLat, d.lon, d.lat);
  // The passenger must be picked up before being dropped off along the driver's way.
  if (toPickup > toDropoff) return null;
  const passenger = haversineKm(p.lon, p.lat, d.lon, d.lat);
  const fromDropoff = haversineKm(d.lon, d.lat, eLon, eLat);
  const excessKm = Math.max(0, toPickup + passenger + fromDropoff - index.lineKm[i]!);
  if (excessKm > index.excessKm[i]! + 1e-9) return null;
  const dropoff = Math.round(pickupExact + drivingMinutes(passenger * roadFactor, speedKmh));
  if (dropoff >= 1440) return null;

  const seatsLeft = trip.seats - seatsTakenOn(context.seatsTaken, trip._id, request.date, leg);
  if (seatsLeft < request.seats) return 'full';

  const detour = drivingMinutes(excessKm * roadFactor, speedKmh);
  const detourMinutes = round1(detour);
  const { score, parts } = scoreCandidate({ pickup, detour, asks }, window, settings);
  if (!top.mightEnter({ score, detourMinutes, tripId: trip._id, leg })) return null;
  return {
    tripId: trip._id,
    driverId: trip.driverId,
    leg,
    date: request.date,
    pickupTime: hhmm(pickup),
    dropoffTime: hhmm(dropoff),
    detourMinutes,
    seatsLeft,
    score,
    scoreParts: parts,
  };
}
