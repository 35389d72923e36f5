// A document edited on a device comes back to the server as a replicated revision
// (`_bulk_docs` with new_edits: false). express-pouchdb's validation plugin used to replace that
// revision's history with the stored one, so the server answered 201 and kept the old version:
// an edit made offline was lost without a word. patches/pouchdb-validation+4.2.0.patch fixes it.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCouch, type TestCouch } from './support/couch';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-node');

let t: TestCouch;
let dir: string;
beforeAll(async () => {
  t = await startTestCouch();
  dir = mkdtempSync(join(tmpdir(), 'maillage-device-'));
});
afterAll(async () => {
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps an update replicated from a device into a database with a validate_doc_update', async () => {
  const now = new Date().toISOString();
  const person = {
    _id: 'person:replupdate01',
    type: 'person',
    schema: 1,
    createdAt: now,
    createdBy: 'sophie',
    updatedAt: now,
    updatedBy: 'sophie',
    readers: ['role:coordinator', 'user:sophie'],
    firstName: 'Marie',
    phone: null,
    phoneKind: 'none',
    homeInsee: '46057',
    roles: ['passenger'],
    consent: { by: 'sophie', method: 'oral', at: now },
    blocked: false,
  };
  const remote = new PouchDB(`${t.url}/${t.dbName}`, { skip_setup: true });
  const device = new PouchDB(join(dir, 'device'));
  await device.put(person);
  await device.replicate.to(remote);

  const stored = await device.get(person._id);
  await device.put({
    ...stored,
    needs: 'Marche avec une canne',
    updatedAt: new Date().toISOString(),
  });
  const pushed = await device.replicate.to(remote);
  expect(pushed.docs_written).toBe(1);

  const onServer = await t.couch.use<Record<string, unknown>>(t.dbName).get(person._id);
  expect(onServer._rev).toMatch(/^2-/);
  expect(onServer.needs).toBe('Marche avec une canne');
});
