// The embedded server answers nobody but its admin (issue 7 point 3): every route refuses a
// request without the admin's credentials before express-pouchdb reads it, so the anonymous
// requests that used to crash or hang it, and a relay logging in on it directly, get a 401 and
// the server keeps serving; its files are the server account's only.
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import { startTestCouch, type TestCouch } from './support/couch';

const embedded = !process.env.TEST_COUCHDB_URL;
let t: TestCouch;

const basic = (name: string, password: string) =>
  'Basic ' + Buffer.from(`${name}:${password}`).toString('base64');

beforeAll(async () => {
  t = await startTestCouch();
  await upsertUser(t.couch, { name: 'sophie', password: 'pw-sophie', roles: ['relay'] });
});
afterAll(() => t.stop());

async function stillServing() {
  const info = await t.couch.db.get(t.dbName);
  expect(info.db_name).toBe(t.dbName);
}

describe.runIf(embedded)('the embedded server without the admin’s credentials', () => {
  const routes = (db: string): [string, string, string?][] => [
    ['GET', '/'],
    ['GET', '/_all_dbs'],
    ['GET', '/_session'],
    ['POST', '/_session', JSON.stringify({ name: 'sophie', password: 'pw-sophie' })],
    ['GET', '/_users/_all_docs?include_docs=true'],
    ['POST', '/_users/_find', JSON.stringify({ selector: {} })],
    ['GET', `/${db}/_all_docs`],
    ['POST', `/${db}/_find`, JSON.stringify({ selector: {} })],
    ['POST', `/${db}/_bulk_get`, JSON.stringify({ docs: [{ id: '_design/maillage' }] })],
    ['GET', `/${db}/_changes?filter=_selector`],
    ['PUT', '/anything'],
    ['PUT', `/${db}/person:abcdef`, '{}'],
    ['DELETE', `/${db}`],
    ['DELETE', '/_users'],
    ['GET', `/${db}/_local/worker-main`],
    ['GET', '/_config'],
  ];

  it('answers 401 on every route, anonymous or with a wrong password, and keeps serving', async () => {
    for (const authorization of [
      undefined,
      basic(t.admin.name, 'not-the-password'),
      basic('sophie', 'pw-sophie'),
      'Bearer abc',
      'Basic !!!',
    ]) {
      for (const [method, path, body] of routes(t.dbName)) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (authorization) headers.authorization = authorization;
        const res = await fetch(`${t.baseUrl}${path}`, { method, headers, body });
        const answer = (await res.json()) as { error?: string; reason?: string };
        expect(res.status, `${method} ${path} ${authorization}`).toBe(401);
        expect(answer.error).toBe('unauthorized');
        expect(answer.reason).toMatch(/identifiants administrateur/);
      }
    }
    await stillServing();
    const dbs = await t.couch.db.list();
    expect(dbs).toContain(t.dbName);
    expect(dbs).not.toContain('anything');
  });

  it('lets no relay change her roles in _users, not even with her own password', async () => {
    const id = 'org.couchdb.user:sophie';
    const current = await t.couch.use<Record<string, unknown>>('_users').get(id);
    const res = await fetch(`${t.baseUrl}/_users/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: basic('sophie', 'pw-sophie') },
      body: JSON.stringify({ ...current, roles: ['coordinator'] }),
    });
    expect(res.status).toBe(401);
    expect((await t.couch.use<{ roles: string[] }>('_users').get(id)).roles).toEqual(['relay']);
  });

  it('checks a relay’s password for the app, which asks with its own account', async () => {
    const ask = (password: string) =>
      fetch(`${t.baseUrl}/_session`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: basic(t.admin.name, t.admin.password),
        },
        body: JSON.stringify({ name: 'sophie', password }),
      });
    const ok = await ask('pw-sophie');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ name: 'sophie', roles: ['relay'] });
    expect((await ask('wrong')).status).toBe(401);
  });
});

describe.runIf(embedded)('the embedded server’s data folder', () => {
  it('holds only files 0600 and folders 0700, those written since start included', async () => {
    await t.couch.db.create('private-files');
    const db = t.couch.use('private-files');
    for (let i = 0; i < 20; i++) await db.insert({ _id: `private-${i}` });
    const dataDir = dataDirOf(t);
    const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
    expect(entries.filter((e) => e.isFile()).length).toBeGreaterThan(3);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      const mode = statSync(path).mode & 0o777;
      if (entry.isDirectory()) expect(mode, path).toBe(0o700);
      else if (entry.isFile()) expect(mode, path).toBe(0o600);
    }
  });
});

function dataDirOf(couch: TestCouch): string {
  if (!couch.dataDir) throw new Error('embedded test servers say where their data is');
  return couch.dataDir;
}
