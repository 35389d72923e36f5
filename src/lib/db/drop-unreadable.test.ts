// Removing from the device what its user may no longer read, against real PouchDBs on disk (one
// standing in for IndexedDB, one for the server behind /db): gone here, still on the server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterEach, describe, expect, it } from 'vitest';
import { dropUnreadable } from './drop-unreadable';
import { LOCAL_DB_OPTIONS } from './local-options';
import type { LocalDb } from './pouch';
import { pushesChange, SyncEngine, type JournalPort } from './sync';

const dirs: string[] = [];
/** The device's database as openLocalDb opens it; the server's with PouchDB's defaults. */
function openDb(name: 'local' | 'server'): LocalDb {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-drop-'));
  dirs.push(dir);
  return new PouchDB(
    join(dir, name),
    name === 'local' ? LOCAL_DB_OPTIONS : {},
  ) as unknown as LocalDb;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const person = (id: string) => ({ _id: id, type: 'person', updatedBy: 'sophie', firstName: id });
const journal: JournalPort = {
  read: async () => ({ lastPushedSeq: 0, lastSyncedAt: null }),
  write: async () => {},
  markWritten: async () => {},
  writtenHere: async () => new Set<string>(),
};

async function eventually(check: () => Promise<boolean>, ms = 10_000) {
  for (let waited = 0; !(await check()); waited += 25) {
    if (waited > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('what the device drops after a sync', () => {
  it('removes the documents the server says are lost, keeps the others, and leaves no old revision', async () => {
    const local = openDb('local');
    await local.bulkDocs([person('person:marie'), person('person:jean')]);
    const { _rev: old } = await local.get('person:marie');
    const asked: string[][] = [];
    const dropped = await dropUnreadable(
      local,
      async (ids) => {
        asked.push([...ids]);
        return ['person:marie', 'person:not-here'];
      },
      new Set(),
    );
    expect(dropped).toEqual(['person:marie']);
    expect(asked.flat().sort()).toEqual(['person:jean', 'person:marie']);
    await expect(local.get('person:marie')).rejects.toMatchObject({ status: 404 });
    await expect(local.get('person:marie', { rev: old })).rejects.toBeTruthy();
    expect((await local.get('person:jean')).firstName).toBe('person:jean');
  });

  it('never sends the removal to the server, even when the push starts from the beginning', async () => {
    const local = openDb('local');
    const server = openDb('server');
    await server.bulkDocs([person('person:marie'), person('person:jean')]);
    await local.replicate.from(server);
    await dropUnreadable(local, async () => ['person:marie'], new Set());
    const pushed = await local.replicate.to(server, { filter: pushesChange });
    expect(pushed.docs_written).toBe(0);
    expect((await server.get('person:marie')).firstName).toBe('person:marie');
    // Without the filter the deletion would go: the test is not vacuous.
    await local.replicate.to(server);
    await expect(server.get('person:marie')).rejects.toMatchObject({ status: 404 });
  });

  it('keeps a change made here and not yet pushed, so that the push is refused and says so', async () => {
    const local = openDb('local');
    await local.bulkDocs([person('person:marie'), person('person:jean')]);
    const marie = await local.get('person:marie');
    await local.put({ ...marie, needs: 'Déambulateur' });
    const lost = async () => ['person:marie', 'person:jean'];
    expect(await dropUnreadable(local, lost, new Set(['person:marie']))).toEqual(['person:jean']);
    expect((await local.get('person:marie')).needs).toBe('Déambulateur');
    // Once the push has tried it (refused, past its checkpoint), nothing waits: it goes.
    expect(await dropUnreadable(local, lost, new Set())).toEqual(['person:marie']);
  });

  it('tells the step which changes made here still wait for the push', async () => {
    const local = openDb('local');
    const server = openDb('server');
    await server.put(person('person:marie'));
    await local.put(person('person:lucie'));
    const waitingJournal: JournalPort = {
      ...journal,
      writtenHere: async (ids) => new Set(ids.filter((id) => id === 'person:lucie')),
    };
    // The pull works, the push never gets through (its writes fail), so Lucie still waits.
    const refusing = Object.assign(Object.create(server), {
      bulkDocs: async () => {
        throw Object.assign(new Error('down'), { status: 500 });
      },
    });
    const seen: string[][] = [];
    const engine = new SyncEngine(
      local,
      refusing,
      waitingJournal,
      () => {},
      { now: () => new Date('2026-11-23T10:42:00Z') },
      async (waiting) => {
        seen.push([...waiting]);
      },
    );
    await engine.start();
    await eventually(async () => seen.length === 1);
    engine.stop();
    expect(seen[0]).toEqual(['person:lucie']);
  });

  it('runs when the pull pauses, once per start while nothing else is due', async () => {
    const local = openDb('local');
    const server = openDb('server');
    await server.put(person('person:marie'));
    let runs = 0;
    const engine = new SyncEngine(
      local,
      server,
      journal,
      () => {},
      { now: () => new Date('2026-11-23T10:42:00Z') },
      async () => {
        runs++;
      },
    );
    await engine.start();
    await eventually(async () => runs === 1);
    await server.put(person('person:jean'));
    await eventually(() =>
      local.get('person:jean').then(
        () => true,
        () => false,
      ),
    );
    // The same instant: too soon for another round.
    expect(runs).toBe(1);
    await engine.start();
    await eventually(async () => runs === 2);
    engine.stop();
  });
});
