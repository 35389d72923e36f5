// Candidate search alone (findCandidates over a prebuilt TripIndex): requests per second, latency
// and memory, with 100,000 and 1,000,000 synthetic regular trips over 35,000 synthetic communes
// spread over France, and 100,000 trips over the Lot's real 312 communes. Deterministic.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import type { MatchContext } from '../src/lib/domain/matching/context';
import { findCandidates } from '../src/lib/domain/matching/find-candidates';
import { isFrenchPublicHoliday } from '../src/lib/domain/schedule/holidays';
import type { LonLat } from '../src/lib/domain/matching/geo';
import { buildTripIndex, type TripIndex } from '../src/lib/domain/matching/trip-index';
import type { MatchableRequest, MatchableTrip } from '../src/lib/domain/matching/types';
import { outputPaths } from '../server/gazetteer/options';

const NOW = new Date('2026-11-23T05:00:00Z'); // Monday 23/11/2026, 6:00 in Paris
const DATES = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-30'];
const FRANCE = { west: -4.6, east: 7.8, south: 42.6, north: 50.9 };

interface Place extends LonLat {
  readonly insee: string;
  readonly population: number;
}

export async function benchMatching(): Promise<Record<string, unknown>> {
  const gc = exposeGc();
  const national = syntheticCommunes(35_000, 1);
  const lot = lotCommunes();
  // MATCHING_CASES=lot100k (comma-separated) runs only some cases, for profiling.
  const only = process.env.MATCHING_CASES?.split(',');
  const cases: Record<string, () => unknown> = {
    national100k: () =>
      runCase('35,000 synthetic communes, 100,000 trips', national, 100_000, 20_000, gc),
    national1M: () =>
      runCase('35,000 synthetic communes, 1,000,000 trips', national, 1_000_000, 20_000, gc),
    lot100k: () => runCase('Lot: 312 real communes, 100,000 trips', lot, 100_000, 10_000, gc),
    lot5k: () =>
      runCase('Lot: 312 real communes, 5,000 trips (a realistic size)', lot, 5_000, 10_000, gc),
  };
  const results: Record<string, unknown> = {
    note: 'findCandidates alone over a prebuilt index; heap after building, after a full GC; typed arrays are outside the JS heap (arrayBuffers)',
  };
  for (const [name, run] of Object.entries(cases))
    if (!only || only.includes(name)) results[name] = run();
  return results;
}

function runCase(
  label: string,
  places: Place[],
  tripCount: number,
  requestCount: number,
  gc: () => void,
) {
  const random = mulberry32(tripCount + places.length);
  const world = new World(places);
  gc();
  const before = process.memoryUsage();
  const trips = makeTrips(world, tripCount, random);
  gc();
  const afterTrips = process.memoryUsage();
  const started = performance.now();
  const index = buildTripIndex(trips, world.lookup);
  const buildMs = performance.now() - started;
  gc();
  const afterIndex = process.memoryUsage();
  const requests = makeRequests(world, trips, requestCount, random);
  // No seat taken, nobody blocked or asked yet; French public holidays, as the worker passes them.
  const context: MatchContext = {
    communes: world.lookup,
    now: NOW,
    seatsTaken: new Map(),
    blockedPeople: new Set(),
    recentAsks: new Map(),
    holidays: isFrenchPublicHoliday,
  };

  for (const request of requests.slice(0, 500)) findCandidates(request, index, context); // warm-up
  const micros: number[] = [];
  let withCandidates = 0;
  let candidates = 0;
  let examined = 0;
  let scanned = 0;
  const searchStarted = performance.now();
  for (const request of requests) {
    const t0 = performance.now();
    const result = findCandidates(request, index, context);
    micros.push((performance.now() - t0) * 1000);
    if (result.status === 'ok') {
      examined += result.examined;
      scanned += result.scanned;
      candidates += result.candidates.length;
      if (result.candidates.length > 0) withCandidates++;
    }
  }
  const searchSeconds = (performance.now() - searchStarted) / 1000;
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return {
    label,
    communes: places.length,
    trips: tripCount,
    tripStraightKm: {
      median: round1(percentile([...index.lineKm], 0.5)),
      p90: round1(percentile([...index.lineKm], 0.9)),
    },
    indexedEntries: index.entries.length,
    cells: index.bucketStart.length - 1,
    indexBuildMs: Math.round(buildMs),
    requests: requests.length,
    requestsPerSecond: Math.round(requests.length / searchSeconds),
    medianMicros: round1(percentile(micros, 0.5)),
    p95Micros: round1(percentile(micros, 0.95)),
    p99Micros: round1(percentile(micros, 0.99)),
    withCandidatesPercent: round1((100 * withCandidates) / requests.length),
    averageCandidates: round1(candidates / requests.length),
    averageEntriesScanned: round1(scanned / requests.length),
    averageTripsExamined: round1(examined / requests.length),
    memoryMB: {
      heapUsedAfterIndex: mb(afterIndex.heapUsed),
      arrayBuffersAfterIndex: mb(afterIndex.arrayBuffers),
      rssAfterIndex: mb(afterIndex.rss),
      tripDocumentsHeap: mb(afterTrips.heapUsed - before.heapUsed),
      indexTypedArrays: mb(typedBytes(index)),
      indexHeap: mb(afterIndex.heapUsed - afterTrips.heapUsed),
    },
  };
}

