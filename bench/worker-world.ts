// The world the worker benchmark runs in: a CouchDB (the embedded server in a temporary folder,
// or Apache CouchDB 3 when BENCH_COUCHDB_URL or TEST_COUCHDB_URL gives one with admin
// credentials), and a database per phase with 5,000 drivers, one regular trip each, between
// random communes of the Lot, and the passengers who will ask.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import { COORDINATORS } from '../src/lib/domain/documents';
import type { Clock } from '../src/lib/clock';
import type { Commune } from '../src/lib/domain/gazetteer/types';
import { startEmbeddedCouch } from '../server/couch/embedded';
import { ensureDatabase } from '../server/couch/setup';
import { designDocs } from '../server/design/maillage';

export interface BenchCouch {
  /** Base URL with admin credentials, for nano and the worker. */
  readonly url: string;
  readonly server: 'embedded' | 'remote';
  readonly couch: nano.ServerScope;
  /** CPU time of the embedded server's thread so far, ms (null for a remote CouchDB). */
  serverCpuMs(): Promise<number | null>;
  stop(): Promise<void>;
}

export async function openBenchCouch(): Promise<BenchCouch> {
  const remote = process.env.BENCH_COUCHDB_URL || process.env.TEST_COUCHDB_URL;
  if (remote) {
    const url = remote.replace(/\/$/, '');
    return {
      url,
      server: 'remote',
      couch: nano(url),
      serverCpuMs: async () => null,
      stop: async () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-worker-'));
  const admin = { name: 'bench-admin', password: randomBytes(12).toString('hex') };
  const server = await startEmbeddedCouch({ dataDir: dir, port: 0, admin });
  const u = new URL(server.url);
  u.username = admin.name;
  u.password = admin.password;
  const url = u.toString().replace(/\/$/, '');
  return {
    url,
    server: 'embedded',
    couch: nano(url),
    serverCpuMs: () => server.cpuMs(),
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Today at 09:00 UTC (10:00 or 11:00 in Paris), going on in real time: the worker's quiet hours
 * (no SMS at night) must not depend on the hour the bench is run at.
 */
export function daytimeClock(today: Date): Clock {
  const start = Date.parse(`${today.toISOString().slice(0, 10)}T09:00:00Z`);
  const origin = performance.now();
  return { now: () => new Date(start + (performance.now() - origin)) };
}

/** A deterministic pseudo-random sequence (mulberry32). */
export function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

export interface BenchTrip {
  readonly _id: string;
  readonly fromInsee: string;
  readonly toInsee: string;
  readonly departure: string;
}

export interface World {
  readonly dbName: string;
  readonly db: nano.DocumentScope<unknown>;
  readonly trips: readonly BenchTrip[];
  /** The request document the i-th passenger writes on `trip`, for `date`. */
  request(i: number, trip: BenchTrip, date: string): object;
  drop(): Promise<void>;
}

/**
 * A fresh database with `trips` drivers and trips and `passengers` passengers. The passengers are
 * there before the run, as people a relay registered: the run writes requests only.
 */
export async function seedWorld(
  bench: BenchCouch,
  options: { communes: readonly Commune[]; trips: number; passengers: number; now: Date },
): Promise<World> {
  const { communes, now } = options;
  const dbName = `maillage-bench-${randomBytes(4).toString('hex')}`;
  await ensureDatabase(bench.couch, dbName, designDocs());
  const db = bench.couch.use(dbName);
  const rand = random(46);
  const stamp = {
    schema: 1,
    createdAt: now.toISOString(),
    createdBy: 'coordination',
    updatedAt: now.toISOString(),
    updatedBy: 'coordination',
    readers: [COORDINATORS],
  };
  const person = (id: string, phone: string, roles: string[], home: string) => ({
    _id: id,
    type: 'person',
    ...stamp,
    firstName: 'Personne',
    phone,
    phoneKind: 'mobile',
    homeInsee: home,
    roles,
    consent: { by: 'coordination', method: 'oral', at: now.toISOString() },
    blocked: false,
  });
  const pick = () => communes[Math.floor(rand() * communes.length)]!;
  const passengerId = (i: number) => `person:bench-pax-${pad(i, 5)}`;

  const trips: BenchTrip[] = [];
  const docs: object[] = [];
  for (let i = 0; i < options.trips; i++) {
    const from = pick();
    let to = pick();
    while (to.insee === from.insee) to = pick();
    const driverId = `person:bench-driver-${pad(i, 5)}`;
    docs.push(person(driverId, `+3363998${pad(i % 10000, 4)}`, ['driver'], from.insee));
    const trip = {
      _id: `trip:bench-${pad(i, 5)}`,
      type: 'trip',
      ...stamp,
      driverId,
      fromInsee: from.insee,
      toInsee: to.insee,
      weekdays: [1, 2, 3, 4, 5],
      departure: hhmm(6 * 60 + Math.floor(rand() * 12) * 15),
      returnDeparture: null,
      seats: 3,
      detourMinutes: 10,
      validFrom: '2026-01-01',
      validUntil: null,
      paused: false,
    };
    trips.push(trip);
    docs.push(trip);
  }
  for (let i = 0; i < options.passengers; i++) {
    docs.push(person(passengerId(i), `+3363997${pad(i, 4)}`, ['passenger'], pick().insee));
  }
  for (let i = 0; i < docs.length; i += 1000)
    await db.bulk({ docs: docs.slice(i, i + 1000) as never[] });

  return {
    dbName,
    db,
    trips,
    request: (i, trip, date) => {
      const dep = Number(trip.departure.slice(0, 2)) * 60 + Number(trip.departure.slice(3));
      return {
        _id: `request:bench-${pad(i, 5)}`,
        type: 'request',
        ...stamp,
        passengerId: passengerId(i),
        fromInsee: trip.fromInsee,
        toInsee: trip.toInsee,
        date,
        earliest: hhmm(dep - 30),
        latest: hhmm(dep + 30),
        seats: 1,
        channel: 'relay',
        returnOf: null,
        cancelledAt: null,
      };
    },
    drop: async () => {
      await bench.couch.db.destroy(dbName);
    },
  };
}
