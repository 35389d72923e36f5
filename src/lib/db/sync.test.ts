// The pending count and the sync journal against a real replication (pouchdb-node on disk,
// standing in for IndexedDB and for the server's /db).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalDb } from './pouch';
import { pendingChanges, SyncEngine, type JournalPort, type SyncSnapshot } from './sync';

const clock = { now: () => new Date('2026-11-23T10:42:00Z') };
const dirs: string[] = [];
function openDb(name: string): LocalDb {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-sync-'));
  dirs.push(dir);
  return new PouchDB(join(dir, name)) as unknown as LocalDb;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface MemoryJournal extends JournalPort {
  entry: { lastPushedSeq: number | string; lastSyncedAt: string | null };
}

function memoryJournal(): MemoryJournal {
  const written = new Set<string>();
  const journal: MemoryJournal = {
    entry: { lastPushedSeq: 0 as number | string, lastSyncedAt: null as string | null },
    async read() {
      return { ...journal.entry };
    },
    async write(patch: { lastPushedSeq?: number | string; lastSyncedAt?: string | null }) {
      journal.entry = { ...journal.entry, ...patch };
    },
    async markWritten(ids: readonly string[]) {
      for (const id of ids) written.add(id);
    },
    async writtenHere(ids: readonly string[]) {
      return new Set(ids.filter((id) => written.has(id)));
    },
  };
  return journal;
}

/** A document written on this device, as the repository does it: marked first, then put. */
async function writeHere(db: LocalDb, journal: JournalPort, id: string) {
  await journal.markWritten([id]);
  await db.put(doc(id, 'sophie'));
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

const doc = (id: string, user: string) => ({
  _id: id,
  type: 'person',
  updatedBy: user,
  firstName: id,
});

describe('documents waiting to be sent', () => {
  it('counts documents written here after the push checkpoint, not documents pulled from the server', async () => {
    const local = openDb('local');
    const journal = memoryJournal();
    await writeHere(local, journal, 'person:aaaaaa');
    await writeHere(local, journal, 'person:bbbbbb');
    // Pulled: written by the same user on another device, or by anyone else.
    await local.put(doc('person:cccccc', 'sophie'));
    await local.put(doc('person:dddddd', 'paul'));
    const writtenHere = (ids: readonly string[]) => journal.writtenHere(ids);
    expect([...(await pendingChanges(local, 0, writtenHere))].sort()).toEqual([
      'person:aaaaaa',
      'person:bbbbbb',
    ]);
    const info = await local.info();
    expect((await pendingChanges(local, info.update_seq, writtenHere)).size).toBe(0);
  });

  it('goes from 2 waiting to 0 once the server has them, and keeps the checkpoint in the journal', async () => {
    const local = openDb('local');
    const remote = openDb('remote');
    await remote.put(doc('person:remote1', 'sophie'));
    const journal = memoryJournal();
    await writeHere(local, journal, 'person:aaaaaa');
    await writeHere(local, journal, 'person:bbbbbb');
    let snapshot: SyncSnapshot | null = null;
    const engine = new SyncEngine(local, remote, journal, (s) => (snapshot = s), clock);

    await engine.recount();
    expect(engine.state.pending).toBe(2);
    await engine.start();
    const done = await until(
      () => engine.state,
      (s) => s.pending === 0 && s.lastSyncedAt !== null,
    );
    expect(done.phase).toBe('idle');
    expect(snapshot).not.toBeNull();
    expect((await remote.get('person:aaaaaa')).firstName).toBe('person:aaaaaa');
    await until(
      () => engine.state,
      () => journal.entry.lastPushedSeq !== 0,
    );
    // A document pulled from the server never counts as waiting.
    await eventually(() => local.get('person:remote1'));
    expect(engine.state.pending).toBe(0);

    // A new write while connected is counted, then sent.
    await writeHere(local, journal, 'person:dddddd');
    expect((await eventually(() => remote.get('person:dddddd')))._id).toBe('person:dddddd');
    await until(
      () => engine.state,
      (s) => s.pending === 0,
    );
    engine.stop();
  });

  it('keeps counting while the server cannot be reached, and says so', async () => {
    const local = openDb('local');
    const unreachable = new PouchDB('http://127.0.0.1:9/db', {
      skip_setup: true,
    }) as unknown as LocalDb;
    const journal = memoryJournal();
    await writeHere(local, journal, 'person:aaaaaa');
    const engine = new SyncEngine(local, unreachable, journal, () => {}, clock);
    await engine.start();
    const down = await until(
      () => engine.state,
      (s) => s.phase === 'unreachable',
    );
    expect(down.pending).toBe(1);
    expect(down.error?.kind).toBe('network');
    engine.stop();
  });

  it('keeps a refusal on screen once the push has gone quiet', async () => {
    const local = openDb('local');
    const server = openDb('remote');
    const journal = memoryJournal();
    await writeHere(local, journal, 'person:aaaaaa');
    // The server refuses the document, as the /db proxy answers one its user may not write.
    const refusal = {
      id: 'person:aaaaaa',
      error: 'forbidden',
      name: 'forbidden',
      reason: 'Ce document a été enregistré par quelqu’un d’autre',
    };
    const refusing = new Proxy(server, {
      get(target, key) {
        if (key === 'bulkDocs') return async () => [refusal];
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const engine = new SyncEngine(local, refusing, journal, () => {}, clock);
    await engine.start();
    const quiet = await until(
      () => engine.state,
      (s) => s.phase === 'idle' && s.lastSyncedAt !== null,
    );
    expect(quiet.error?.kind).toBe('denied');
    expect(quiet.error?.message).toContain('enregistré par quelqu’un d’autre');
    engine.stop();
  });
});
