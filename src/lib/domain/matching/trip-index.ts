// A spatial index of regular trips, so that a search looks at the trips that could pass near the
// passenger, not at every trip in France. A trip can serve a pickup P and drop-off D only if both
// lie inside the ellipse of points X whose straight-line way A→X→B exceeds A→B by at most the
// trip's accepted detour (the road factor and speed turn minutes into straight km). That ellipse
// lies within its semi-minor axis of the segment AB, so each leg (outbound, and return when there
// is one: the same ellipse) is put in every grid cell that close to the segment. Inside a cell,
// legs are sorted by the time they pass the cell's centre, so a search reads only the legs that
// pass the passenger's cell around the pickup window. Numbers live in typed arrays (about 7 bytes
// per cell entry and 120 per trip).
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
  /** The grid: cells x0 … x0 + width - 1 by y0 …, x = floor((lon + 180) / cellDegrees), y alike. */
  readonly gridX0: number;
  readonly gridY0: number;
  readonly gridWidth: number;
  readonly gridHeight: number;
  readonly aLon: Float64Array;
  readonly aLat: Float64Array;
  readonly bLon: Float64Array;
  readonly bLat: Float64Array;
  /** Straight-line km from A to B, and the straight-line excess the accepted detour allows. */
  readonly lineKm: Float64Array;
  readonly excessKm: Float64Array;
  /** Km per degree of longitude at the trip's middle latitude (local flat projection). */
  readonly kmPerLon: Float64Array;
  /**
   * Six numbers per trip, side by side for the search's hot loop: km per degree of longitude,
   * A and B projected (x = lon × that, y = lat × km per degree), and the ellipse bound (line +
   * excess, with slack) on that projection.
   */
  readonly flat: Float64Array;
  /** Minutes after midnight of the departure and of the return (-1 without one). */
  readonly departureMin: Int16Array;
  readonly returnMin: Int16Array;
  /** Grid cell → bucket (-1: none); bucket k holds entries bucketStart[k] .. bucketStart[k+1] - 1. */
  readonly bucketOfGridCell: Int32Array;
  readonly bucketStart: Int32Array;
  /** Minutes a leg may pass a point of the cell before or after it passes the cell's centre. */
  readonly bucketSpread: Int32Array;
  /** One entry per leg and cell: trip position × 2 + (0 outbound, 1 return)… */
  readonly entries: Int32Array;
  /** …the minute it passes the cell's centre (entries of a bucket are sorted by it)… */
  readonly entryPass: Int16Array;
  /** …and its weekdays, bit (1 << isoWeekday). */
  readonly entryDays: Uint8Array;
  /** Trips left out because a commune is unknown (ids), for the caller to report. */
  readonly unplaced: readonly string[];
}

/** Straight-line km a detour of `minutes` allows. */
function detourStraightKm(minutes: number, roadFactor: number, speedKmh: number): number {
  return ((minutes / 60) * speedKmh) / roadFactor;
}

/** Relative and absolute slack of the flat-projection tests: they may keep, never drop. */
export const FLAT_SLACK = 0.03;
export const FLAT_SLACK_KM = 0.3;
export const FLAT_STRIDE = 6;

function flatBound(line: number, excess: number): number {
  return (line + excess) * (1 + FLAT_SLACK) + FLAT_SLACK_KM;
}

/** The bucket of the cell holding a point, or -1 when no trip passes there. */
export function bucketAt(index: TripIndex, lon: number, lat: number): number {
  const x = Math.floor((lon + 180) / index.cellDegrees) - index.gridX0;
  const y = Math.floor((lat + 90) / index.cellDegrees) - index.gridY0;
  if (x < 0 || y < 0 || x >= index.gridWidth || y >= index.gridHeight) return -1;
  return index.bucketOfGridCell[y * index.gridWidth + x]!;
}

