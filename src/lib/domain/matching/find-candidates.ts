// Candidate trips for one request, best first. Pure: the index, the clock and every fact about
// seats, blocks, holidays and past asks come in through the arguments.
import { computeContribution, DEFAULT_CONTRIBUTION_SETTINGS } from '../contribution/contribution';
import { minutesOfDay } from '../documents/time';
import { isoWeekday, localDateOf, localTimeOf } from '../schedule/calendar';
import { isHoliday, type MatchContext } from './context';
import { TopCandidates, type Candidate } from './candidate';
import { isAvailable, legCandidate, round1 } from './leg-candidate';
import { drivingMinutes, haversineKm, KM_PER_DEGREE, type LonLat } from './geo';
import { matchingSettings } from './settings';
import {
  buildTripIndex,
  bucketAt,
  firstPassingAt,
  FLAT_SLACK,
  FLAT_SLACK_KM,
  FLAT_STRIDE,
  type TripIndex,
} from './trip-index';
import { lookupCommune, type Leg, type MatchableRequest, type MatchableTrip } from './types';

export type { Candidate } from './candidate';

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
      /** Index entries read, and trips that passed the cheap tests (for benchmarks and logs). */
      readonly scanned: number;
      readonly examined: number;
      /** Legs that would serve but have no seat left (all of them when there is no candidate). */
      readonly full: number;
    }
  | {
      readonly status: 'refused';
      readonly reason: RefusalReason;
      /** French, for the coordinator and the passenger. */
      readonly message: string;
      readonly passengerRoadKm: number | null;
    };

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
  if (context.blockedPeople.has(request.passengerId))
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
  const holiday = isHoliday(context.holidays, request.date);
  if (holiday && settings.skipPublicHolidays)
    return { ...base, candidates: [], publicHoliday: true, scanned: 0, examined: 0, full: 0 };

  // Earliest acceptable pickup, in minutes after the request date's midnight.
  const clock = localClock(context.now);
  const notBefore =
    clock.minutes + settings.minLeadMinutes - daysBetween(clock.date, request.date) * 1440;
  const dayBit = 1 << isoWeekday(request.date);
  const limits = { earliest: Math.max(earliest, notBefore), latest, windowStart: earliest };
  const top = new TopCandidates(settings.maxCandidates);
  let examined = 0;
  let full = 0;

  // Both P and D lie in every serving trip's ellipse: read the cell (P's or D's) where fewer
  // legs pass at the right time.
  const rideMinutes = drivingMinutes(passengerRoad, settings.speedKmh);
  const range = passingRange(index, p, d, limits.earliest, latest, rideMinutes);
  const { entries, entryDays, entryPass, flat, departureMin, returnMin } = index;
  // Flat-projection figures: a cheap test of the ellipse and of the pickup time, with slack, so
  // that only trips that really pass by at the right time reach the exact (haversine) checks.
  const py = p.lat * KM_PER_DEGREE;
  const dy = d.lat * KM_PER_DEGREE;
  const minutesPerKm = (settings.roadFactor / settings.speedKmh) * 60;
  const { weights } = settings;
  const centre = (earliest + latest) / 2;
  const half = (latest - earliest) / 2;
  // Best score a leg could reach with its pickup `gap` minutes from the window's centre (no
  // detour, never asked): once the list is full of better ones, it need not be looked at.
  const mayRank = (gap: number) =>
    weights.time * Math.max(0, 1 - gap / half) + weights.detour + weights.fairness + 0.002 >=
    top.threshold();

  const consider = (j: number) => {
    if ((entryDays[j]! & dayBit) === 0) return;
    const entry = entries[j]!;
    const o = (entry >> 1) * FLAT_STRIDE;
    const kx = flat[o]!;
    const px = p.lon * kx;
    const bound = flat[o + 5]!;
    const pa = Math.sqrt((flat[o + 1]! - px) ** 2 + (flat[o + 2]! - py) ** 2);
    const pb = Math.sqrt((flat[o + 3]! - px) ** 2 + (flat[o + 4]! - py) ** 2);
    if (pa + pb > bound) return;
    const start = entry & 1 ? returnMin[entry >> 1]! : departureMin[entry >> 1]!;
    // The flat distance is within FLAT_SLACK (relative) and FLAT_SLACK_KM of the true one.
    const toPickup = entry & 1 ? pb : pa;
    const soonest =
      start + (Math.max(0, toPickup - FLAT_SLACK_KM) / (1 + FLAT_SLACK)) * minutesPerKm;
    const latestReach = start + ((toPickup + FLAT_SLACK_KM) / (1 - FLAT_SLACK)) * minutesPerKm;
    if (soonest > latest + 1 || latestReach < limits.earliest - 1) return;
    const nearest = Math.min(Math.max(centre, soonest - 1), latestReach + 1);
    if (!mayRank(Math.abs(nearest - centre))) return;
    const dx = d.lon * kx;
    const da = Math.sqrt((flat[o + 1]! - dx) ** 2 + (flat[o + 2]! - dy) ** 2);
    const db = Math.sqrt((flat[o + 3]! - dx) ** 2 + (flat[o + 4]! - dy) ** 2);
    if (da + db > bound) return;
    examined++;
    const i = entry >> 1;
    const trip = index.trips[i]!;
    if (!isAvailable(trip, request, context)) return;
    const leg: Leg = entry & 1 ? 'return' : 'outbound';
    const found = legCandidate(index, i, leg, start, p, d, limits, settings, context, request, top);
    if (found === 'full') full++;
    else if (found) top.offer(found);
  };

  // Entries are sorted by the time they pass the cell, close to the pickup time: walk outwards
  // from the window's centre and stop each way once nothing further can rank.
  const { from, to, spread, ride } = range;
  let up = firstPassingAt(index, from, to, Math.round(centre + ride / 2));
  let down = up - 1;
  let scanned = 0;
  while (up < to || down >= from) {
    if (up < to) {
      const gap = entryPass[up]! - spread - ride - centre; // earliest pickup from here up
      if (gap > 0 && !mayRank(gap)) up = to;
      else {
        consider(up++);
        scanned++;
      }
    }
    if (down >= from) {
      const gap = centre - (entryPass[down]! + spread); // latest pickup from here down
      if (gap > 0 && !mayRank(gap)) down = from - 1;
      else {
        consider(down--);
        scanned++;
      }
    }
  }

  const candidates = top.list().map((c) => ({
    ...c,
    contributionCents: contribution.cents,
    passengerRoadKm: base.passengerRoadKm,
  }));
  return { ...base, candidates, publicHoliday: holiday, scanned, examined, full };
}