function typedBytes(index: TripIndex): number {
  return Object.values(index).reduce<number>(
    (sum, v) => sum + (ArrayBuffer.isView(v) ? v.byteLength : 0),
    0,
  );
}

/** Communes with a population; "poles" (the largest fifth of a percent) attract trips. */
class World {
  readonly lookup: Map<string, LonLat>;
  readonly poles: Place[];
  private readonly grid = new Map<number, Place[]>();
  private readonly poleGrid = new Map<number, Place[]>();
  constructor(readonly places: Place[]) {
    this.lookup = new Map(places.map((p) => [p.insee, p]));
    const sorted = [...places].sort((a, b) => b.population - a.population);
    this.poles = sorted.slice(0, Math.max(8, Math.round(places.length * 0.02)));
    for (const p of places) push(this.grid, cell(p), p);
    for (const p of this.poles) push(this.poleGrid, cell(p), p);
  }
  /** Places within ~0.2° × radius cells around p. */
  near(p: LonLat, rings: number, poles = false): Place[] {
    const grid = poles ? this.poleGrid : this.grid;
    const [cx, cy] = [Math.floor(p.lon / 0.2), Math.floor(p.lat / 0.2)];
    const out: Place[] = [];
    for (let y = cy - rings; y <= cy + rings; y++)
      for (let x = cx - rings; x <= cx + rings; x++) out.push(...(grid.get(y * 10_000 + x) ?? []));
    return out;
  }
}

const cell = (p: LonLat) => Math.floor(p.lat / 0.2) * 10_000 + Math.floor(p.lon / 0.2);
function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A destination the way people commute: mostly the nearest larger town, else a neighbour. */
function destination(world: World, from: Place, random: () => number): Place {
  const r = random();
  const candidates =
    r < 0.65
      ? world.near(from, 2, true)
      : r < 0.9
        ? world.near(from, 1)
        : world.near(from, 4, true);
  const options = candidates.filter((c) => c.insee !== from.insee);
  if (options.length === 0) return world.places[Math.floor(random() * world.places.length)]!;
  // Weighted by population over squared distance (a gravity model).
  const weights = options.map(
    (c) => c.population / (0.005 + sq((c.lon - from.lon) * 0.7) + sq(c.lat - from.lat)),
  );
  let pick = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < options.length; i++) if ((pick -= weights[i]!) <= 0) return options[i]!;
  return options[options.length - 1]!;
}

