import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, type TestCouch } from './support/couch';
import { upsertUser } from '../../server/couch/setup';

describe('the embedded CouchDB-compatible server', () => {
  let t: TestCouch;
  beforeAll(async () => {
    t = await startTestCouch();
  });
  afterAll(() => t.stop());

  it('listens on loopback only and speaks the CouchDB API', async () => {
    expect(new URL(t.baseUrl).hostname).toBe('127.0.0.1');
    const info = await t.couch.db.get(t.dbName);
    expect(info.db_name).toBe(t.dbName);
  });

  it('refuses anonymous reads of the territory database', async () => {
    const res = await fetch(`${t.baseUrl}/${t.dbName}/_all_docs`);
    expect(res.status).toBe(401);
  });

  it('checks a login created in _users through _session', async () => {
    await upsertUser(t.couch, { name: 'sophie', password: 'pw-sophie', roles: ['relay'] });
    const ok = await fetch(`${t.baseUrl}/_session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sophie', password: 'pw-sophie' }),
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()).roles).toEqual(['relay']);
    const bad = await fetch(`${t.baseUrl}/_session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sophie', password: 'wrong' }),
    });
    expect(bad.status).toBe(401);
  });
});
