// A small world for the worker's integration tests: a real embedded database, the console
// gateway, an injected clock, and helpers to write people, trips and requests as a relay would.
import nano from 'nano';
import { COORDINATORS, normalizePhone, userReader } from '../../src/lib/domain/documents';
import { ConsoleGateway } from '../../server/gateways/console';
import type { OutgoingSms } from '../../src/lib/server/shared/gateway';
import { startWorker, type RunningWorker, type WorkerOptions } from '../../server/worker';
import type { Db } from '../../src/lib/server/shared/store';
import { startTestCouch, type TestCouch } from './support/couch';

export const INSEE = {
  cahors: '46042',
  cajarc: '46045',
  cardaillac: '46057',
  figeac: '46102',
  lacapelle: '46143',
  payrac: '46215',
  pradines: '46224',
  souillac: '46309',
  douelle: '46088',
  mercues: '46191',
} as const;

export class TestClock {
  constructor(private current: Date) {}
  now = () => new Date(this.current);
  set(iso: string) {
    this.current = new Date(iso);
  }
  advance(minutes: number) {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

type Any = Record<string, unknown>;

export interface World {
  readonly couch: TestCouch;
  readonly db: Db;
  readonly clock: TestClock;
  readonly gateway: ConsoleGateway;
  /** Every SMS handed to the gateway and sent, in order, duplicates included. */
  readonly handed: readonly OutgoingSms[];
  /** What the workers logged. */
  readonly logs: readonly string[];
  worker: RunningWorker;
  /** Starts another worker on the same database (same name: same checkpoint). */
  startWorker(extra?: Partial<WorkerOptions>): Promise<RunningWorker>;
  run(): Promise<number>;
  person(id: string, over: Any): Promise<void>;
  trip(id: string, over: Any): Promise<void>;
  request(id: string, over: Any): Promise<void>;
  /** An SMS received from `from`, through the console gateway. */
  sms(from: string, text: string): Promise<void>;
  /** SMS handed to the gateway to this phone (as typed, e.g. "06 39 98 01 01"). */
  sentTo(phone: string): string[];
  docs<T = Any>(type: string): Promise<T[]>;
  get<T = Any>(id: string): Promise<T>;
  stop(): Promise<void>;
}

const e164 = (phone: string) => normalizePhone(phone).phone ?? phone;

export async function startWorld(nowIso: string): Promise<World> {
  const couch = await startTestCouch();
  const db: Db = couch.couch.use(couch.dbName);
  const clock = new TestClock(new Date(nowIso));
  const handed: OutgoingSms[] = [];
  const gateway = new ConsoleGateway({ onSend: (sms) => handed.push(sms) });
  const logs: string[] = [];
  const launch = (extra: Partial<WorkerOptions> = {}) =>
    startWorker({
      couchUrl: couch.url,
      dbName: couch.dbName,
      gateway,
      clock,
      autoRun: false,
      retryDelayMs: 1,
      log: (line) => logs.push(line),
      // Not the places a developer imported into data/: a test gives its own.
      meetingPlaces: [],
      ...extra,
    });
  const stamps = (by: string) => ({
    schema: 1,
    createdAt: clock.now().toISOString(),
    createdBy: by,
    updatedAt: clock.now().toISOString(),
    updatedBy: by,
    readers: by === 'coordination' ? [COORDINATORS] : [COORDINATORS, userReader(by)],
  });
  const insert = async (doc: Any) => {
    await db.insert(doc as nano.MaybeDocument);
  };
  const world: World = {
    couch,
    db,
    clock,
    gateway,
    handed,
    logs,
    worker: await launch(),
    startWorker: launch,
    run: () => world.worker.runOnce(),
    person: async (id, over) => {
      const phone = normalizePhone((over.phone as string | undefined) ?? null);
      const by = (over.by as string | undefined) ?? 'sophie';
      const { by: _by, ...rest } = over;
      await insert({
        _id: id,
        type: 'person',
        ...stamps(by),
        firstName: 'Personne',
        lastName: 'Testée',
        homeInsee: INSEE.cardaillac,
        roles: ['passenger'],
        consent: { by, method: 'oral', at: clock.now().toISOString() },
        blocked: false,
        ...rest,
        phone: phone.phone,
        phoneKind: phone.phoneKind,
      });
    },
    trip: async (id, over) => {
      await insert({
        _id: id,
        type: 'trip',
        ...stamps('sophie'),
        weekdays: [1, 2, 3, 4, 5],
        returnDeparture: null,
        seats: 3,
        detourMinutes: 10,
        validFrom: '2026-01-01',
        validUntil: null,
        paused: false,
        ...over,
      });
    },
    request: async (id, over) => {
      const by = (over.by as string | undefined) ?? 'sophie';
      const { by: _by, ...rest } = over;
      await insert({
        _id: id,
        type: 'request',
        ...stamps(by),
        seats: 1,
        channel: 'relay',
        returnOf: null,
        cancelledAt: null,
        ...rest,
      });
    },
    sms: async (from, text) => {
      await gateway.receive(e164(from), text, clock.now());
    },
    sentTo: (phone) => handed.filter((s) => s.to === e164(phone)).map((s) => s.text),
    docs: async <T>(type: string) => {
      const res = await db.view('maillage', 'by_type', {
        startkey: [type],
        endkey: [type, {}],
        include_docs: true,
      });
      return res.rows.map((r) => r.doc as T);
    },
    get: async <T>(id: string) => (await db.get(id)) as T,
    stop: async () => {
      await world.worker.stop();
      await couch.stop();
    },
  };
  return world;
}

/**
 * Scenario 2's cast: Jean drives Lacapelle-Marival → Figeac on Tuesdays and Thursdays at 8:15,
 * back at 17:30; `trip` changes what his trip says.
 */
export async function addJean(world: World, trip: Record<string, unknown> = {}) {
  await world.person('person:jean-0001', {
    firstName: 'Jean',
    lastName: 'Delmas',
    phone: '06 39 98 01 01',
    homeInsee: INSEE.lacapelle,
    roles: ['driver'],
  });
  await world.trip('trip:jean-figeac', {
    driverId: 'person:jean-0001',
    fromInsee: INSEE.lacapelle,
    toInsee: INSEE.figeac,
    weekdays: [2, 4],
    departure: '08:15',
    returnDeparture: '17:30',
    seats: 3,
    detourMinutes: 10,
    ...trip,
  });
}