function makeTrips(world: World, count: number, random: () => number): MatchableTrip[] {
  const times = Array.from({ length: 1440 }, (_, m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
  const weekdayLists = new Map<number, number[]>();
  const weekdays = (mask: number) => {
    if (!weekdayLists.has(mask))
      weekdayLists.set(
        mask,
        [1, 2, 3, 4, 5, 6, 7].filter((d) => mask & (1 << d)),
      );
    return weekdayLists.get(mask)!;
  };
  const trips: MatchableTrip[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const from = world.places[Math.floor(random() * world.places.length)]!;
    const to = destination(world, from, random);
    let mask = random() < 0.7 ? 0b111110 : 0;
    while (mask === 0) mask = Math.floor(random() * 256) & 0b11111110;
    const morning = random() < 0.75;
    const departure = morning ? 390 + Math.floor(random() * 150) : 600 + Math.floor(random() * 600);
    trips[i] = {
      _id: `trip:${i}`,
      driverId: `person:d${Math.floor(i * 0.9)}`,
      fromInsee: from.insee,
      toInsee: to.insee,
      weekdays: weekdays(mask),
      departure: times[departure]!,
      returnDeparture:
        random() < 0.7 ? times[Math.min(1380, 960 + Math.floor(random() * 180))]! : null,
      seats: 1 + Math.floor(random() * 4),
      detourMinutes: [5, 10, 10, 10, 15, 15, 20, 30][Math.floor(random() * 8)]!,
      validFrom: '2026-01-01',
      validUntil: random() < 0.1 ? '2026-12-31' : null,
      paused: random() < 0.05,
    };
  }
  return trips;
}

function makeRequests(
  world: World,
  trips: MatchableTrip[],
  count: number,
  random: () => number,
): MatchableRequest[] {
  const requests: MatchableRequest[] = [];
  while (requests.length < count) {
    const from = world.places[Math.floor(random() * world.places.length)]!;
    const to = destination(world, from, random);
    const start =
      random() < 0.6 ? 420 + Math.floor(random() * 120) : 540 + Math.floor(random() * 540);
    const width = [60, 60, 90, 90, 120, 300][Math.floor(random() * 6)]!;
    requests.push({
      passengerId: `person:p${requests.length}`,
      fromInsee: from.insee,
      toInsee: to.insee,
      date: DATES[Math.floor(random() * DATES.length)]!,
      earliest: `${pad(Math.floor(start / 60))}:${pad(start % 60)}`,
      latest: `${pad(Math.floor(Math.min(1439, start + width) / 60))}:${pad(Math.min(1439, start + width) % 60)}`,
      seats: random() < 0.9 ? 1 : 2,
      cancelledAt: null,
    });
  }
  void trips;
  return requests;
}

/** 35,000 communes: half around 700 towns (a cluster each), half scattered; lognormal sizes. */
function syntheticCommunes(count: number, seed: number): Place[] {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const towns = Array.from({ length: 700 }, () => ({
    lon: FRANCE.west + random() * (FRANCE.east - FRANCE.west),
    lat: FRANCE.south + random() * (FRANCE.north - FRANCE.south),
  }));
  const places: Place[] = [];
  for (let i = 0; i < count; i++) {
    let lon: number;
    let lat: number;
    let population = Math.round(Math.exp(6 + 1.2 * gauss()));
    if (i < towns.length) {
      ({ lon, lat } = towns[i]!);
      population = Math.round(5000 + 100_000 * random() ** 4);
    } else if (random() < 0.5) {
      const town = towns[Math.floor(random() * towns.length)]!;
      lon = town.lon + gauss() * 0.2;
      lat = town.lat + gauss() * 0.14;
    } else {
      lon = FRANCE.west + random() * (FRANCE.east - FRANCE.west);
      lat = FRANCE.south + random() * (FRANCE.north - FRANCE.south);
    }
    places.push({ insee: `S${String(i).padStart(5, '0')}`, lon, lat, population });
  }
  return places;
}

function lotCommunes(): Place[] {
  const paths = outputPaths(fileURLToPath(new URL('..', import.meta.url)));
  if (!existsSync(paths.data))
    throw new Error('data/gazetteer.json is missing: run `npm run gazetteer -- --if-missing`.');
  const data = JSON.parse(readFileSync(paths.data, 'utf8')) as GazetteerData;
  return data.communes.map((c) => ({
    insee: c.insee,
    lon: c.lon,
    lat: c.lat,
    population: c.population,
  }));
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const sq = (x: number) => x * x;
const round1 = (x: number) => Math.round(x * 10) / 10;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