/**
 * Entries of P's or D's cell (whichever holds fewer) whose legs pass that cell when the pickup
 * can fall in the window. A leg's pickup is within `spread` of when it passes P's cell; it passes
 * D's cell after the pickup and at most the passenger's ride later (`ride`).
 */
function passingRange(
  index: TripIndex,
  p: LonLat,
  d: LonLat,
  earliest: number,
  latest: number,
  rideMinutes: number,
): { from: number; to: number; spread: number; ride: number } {
  let best = { from: 0, to: 0, spread: 0, ride: 0 };
  let first = true;
  for (const [point, ride] of [
    [p, 0],
    [d, Math.ceil(rideMinutes)],
  ] as const) {
    const bucket = bucketAt(index, point.lon, point.lat);
    if (bucket < 0) return { from: 0, to: 0, spread: 0, ride: 0 };
    const spread = index.bucketSpread[bucket]!;
    const lo = index.bucketStart[bucket]!;
    const hi = index.bucketStart[bucket + 1]!;
    const from = firstPassingAt(index, lo, hi, earliest - spread - 1);
    const to = firstPassingAt(index, from, hi, latest + ride + spread + 2);
    if (first || to - from < best.to - best.from) best = { from, to, spread: spread + 1, ride };
    first = false;
  }
  return best;
}

// Europe/Paris date and minute of `now`, remembered for the last instant seen: a batch of
// searches shares one clock reading, and the time zone conversion costs more than a search.
let lastClock = { at: Number.NaN, date: '', minutes: 0 };
function localClock(now: Date): { date: string; minutes: number } {
  if (now.getTime() !== lastClock.at) {
    lastClock = {
      at: now.getTime(),
      date: localDateOf(now),
      minutes: minutesOfDay(localTimeOf(now)),
    };
  }
  return lastClock;
}
