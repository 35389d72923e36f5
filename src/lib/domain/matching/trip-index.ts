// A spatial index of regular trips, so that a search looks at the trips that could pass near the
// passenger, not at every trip in France. A trip can serve a pickup P and drop-off D only if both
// lie inside the ellipse of points whose straight-line detour A→X→B exceeds A→B by at most the
// trip's accepted detour (the road factor and speed turn minutes into straight km). That ellipse
// lies within its semi-minor axis of the segment AB, so each trip is put in every grid cell its
// widened bounding box touches; a search reads the one cell holding P. The same ellipse serves
// the return leg (B → A). Numbers live in typed arrays: a million trips fit in ~100 MB.
import { minutesOfDay } from '../documents/time';
import { KM_PER_DEGREE, haversineKm } from './geo';
import { DEFAULT_MATCHING_SETTINGS, type MatchingSettings } from './settings';
import { lookupCommune, type CommuneLookup, type MatchableTrip } from './types';

export interface TripIndexOptions {
  /** Grid cell side in degrees (0.1° ≈ 8 × 11 km in France). A cell of 360 scans every trip. */
  readonly cellDegrees?: number;
}

export interface TripIndex<T extends MatchableTrip = MatchableTrip> {
  readonly trips: readonly T[];
  /** Road factor and speed the ellipses were drawn with; searches must use the same. */
  readonly roadFactor: number;
  readonly speedKmh: number;
  readonly cellDegrees: number;
  readonly columns: number;
  readonly aLon: Float64Array;
  readonly aLat: Float64Array;
  readonly bLon: Float64Array;
  readonly bLat: Float64Array;
  /** Straight-line km from A to B. */
  readonly lineKm: Float64Array;
  /** Widened bounding box of the detour ellipse. */
  readonly minLon: Float64Array;
  readonly minLat: Float64Array;
  readonly maxLon: Float64Array;
  readonly maxLat: Float64Array;
  /** Bit (1 << isoWeekday) set for each day the trip runs. */
  readonly weekdayBits: Uint8Array;
  /** Minutes after midnight of the departure and of the return (-1 without one). */
  readonly departureMin: Int16Array;
  readonly returnMin: Int16Array;
  /** Latest pickup minute on each leg (departure + the longest drive the ellipse allows). */
  readonly outboundLatestMin: Int16Array;
  readonly returnLatestMin: Int16Array;
  /** Grid: cell key → bucket; trips of bucket k are entries[bucketStart[k] .. bucketStart[k+1]). */
  readonly bucketOfCell: ReadonlyMap<number, number>;
  readonly bucketStart: Int32Array;
  readonly entries: Int32Array;
  /** Trips left out because a commune is unknown (ids), for the caller to report. */
  readonly unplaced: readonly string[];
}

/** Straight-line km a detour of `minutes` allows. */
export function detourStraightKm(minutes: number, roadFactor: number, speedKmh: number): number {
  return ((minutes / 60) * speedKmh) / roadFactor;
}

export function cellKey(
  index: Pick<TripIndex, 'cellDegrees' | 'columns'>,
  lon: number,
  lat: number,
): number {
  const ix = Math.floor((lon + 180) / index.cellDegrees);
  const iy = Math.floor((lat + 90) / index.cellDegrees);
  return iy * index.columns + ix;
}

