// Candidate trips for one request, best first. Pure: the index, the clock and every fact about
// seats, blocks, holidays and past asks come in through the arguments.
import { computeContribution, DEFAULT_CONTRIBUTION_SETTINGS } from '../contribution/contribution';
import { minutesOfDay } from '../documents/time';
import { isoWeekday, localDateOf, localTimeOf } from '../schedule/calendar';
import { isFrenchPublicHoliday } from '../schedule/holidays';
import { recentAsksOf, seatsTakenOn, type MatchContext } from './context';
import { drivingMinutes, haversineKm } from './geo';
import { scoreCandidate, compareCandidates, type ScoreParts } from './score';
import { matchingSettings, type MatchingSettings } from './settings';
import { buildTripIndex, detourStraightKm, tripsNear, type TripIndex } from './trip-index';
import { lookupCommune, type Leg, type MatchableRequest, type MatchableTrip } from './types';

export interface Candidate {
  readonly tripId: string;
  readonly driverId: string;
  readonly leg: Leg;
  readonly date: string;
  /** "HH:MM", Europe/Paris: when the driver reaches the passenger's commune. */
  readonly pickupTime: string;
  readonly dropoffTime: string;
  /** Extra driving the passenger costs the driver, minutes (one decimal). */
  readonly detourMinutes: number;
  /** Road estimate of the passenger's own leg, km (one decimal). */
  readonly passengerRoadKm: number;
  readonly contributionCents: number;
  readonly seatsLeft: number;
  readonly score: number;
  readonly scoreParts: ScoreParts;
}

export type RefusalReason =
  'cancelled' | 'unknown-commune' | 'same-place' | 'too-far' | 'passenger-blocked' | 'bad-window';

export type MatchResult =
  | {
      readonly status: 'ok';
      readonly candidates: readonly Candidate[];
      readonly passengerRoadKm: number;
      readonly contributionCents: number;
      /** The date is a public holiday and the territory skips them: no regular trip runs. */
      readonly publicHoliday: boolean;
      /** Trips the index handed over for a closer look (for benchmarks and logs). */
      readonly examined: number;
    }
  | {
      readonly status: 'refused';
      readonly reason: RefusalReason;
      /** French, for the coordinator and the passenger. */
      readonly message: string;
      readonly passengerRoadKm: number | null;
    };

const round1 = (x: number) => Math.round(x * 10) / 10;
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function refused(
  reason: RefusalReason,
  message: string,
  passengerRoadKm: number | null = null,
): MatchResult {
  return { status: 'refused', reason, message, passengerRoadKm };
}

/**
 * Trips that can take the passenger on the request's date, inside the pickup window, within the
 * detour each driver accepts; at most one per driver, ranked by time fit, detour and fairness.
 * Pass a TripIndex built once (buildTripIndex) for speed; a plain array is indexed on the fly.
 */
export function findCandidates<T extends MatchableTrip>(
  request: MatchableRequest,
  trips: TripIndex<T> | readonly T[],
  context: MatchContext,
): MatchResult {
  const settings = matchingSettings(context.settings);
  const index = Array.isArray(trips)
    ? buildTripIndex(trips as readonly T[], context.communes, settings)
    : (trips as TripIndex<T>);
  if (index.roadFactor !== settings.roadFactor || index.speedKmh !== settings.speedKmh) {
    throw new Error(
      'The trip index was built with another road factor or speed than the search uses',
    );
  }

  if (request.cancelledAt !== null) return refused('cancelled', 'Demande annulée.');
  if (request.fromInsee === request.toInsee)
    return refused('same-place', "Le départ et l'arrivée sont la même commune.");
  const p = lookupCommune(context.communes, request.fromInsee);
  const d = lookupCommune(context.communes, request.toInsee);
  if (!p || !d) return refused('unknown-commune', 'Commune inconnue du territoire.');
  const earliest = minutesOfDay(request.earliest);
  const latest = minutesOfDay(request.latest);
  if (earliest >= latest)
    return refused('bad-window', "L'heure de fin doit être après l'heure de début.");

  const { roadFactor } = settings;
  const passengerStraight = haversineKm(p.lon, p.lat, d.lon, d.lat);
  const passengerRoad = passengerStraight * roadFactor;
  if (passengerRoad > settings.maxPassengerRoadKm) {
    return refused(
      'too-far',
      `Trajet d'environ ${Math.round(passengerRoad)} km par la route : au-delà de ${settings.maxPassengerRoadKm} km, ce n'est plus du transport solidaire.`,
      round1(passengerRoad),
    );
  }
  const contribution = computeContribution(
    passengerRoad,
    context.contribution ?? DEFAULT_CONTRIBUTION_SETTINGS,
  );
  if (!contribution.ok) return refused('too-far', contribution.message, round1(passengerRoad));
  if (context.blockedPeople?.has(request.passengerId))
    return refused(
      'passenger-blocked',
      'Personne bloquée par la coordination.',
      round1(passengerRoad),
    );

  const base = {
    status: 'ok' as const,
    passengerRoadKm: round1(passengerRoad),
    contributionCents: contribution.cents,
  };
  const holiday =
    typeof context.holidays === 'function'
      ? context.holidays(request.date)
      : context.holidays
        ? context.holidays.has(request.date)
        : isFrenchPublicHoliday(request.date);
  if (holiday && settings.skipPublicHolidays)
    return { ...base, candidates: [], publicHoliday: true, examined: 0 };

  // Earliest acceptable pickup, in minutes after the request date's midnight.
  const today = localDateOf(context.now);
  const notBefore =
    minutesOfDay(localTimeOf(context.now)) +
    settings.minLeadMinutes -
    daysBetween(today, request.date) * 1440;
  const dayBit = 1 << isoWeekday(request.date);
  const near = tripsNear(index, p.lon, p.lat);
  const best = new Map<string, Candidate>();
  let examined = 0;

  for (let k = 0; k < near.length; k++) {
    const i = near[k]!;
    if ((index.weekdayBits[i]! & dayBit) === 0) continue;
    if (
      d.lon < index.minLon[i]! ||
      d.lon > index.maxLon[i]! ||
      d.lat < index.minLat[i]! ||
      d.lat > index.maxLat[i]!
    )
      continue;
    if (
      p.lon < index.minLon[i]! ||
      p.lon > index.maxLon[i]! ||
      p.lat < index.minLat[i]! ||
      p.lat > index.maxLat[i]!
    )
      continue;
    const outboundFits =
      index.departureMin[i]! <= latest && index.outboundLatestMin[i]! >= earliest;
    const returnFits =
      index.returnMin[i]! >= 0 &&
      index.returnMin[i]! <= latest &&
      index.returnLatestMin[i]! >= earliest;
    if (!outboundFits && !returnFits) continue;
    examined++;
    const trip = index.trips[i]!;
    if (!isAvailable(trip, request, context)) continue;
    for (const leg of ['outbound', 'return'] as const) {
      if (leg === 'outbound' ? !outboundFits : !returnFits) continue;
      const candidate = legCandidate(
        index,
        i,
        leg,
        request,
        p,
        d,
        { earliest, latest, notBefore },
        settings,
        context,
      );
      if (!candidate) continue;
      const scored = {
        ...candidate,
        contributionCents: contribution.cents,
        passengerRoadKm: base.passengerRoadKm,
      };
      const kept = best.get(trip.driverId);
      if (!kept || compareCandidates(scored, kept) < 0) best.set(trip.driverId, scored);
    }
  }

  const candidates = [...best.values()].sort(compareCandidates).slice(0, settings.maxCandidates);
  return { ...base, candidates, publicHoliday: holiday, examined };
}

