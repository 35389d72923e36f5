// The sync bar's state across a server outage (src/lib/db/sync.ts), with a real replication over
// HTTP: the server goes away while the device is idle (its long poll cut, as when the app stops),
// then comes back, with nothing or something written on the device meanwhile: the bar says both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterEach, expect, it } from 'vitest';
import type { LocalDb } from '../../src/lib/db/pouch';
import { SyncEngine, type JournalPort, type SyncSnapshot } from '../../src/lib/db/sync';
import { startTestCouch, type TestCouch } from './support/couch';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';

const clock = { now: () => new Date('2026-11-23T10:42:00Z') };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every document counts as written on the device; the push sequence is kept in memory. */
const writtenHere: JournalPort = {
  read: async () => ({ lastPushedSeq: 0, lastSyncedAt: null }),
  write: async () => {},
  markWritten: async () => {},
  writtenHere: async (ids) => new Set(ids),
};

function until(engine: SyncEngine, test: (s: SyncSnapshot) => boolean, ms: number) {
  return new Promise<SyncSnapshot>((resolve, reject) => {
    const started = performance.now();
    const tick = () => {
      if (test(engine.state)) return resolve(engine.state);
      if (performance.now() - started > ms)
        return reject(new Error(`timed out: ${JSON.stringify(engine.state)}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

const reachable = (s: SyncSnapshot) => s.phase === 'idle' || s.phase === 'active';

it('says the server is unreachable when it goes away, and reachable again when it is back, with nothing written meanwhile', async () => {
  const couch: TestCouch = await startTestCouch({ setup: 'plain' });
  cleanups.push(() => couch.stop());
  const proxy: FaultProxy = await startFaultProxy(couch.url);
  cleanups.push(() => proxy.stop());
  await couch.couch.use(couch.dbName).insert({ _id: 'person:aaaaaa', type: 'person' } as never);
  const dir = mkdtempSync(join(tmpdir(), 'maillage-sync-outage-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const local = new PouchDB(join(dir, 'device')) as unknown as LocalDb;
  const remote = new PouchDB(`${proxy.url}/${couch.dbName}`, {
    skip_setup: true,
  }) as unknown as LocalDb;
  const seen: SyncSnapshot[] = [];
  const engine = new SyncEngine(local, remote, writtenHere, (s) => seen.push(s), clock);
  cleanups.push(async () => engine.stop());
  await engine.start();
  await until(engine, (s) => s.phase === 'idle', 20_000);
  // Caught up: the pull waits on a long poll, the push has nothing to send.
  await until(engine, () => true, 500).then(() => new Promise((r) => setTimeout(r, 500)));

  await proxy.stop();
  const down = await until(engine, (s) => s.phase === 'unreachable', 20_000);
  expect(down.error?.kind).toBe('network');

  // Back within the next few retries (1 s, 2 s, 4 s…), with nothing written meanwhile.
  await proxy.up();
  const back = await until(engine, reachable, 30_000);
  expect(back.error).toBeNull();
  expect(await local.get('person:aaaaaa')).toMatchObject({ type: 'person' });

  // Away again, and something written on the device: the push begins a batch at each retry,
  // which is no answer from the server.
  await proxy.stop();
  await until(engine, (s) => s.phase === 'unreachable', 20_000);
  const from = seen.length;
  await local.put({ _id: 'person:bbbbbb', type: 'person' });
  await until(engine, (s) => s.pending === 1, 5_000);
  await new Promise((r) => setTimeout(r, 3_500));
  expect(seen.slice(from).filter(reachable)).toEqual([]);
  await proxy.up();
  const sent = await until(engine, (s) => s.phase === 'idle' && s.pending === 0, 30_000);
  expect(sent.error).toBeNull();
}, 90_000);