export function buildTripIndex<T extends MatchableTrip>(
  trips: readonly T[],
  communes: CommuneLookup,
  settings: Pick<MatchingSettings, 'roadFactor' | 'speedKmh'> = DEFAULT_MATCHING_SETTINGS,
  options: TripIndexOptions = {},
): TripIndex<T> {
  const cellDegrees = options.cellDegrees ?? 0.1;
  const columns = Math.ceil(360 / cellDegrees) + 1;
  const n = trips.length;
  const aLon = new Float64Array(n);
  const aLat = new Float64Array(n);
  const bLon = new Float64Array(n);
  const bLat = new Float64Array(n);
  const lineKm = new Float64Array(n);
  const minLon = new Float64Array(n);
  const minLat = new Float64Array(n);
  const maxLon = new Float64Array(n);
  const maxLat = new Float64Array(n);
  const weekdayBits = new Uint8Array(n);
  const departureMin = new Int16Array(n);
  const returnMin = new Int16Array(n);
  const outboundLatestMin = new Int16Array(n);
  const returnLatestMin = new Int16Array(n);
  const placed = new Uint8Array(n);
  const unplaced: string[] = [];
  const grid = { cellDegrees, columns };

  // Pass 1: geometry, and how many entries each cell gets.
  const countOfCell = new Map<number, number>();
  const forEachCell = (i: number, visit: (key: number) => void) => {
    const x0 = Math.floor((minLon[i]! + 180) / cellDegrees);
    const x1 = Math.floor((maxLon[i]! + 180) / cellDegrees);
    const y0 = Math.floor((minLat[i]! + 90) / cellDegrees);
    const y1 = Math.floor((maxLat[i]! + 90) / cellDegrees);
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) visit(y * columns + x);
  };
  for (let i = 0; i < n; i++) {
    const trip = trips[i]!;
    const a = lookupCommune(communes, trip.fromInsee);
    const b = lookupCommune(communes, trip.toInsee);
    if (!a || !b) {
      unplaced.push(trip._id);
      continue;
    }
    placed[i] = 1;
    aLon[i] = a.lon;
    aLat[i] = a.lat;
    bLon[i] = b.lon;
    bLat[i] = b.lat;
    const line = haversineKm(a.lon, a.lat, b.lon, b.lat);
    lineKm[i] = line;
    const excess = detourStraightKm(trip.detourMinutes, settings.roadFactor, settings.speedKmh);
    // Semi-minor axis of the ellipse, widened a little: the sphere is not quite a plane.
    const reach = (Math.sqrt(excess * (2 * line + excess)) / 2) * 1.02 + 0.2;
    const dLat = reach / KM_PER_DEGREE;
    const south = Math.min(a.lat, b.lat) - dLat;
    const north = Math.max(a.lat, b.lat) + dLat;
    const widestLat = Math.min(89, Math.max(Math.abs(south), Math.abs(north)));
    const dLon = reach / (KM_PER_DEGREE * Math.cos((widestLat * Math.PI) / 180));
    minLon[i] = Math.min(a.lon, b.lon) - dLon;
    maxLon[i] = Math.max(a.lon, b.lon) + dLon;
    minLat[i] = south;
    maxLat[i] = north;
    let bits = 0;
    for (const day of trip.weekdays) bits |= 1 << day;
    weekdayBits[i] = bits;
    // Longest straight path to a pickup inside the ellipse is line + excess.
    const longestDrive = Math.ceil(
      (((line + excess) * settings.roadFactor) / settings.speedKmh) * 60,
    );
    departureMin[i] = minutesOfDay(trip.departure);
    outboundLatestMin[i] = departureMin[i]! + longestDrive;
    if (trip.returnDeparture !== null) {
      returnMin[i] = minutesOfDay(trip.returnDeparture);
      returnLatestMin[i] = returnMin[i]! + longestDrive;
    } else {
      returnMin[i] = -1;
      returnLatestMin[i] = -1;
    }
    forEachCell(i, (key) => countOfCell.set(key, (countOfCell.get(key) ?? 0) + 1));
  }

  // Pass 2: compressed buckets (one Int32Array for all cells).
  const bucketOfCell = new Map<number, number>();
  const bucketStart = new Int32Array(countOfCell.size + 1);
  let total = 0;
  let bucket = 0;
  for (const [key, count] of countOfCell) {
    bucketOfCell.set(key, bucket);
    bucketStart[bucket] = total;
    total += count;
    bucket++;
  }
  bucketStart[bucket] = total;
  const entries = new Int32Array(total);
  const fill = bucketStart.slice(0, bucket);
  for (let i = 0; i < n; i++) {
    if (!placed[i]) continue;
    forEachCell(i, (key) => {
      const k = bucketOfCell.get(key)!;
      entries[fill[k]!++] = i;
    });
  }

  return {
    trips,
    roadFactor: settings.roadFactor,
    speedKmh: settings.speedKmh,
    ...grid,
    aLon,
    aLat,
    bLon,
    bLat,
    lineKm,
    minLon,
    minLat,
    maxLon,
    maxLat,
    weekdayBits,
    departureMin,
    returnMin,
    outboundLatestMin,
    returnLatestMin,
    bucketOfCell,
    bucketStart,
    entries,
    unplaced,
  };
}

/** The trips (positions in `index.trips`) whose detour ellipse may contain this point. */
export function tripsNear(index: TripIndex, lon: number, lat: number): Int32Array {
  const bucket = index.bucketOfCell.get(cellKey(index, lon, lat));
  if (bucket === undefined) return new Int32Array(0);
  return index.entries.subarray(index.bucketStart[bucket]!, index.bucketStart[bucket + 1]!);
}
