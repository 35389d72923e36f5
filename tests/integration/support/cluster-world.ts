// The worker's world (worker-world.ts) on a database that behaves like a CouchDB cluster: the
// same helpers, a database behind the fault injector, several workers at once, and the checks
// every cluster scenario ends with (no SMS handed over twice, no document left in conflict).
import nano from 'nano';
import { expect } from 'vitest';
import { COORDINATORS, normalizePhone, userReader } from '../../../src/lib/domain/documents';
import { ConsoleGateway } from '../../../server/gateways/console';
import type { OutgoingSms } from '../../../src/lib/server/shared/gateway';
import { startWorker, type RunningWorker, type WorkerOptions } from '../../../server/worker';
import type { Db } from '../../../src/lib/server/shared/store';
import { TestClock, type World } from '../worker-world';
import { CLUSTER_FAULTS, type ClusterFaultOptions } from './cluster-faults';
import { startTestCouch } from './couch';

type Any = Record<string, unknown>;

export interface ClusterWorld extends World {
  /** Every worker started, the first one included. */
  readonly workers: RunningWorker[];
  /** Runs every worker at once until none has anything left, faults settled in between. */
  runAll(): Promise<void>;
  /** Every document, read with its conflicts. */
  allDocs(): Promise<(Any & { _id: string; _conflicts?: string[] })[]>;
}

const e164 = (phone: string) => normalizePhone(phone).phone ?? phone;

export async function startClusterWorld(
  nowIso: string,
  seed: number,
  faults: Omit<ClusterFaultOptions, 'seed'> = CLUSTER_FAULTS,
): Promise<ClusterWorld> {
  const trace = process.env.CLUSTER_LOG
    ? (line: string) => console.log(`[faults] ${line}`)
    : undefined;
  const couch = await startTestCouch({ faults: { ...faults, seed, trace } });
  const db: Db = couch.couch.use(couch.dbName);
  const clock = new TestClock(new Date(nowIso));
  const handed: OutgoingSms[] = [];
  const gateway = new ConsoleGateway({ onSend: (sms) => handed.push(sms) });
  const logs: string[] = [];
  const workers: RunningWorker[] = [];
  const launch = async (extra: Partial<WorkerOptions> = {}) => {
    const worker = await startWorker({
      couchUrl: couch.url,
      dbName: couch.dbName,
      gateway,
      clock,
      autoRun: false,
      retryDelayMs: 1,
      log: (line) => {
        logs.push(line);
        if (process.env.CLUSTER_LOG) console.log(`[${extra.name ?? 'main'}] ${line}`);
      },
      ...extra,
    });
    workers.push(worker);
    return worker;
  };
  const stamps = (by: string) => ({
    schema: 1,
    createdAt: clock.now().toISOString(),
    createdBy: by,
    updatedAt: clock.now().toISOString(),
    updatedBy: by,
    readers: by === 'coordination' ? [COORDINATORS] : [COORDINATORS, userReader(by)],
  });
  // A relay's documents arrive by replication from a device (_bulk_docs), not as the worker's
  // single-document writes: the injector's write faults are for the worker.
  const insert = async (doc: Any) => {
    const [res] = await db.bulk({ docs: [doc as nano.MaybeDocument] });
    if (res?.error) throw new Error(`${String(doc._id)}: ${res.error}`);
  };
  const quietRound = async () =>
    (await Promise.all(workers.map((w) => w.runOnce()))).reduce((a, b) => a + b, 0);

  const world: ClusterWorld = {
    couch,
    db,
    clock,
    gateway,
    handed,
    logs,
    workers,
    worker: await launch(),
    startWorker: launch,
    run: () => world.worker.runOnce(),
    runAll: async () => {
      // Quiet means: nothing to do once every write shows in the feed and the views.
      for (let round = 0; round < 100; round++) {
        const handled = await quietRound();
        await couch.faults?.settled();
        if (handled === 0 && (await quietRound()) === 0) return;
      }
      throw new Error('the workers never went quiet');
    },
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
        homeInsee: '46057',
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
    allDocs: async () => {
      const res = await db.list({ include_docs: true, conflicts: true } as never);
      return res.rows.map((r) => r.doc as unknown as Any & { _id: string; _conflicts?: string[] });
    },
    docs: async <T>(type: string) =>
      (await world.allDocs()).filter((d) => d.type === type) as unknown as T[],
    get: async <T>(id: string) => (await db.get(id)) as T,
    stop: async () => {
      for (const w of workers.splice(0)) await w.stop();
      await couch.stop();
    },
  };
  return world;
}

/** What every scenario on a cluster ends with. */
export async function expectNoDoubleNoConflict(world: ClusterWorld) {
  const ids = world.handed.map((s) => s.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  const conflicted = (await world.allDocs()).filter((d) => d._conflicts?.length);
  expect(conflicted.map((d) => d._id)).toEqual([]);
  for (const w of world.workers) expect(await w.parked()).toEqual({});
}
