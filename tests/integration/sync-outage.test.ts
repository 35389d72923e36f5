// The sync bar's state across a server outage (src/lib/db/sync.ts), with a real replication over
// HTTP: the server goes away while the device is idle (its long poll cut, as when the app stops),
// then comes back. With nothing written on the device meanwhile, the bar must still say so both ways.
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

const journal: JournalPort = {
  read: async () => ({ lastPushedSeq: 0, lastSyncedAt: null }),
  write: async () => {},
  markWritten: async () => {},
  writtenHere: async () => new Set(),
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
  const engine = new SyncEngine(local, remote, journal, () => {}, clock);
  cleanups.push(async () => engine.stop());
  await engine.start();
  await until(engine, (s) => s.phase === 'idle', 20_000);
  // Caught up: the pull waits on a long poll, the push has nothing to send.
  await until(engine, () => true, 500).then(() => new Promise((r) => setTimeout(r, 500)));

  await proxy.stop();
  const down = await until(engine, (s) => s.phase === 'unreachable', 20_000);
  expect(down.error?.kind).toBe('network');

  await proxy.up();
  // The retries back off to 1 s, 2 s, 4 s…: back within the next few.
  const back = await until(engine, reachable, 30_000);
  expect(back.error).toBeNull();
  expect(await local.get('person:aaaaaa')).toMatchObject({ type: 'person' });
}, 90_000);
