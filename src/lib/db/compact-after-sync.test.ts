// A device drops the old body of a document the server replaced (an erased person): the
// replacement arrives as the next revision, and the post-sync compaction removes the one before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalDb } from './pouch';
import { SyncEngine, type JournalPort } from './sync';

const clock = { now: () => new Date('2026-12-01T10:00:00Z') };
const dirs: string[] = [];
function openDb(name: string): LocalDb {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-compact-'));
  dirs.push(dir);
  return new PouchDB(join(dir, name)) as unknown as LocalDb;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const journal: JournalPort = {
  read: async () => ({ lastPushedSeq: 0, lastSyncedAt: null }),
  write: async () => {},
  markWritten: async () => {},
  writtenHere: async () => new Set<string>(),
};

async function eventually(check: () => Promise<void>, ms = 15_000): Promise<void> {
  const started = performance.now();
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (performance.now() - started > ms) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('after a sync', () => {
  it('the device keeps no body of the revision the server replaced', async () => {
    const server = openDb('server');
    const device = openDb('device');
    const first = await server.put({ _id: 'person:marie0001', type: 'person', firstName: 'Marie' });
    await device.replicate.from(server);
    expect((await device.get('person:marie0001', { rev: first.rev })).firstName).toBe('Marie');

    // What the erasure writes: the next revision, over the old one's id.
    const hash = 'a'.repeat(32);
    await server.bulkDocs(
      [
        {
          _id: 'person:marie0001',
          _rev: `2-${hash}`,
          _revisions: { start: 2, ids: [hash, first.rev.slice(2)] },
          type: 'person',
          firstName: 'Personne effacée',
        } as never,
      ],
      { new_edits: false },
    );

    const engine = new SyncEngine(device, server, journal, () => {}, clock);
    await engine.start();
    try {
      await eventually(async () => {
        expect((await device.get('person:marie0001')).firstName).toBe('Personne effacée');
        await expect(device.get('person:marie0001', { rev: first.rev })).rejects.toMatchObject({
          status: 404,
        });
      });
    } finally {
      engine.stop();
    }
  });
});
