// The pending count and the sync journal against a real replication (pouchdb-node on disk,
// standing in for IndexedDB and for the server's /db).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalDb } from './pouch';
import { countPendingChanges, SyncEngine, type JournalPort, type SyncSnapshot } from './sync';

const dirs: string[] = [];
function openDb(name: string): LocalDb {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-sync-'));
  dirs.push(dir);
  return new PouchDB(join(dir, name)) as unknown as LocalDb;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function memoryJournal(): JournalPort & { entry: { lastPushedSeq: number | string; lastSyncedAt: string | null } } {
  const journal = {
    entry: { lastPushedSeq: 0 as number | string, lastSyncedAt: null as string | null },
    async read() {
      return { ...journal.entry };
    },
    async write(patch: { lastPushedSeq?: number | string; lastSyncedAt?: string | null }) {
      journal.entry = { ...journal.entry, ...patch };
    },
  };
  return journal;
}

function until(engine: () => SyncSnapshot, test: (s: SyncSnapshot) => boolean, ms = 10_000) {
  return new Promise<SyncSnapshot>((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const s = engine();
      if (test(s)) return resolve(s);
      if (Date.now() - started > ms) return reject(new Error(`timed out: ${JSON.stringify(s)}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

async function eventually<T>(attempt: () => Promise<T>, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() - started > ms) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const doc = (id: string, user: string) => ({ _id: id, type: 'person', updatedBy: user, firstName: id });

describe('documents waiting to be sent', () => {
  it("counts this user's local writes after the push checkpoint, not documents of others", async () => {
    const local = openDb('local');
    await local.put(doc('person:aaaaaa', 'sophie'));
    await local.put(doc('person:bbbbbb', 'sophie'));
    await local.put(doc('person:cccccc', 'paul'));
    expect(await countPendingChanges(local, 0, 'sophie')).toBe(2);
    const info = await local.info();
    expect(await countPendingChanges(local, info.update_seq, 'sophie')).toBe(0);
  });

  it('goes from 2 waiting to 0 once the server has them, and keeps the checkpoint in the journal', async () => {
    const local = openDb('local');
    const remote = openDb('remote');
    await remote.put(doc('person:remote1', 'coordination'));
    await local.put(doc('person:aaaaaa', 'sophie'));
    await local.put(doc('person:bbbbbb', 'sophie'));
    const journal = memoryJournal();
    let snapshot: SyncSnapshot | null = null;
    const engine = new SyncEngine(local, remote, 'sophie', journal, (s) => (snapshot = s));

    await engine.recount();
    expect(engine.state.pending).toBe(2);
    await engine.start();
    const done = await until(() => engine.state, (s) => s.pending === 0 && s.lastSyncedAt !== null);
    expect(done.phase).toBe('idle');
    expect(snapshot).not.toBeNull();
    expect((await remote.get('person:aaaaaa')).firstName).toBe('person:aaaaaa');
    await until(() => engine.state, () => journal.entry.lastPushedSeq !== 0);
    // The document of someone else arrives by the pull, and never counts as waiting.
    await eventually(() => local.get('person:remote1'));
    expect(engine.state.pending).toBe(0);

    // A new write while connected is counted, then sent.
    await local.put(doc('person:dddddd', 'sophie'));
    expect((await eventually(() => remote.get('person:dddddd')))._id).toBe('person:dddddd');
    await until(() => engine.state, (s) => s.pending === 0);
    engine.stop();
  });

  it('keeps counting while the server cannot be reached, and says so', async () => {
    const local = openDb('local');
    const unreachable = new PouchDB('http://127.0.0.1:9/db', { skip_setup: true }) as unknown as LocalDb;
    await local.put(doc('person:aaaaaa', 'sophie'));
    const engine = new SyncEngine(local, unreachable, 'sophie', memoryJournal(), () => {});
    await engine.start();
    const down = await until(() => engine.state, (s) => s.phase === 'unreachable');
    expect(down.pending).toBe(1);
    expect(down.error?.kind).toBe('network');
    engine.stop();
  });
});