export function buildTripIndex<T extends MatchableTrip>(
  trips: readonly T[],
  communes: CommuneLookup,
  settings: Pick<MatchingSettings, 'roadFactor' | 'speedKmh'> = DEFAULT_MATCHING_SETTINGS,
  options: TripIndexOptions = {},
): TripIndex<T> {
  const cellDegrees = options.cellDegrees ?? 0.1;
  // Pass times are stored in 16 bits: a cell's centre must stay within a day's drive.
  if (!(cellDegrees > 0 && cellDegrees <= 2)) throw new RangeError('cellDegrees must be in (0, 2]');
  const n = trips.length;
  const aLon = new Float64Array(n);
  const aLat = new Float64Array(n);
  const bLon = new Float64Array(n);
  const bLat = new Float64Array(n);
  const lineKm = new Float64Array(n);
  const excessKm = new Float64Array(n);
  const kmPerLon = new Float64Array(n);
  const flat = new Float64Array(n * FLAT_STRIDE);
  const weekdayBits = new Uint8Array(n);
  const departureMin = new Int16Array(n);
  const returnMin = new Int16Array(n).fill(-1);
  const placed = new Uint8Array(n);
  const unplaced: string[] = [];

  // Cell range [x0, x1] × [y0, y1] of a trip's widened bounding box, in `box`.
  const box = new Int32Array(4);
  const reachOf = (i: number) =>
    (Math.sqrt(excessKm[i]! * (2 * lineKm[i]! + excessKm[i]!)) / 2) * (1 + FLAT_SLACK) +
    FLAT_SLACK_KM;
  const cellBox = (i: number, reach: number) => {
    const dLat = reach / KM_PER_DEGREE;
    const dLon = (reach / kmPerLon[i]!) * 1.1;
    box[0] = Math.floor((Math.min(aLon[i]!, bLon[i]!) - dLon + 180) / cellDegrees);
    box[1] = Math.floor((Math.max(aLon[i]!, bLon[i]!) + dLon + 180) / cellDegrees);
    box[2] = Math.floor((Math.min(aLat[i]!, bLat[i]!) - dLat + 90) / cellDegrees);
    box[3] = Math.floor((Math.max(aLat[i]!, bLat[i]!) + dLat + 90) / cellDegrees);
  };
  // The grid covers the cells any trip touches; a cell is numbered (y - y0) × width + (x - x0).
  let gridX0 = Infinity;
  let gridX1 = -Infinity;
  let gridY0 = Infinity;
  let gridY1 = -Infinity;
  let width = 0;

  // The cells a trip's ellipse may touch: those whose centre lies within reach + half a cell
  // diagonal of the segment AB, on a flat projection around the trip.
  const forEachCell = (
    i: number,
    visit: (key: number, fromA: number, fromB: number, halfDiagonal: number) => void,
  ) => {
    const kx = kmPerLon[i]!;
    const ax = aLon[i]! * kx;
    const ay = aLat[i]! * KM_PER_DEGREE;
    const dx = bLon[i]! * kx - ax;
    const dy = bLat[i]! * KM_PER_DEGREE - ay;
    const reach = reachOf(i);
    const halfDiagonal = (Math.hypot(cellDegrees * kx, cellDegrees * KM_PER_DEGREE) / 2) * 1.05;
    const limit = (reach + halfDiagonal) ** 2;
    cellBox(i, reach);
    const [x0, x1, y0, y1] = box as unknown as [number, number, number, number];
    const length2 = dx * dx + dy * dy;
    for (let y = y0; y <= y1; y++) {
      const cy = ((y + 0.5) * cellDegrees - 90) * KM_PER_DEGREE - ay;
      for (let x = x0; x <= x1; x++) {
        const cx = ((x + 0.5) * cellDegrees - 180) * kx - ax;
        const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, (cx * dx + cy * dy) / length2));
        if ((cx - t * dx) ** 2 + (cy - t * dy) ** 2 <= limit) {
          visit(
            (y - gridY0) * width + (x - gridX0),
            Math.sqrt(cx * cx + cy * cy),
            Math.hypot(cx - dx, cy - dy),
            halfDiagonal,
          );
        }
      }
    }
  };

  // Pass 1: geometry, and the grid's extent.
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
    const excess = detourStraightKm(trip.detourMinutes, settings.roadFactor, settings.speedKmh);
    lineKm[i] = line;
    excessKm[i] = excess;
    kmPerLon[i] = KM_PER_DEGREE * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
    const kx = kmPerLon[i]!;
    flat.set(
      [
        kx,
        a.lon * kx,
        a.lat * KM_PER_DEGREE,
        b.lon * kx,
        b.lat * KM_PER_DEGREE,
        flatBound(line, excess),
      ],
      i * FLAT_STRIDE,
    );
    for (const day of trip.weekdays) weekdayBits[i] = weekdayBits[i]! | (1 << day);
    departureMin[i] = minutesOfDay(trip.departure);
    const legCount = trip.returnDeparture === null ? 1 : 2;
    if (legCount === 2) returnMin[i] = minutesOfDay(trip.returnDeparture!);
    cellBox(i, reachOf(i));
    gridX0 = Math.min(gridX0, box[0]!);
    gridX1 = Math.max(gridX1, box[1]!);
    gridY0 = Math.min(gridY0, box[2]!);
    gridY1 = Math.max(gridY1, box[3]!);
  }

  // Pass 2: how many legs each cell gets; one bucket per cell that gets any.
  if (gridX0 > gridX1) gridX0 = gridX1 = gridY0 = gridY1 = 0;
  width = gridX1 - gridX0 + 1;
  const height = gridY1 - gridY0 + 1;
  const bucketOfGridCell = new Int32Array(width * height);
  for (let i = 0; i < n; i++) {
    if (!placed[i]) continue;
    const legCount = returnMin[i]! >= 0 ? 2 : 1;
    forEachCell(i, (cell) => {
      bucketOfGridCell[cell]! += legCount;
    });
  }
  let buckets = 0;
  for (let cell = 0; cell < bucketOfGridCell.length; cell++)
    if (bucketOfGridCell[cell]! > 0) buckets++;
  const bucketStart = new Int32Array(buckets + 1);
  const bucketSpread = new Int32Array(buckets);
  let total = 0;
  let bucket = 0;
  for (let cell = 0; cell < bucketOfGridCell.length; cell++) {
    const count = bucketOfGridCell[cell]!;
    if (count === 0) {
      bucketOfGridCell[cell] = -1;
      continue;
    }
    bucketOfGridCell[cell] = bucket;
    bucketStart[bucket] = total;
    total += count;
    bucket++;
  }
  bucketStart[bucket] = total;

  // Pass 3: each leg notes when it passes each cell's centre.
  const entries = new Int32Array(total);
  const entryPass = new Int16Array(total);
  const entryDays = new Uint8Array(total);
  const fill = bucketStart.slice(0, bucket);
  const minutesPerKm = (settings.roadFactor / settings.speedKmh) * 60;
  for (let i = 0; i < n; i++) {
    if (!placed[i]) continue;
    const hasReturn = returnMin[i]! >= 0;
    forEachCell(i, (cell, fromA, fromB, halfDiagonal) => {
      const k = bucketOfGridCell[cell]!;
      // A point of the cell is within half a diagonal of its centre; the flat projection errs
      // by FLAT_SLACK at most: the pass time of any point is within `spread` of the centre's.
      const spread =
        Math.ceil(
          ((halfDiagonal + FLAT_SLACK * Math.max(fromA, fromB) + FLAT_SLACK_KM) * minutesPerKm) /
            (1 - FLAT_SLACK),
        ) + 1;
      if (spread > bucketSpread[k]!) bucketSpread[k] = spread;
      let at = fill[k]!++;
      entries[at] = i * 2;
      entryPass[at] = departureMin[i]! + Math.round(fromA * minutesPerKm);
      if (hasReturn) {
        at = fill[k]!++;
        entries[at] = i * 2 + 1;
        entryPass[at] = returnMin[i]! + Math.round(fromB * minutesPerKm);
      }
    });
  }
  // Sort each bucket by pass time (packed as one float: pass × 2^32 + entry).
  let largest = 0;
  for (let k = 0; k < bucket; k++)
    largest = Math.max(largest, bucketStart[k + 1]! - bucketStart[k]!);
  const packed = new Float64Array(largest);
  for (let k = 0; k < bucket; k++) {
    const lo = bucketStart[k]!;
    const size = bucketStart[k + 1]! - lo;
    const view = packed.subarray(0, size);
    for (let j = 0; j < size; j++) view[j] = entryPass[lo + j]! * 4294967296 + entries[lo + j]!;
    view.sort();
    for (let j = 0; j < size; j++) {
      const entry = view[j]! % 4294967296;
      entries[lo + j] = entry;
      entryPass[lo + j] = (view[j]! - entry) / 4294967296;
      entryDays[lo + j] = weekdayBits[entry >> 1]!;
    }
  }

  return {
    trips,
    roadFactor: settings.roadFactor,
    speedKmh: settings.speedKmh,
    cellDegrees,
    gridX0,
    gridY0,
    gridWidth: width,
    gridHeight: height,
    aLon,
    aLat,
    bLon,
    bLat,
    lineKm,
    excessKm,
    kmPerLon,
    flat,
    departureMin,
    returnMin,
    bucketOfGridCell,
    bucketStart,
    bucketSpread,
    entries,
    entryPass,
    entryDays,
    unplaced,
  };
}

/** First position in [from, to) passing the cell's centre at `minute` or later. */
export function firstPassingAt(index: TripIndex, from: number, to: number, minute: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.entryPass[mid]! < minute) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
