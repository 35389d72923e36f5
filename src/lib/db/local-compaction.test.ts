// A device drops the old body of a document the server replaced (an erased person): the
// replacement arrives as the next revision, and the device's database (opened as openLocalDb
// opens it) removes the one before as it writes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_DB_OPTIONS } from './local-options';
import type { LocalDb } from './pouch';

const dirs: string[] = [];
function openDb(name: string, options: PouchDB.Configuration.DatabaseConfiguration = {}): LocalDb {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-compact-'));
  dirs.push(dir);
  return new PouchDB(join(dir, name), options) as unknown as LocalDb;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a device', () => {
  it('keeps no body of the revision the server replaced once it pulls the next', async () => {
    const server = openDb('server');
    const device = openDb('device', LOCAL_DB_OPTIONS);
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

    await device.replicate.from(server);
    expect((await device.get('person:marie0001')).firstName).toBe('Personne effacée');
    await expect(device.get('person:marie0001', { rev: first.rev })).rejects.toMatchObject({
      status: 404,
    });
  });
});