function isAvailable(
  trip: MatchableTrip,
  request: MatchableRequest,
  context: MatchContext,
): boolean {
  if (trip.paused) return false;
  if (trip.driverId === request.passengerId) return false;
  if (trip.validFrom > request.date) return false;
  if (trip.validUntil !== null && trip.validUntil < request.date) return false;
  if (context.blockedPeople?.has(trip.driverId)) return false;
  if (context.skipDrivers?.has(trip.driverId)) return false;
  return true;
}

function legCandidate(
  index: TripIndex,
  i: number,
  leg: Leg,
  request: MatchableRequest,
  p: { lon: number; lat: number },
  d: { lon: number; lat: number },
  limits: { earliest: number; latest: number; notBefore: number },
  settings: MatchingSettings,
  context: MatchContext,
): Omit<Candidate, 'contributionCents' | 'passengerRoadKm'> | null {
  const trip = index.trips[i]!;
  const { roadFactor, speedKmh } = settings;
  // The return runs B → A: start at the trip's destination.
  const [sLon, sLat, eLon, eLat] =
    leg === 'outbound'
      ? [index.aLon[i]!, index.aLat[i]!, index.bLon[i]!, index.bLat[i]!]
      : [index.bLon[i]!, index.bLat[i]!, index.aLon[i]!, index.aLat[i]!];
  const toPickup = haversineKm(sLon, sLat, p.lon, p.lat);
  const toDropoff = haversineKm(sLon, sLat, d.lon, d.lat);
  // The passenger must be picked up before being dropped off along the driver's way.
  if (toPickup > toDropoff) return null;
  const passenger = haversineKm(p.lon, p.lat, d.lon, d.lat);
  const fromDropoff = haversineKm(d.lon, d.lat, eLon, eLat);
  const excessKm = Math.max(0, toPickup + passenger + fromDropoff - index.lineKm[i]!);
  if (excessKm > detourStraightKm(trip.detourMinutes, roadFactor, speedKmh) + 1e-9) return null;
  const detour = drivingMinutes(excessKm * roadFactor, speedKmh);

  const start = leg === 'outbound' ? index.departureMin[i]! : index.returnMin[i]!;
  const pickupExact = start + drivingMinutes(toPickup * roadFactor, speedKmh);
  const pickup = Math.round(pickupExact);
  const dropoff = Math.round(pickupExact + drivingMinutes(passenger * roadFactor, speedKmh));
  if (pickup < limits.earliest || pickup > limits.latest || dropoff >= 1440) return null;
  if (pickup < limits.notBefore) return null;

  const seatsLeft = trip.seats - seatsTakenOn(context.seatsTaken, trip._id, request.date, leg);
  if (seatsLeft < request.seats) return null;

  const { score, parts } = scoreCandidate(
    { pickup, detour, asks: recentAsksOf(context.recentAsks, trip.driverId) },
    limits,
    settings,
  );
  return {
    tripId: trip._id,
    driverId: trip.driverId,
    leg,
    date: request.date,
    pickupTime: hhmm(pickup),
    dropoffTime: hhmm(dropoff),
    detourMinutes: round1(detour),
    seatsLeft,
    score,
    scoreParts: parts,
  };
}
