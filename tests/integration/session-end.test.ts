// Sessions end on the next request to /db once the user logs out, is removed, changes role or has
// a new password (issue 7, point 6); the login throttle holds against parallel attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import {
  endAccountSession,
  listAccounts,
  resetPassword,
} from '../../src/lib/server/session-accounts';
import { SESSION_CACHE_MS } from '../../src/lib/server/session-store';
import { startTestCouch, type TestCouch } from './support/couch';
import {
  appConfigFor,
  logIn,
  startSessionProxyApp,
  type SessionProxyApp,
} from './support/session-proxy-app';

let couch: TestCouch;
let app: SessionProxyApp;

const dbStatus = async (cookie: string) =>
  (await fetch(`${app.url}/db/`, { headers: { cookie } })).status;

/** Past this server's short cache of _users answers, as another app server would be. */
const later = () => {
  app.now += SESSION_CACHE_MS;
};

beforeAll(async () => {
  couch = await startTestCouch();
  app = await startSessionProxyApp(appConfigFor(couch));
});
afterAll(async () => {
  expect(app.crashes).toEqual([]);
  await app.stop();
  await couch.stop();
});

describe('a session', () => {
  it('ends on logout: a copy of the cookie no longer reaches /db, the other devices still do', async () => {
    await upsertUser(couch.couch, { name: 'ana', password: 'pw-ana', roles: ['relay'] });
    const phone = await logIn(app, 'ana', 'pw-ana');
    const tablet = await logIn(app, 'ana', 'pw-ana');
    expect(await dbStatus(phone)).toBe(200);
    const out = await fetch(`${app.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie: phone },
    });
    expect(out.status).toBe(200);
    expect(await dbStatus(phone)).toBe(401);
    expect((await fetch(`${app.url}/api/session`, { headers: { cookie: phone } })).status).toBe(
      401,
    );
    expect(await dbStatus(tablet)).toBe(200);
  });

  it('ends when the user is removed', async () => {
    await upsertUser(couch.couch, { name: 'bea', password: 'pw-bea', roles: ['relay'] });
    const cookie = await logIn(app, 'bea', 'pw-bea');
    expect(await dbStatus(cookie)).toBe(200);
    const users = couch.couch.use('_users');
    const doc = await users.get('org.couchdb.user:bea');
    await users.destroy(doc._id, doc._rev);
    later();
    expect(await dbStatus(cookie)).toBe(401);
  });

  it('ends when the role changes, taken or given', async () => {
    await upsertUser(couch.couch, { name: 'cyr', password: 'pw-cyr', roles: ['coordinator'] });
    const cookie = await logIn(app, 'cyr', 'pw-cyr');
    await upsertUser(couch.couch, { name: 'cyr', password: 'pw-cyr', roles: ['relay'] });
    later();
    expect(await dbStatus(cookie)).toBe(401);
  });

  it('ends when the password changes, even if the session list was kept', async () => {
    await upsertUser(couch.couch, { name: 'dan', password: 'pw-dan', roles: ['relay'] });
    const cookie = await logIn(app, 'dan', 'pw-dan');
    const users = couch.couch.use<Record<string, unknown>>('_users');
    // A new password set by hand in CouchDB, the rest of the document (sessions too) kept.
    const doc = await users.get('org.couchdb.user:dan');
    await users.insert({ ...doc, password: 'new-pw-dan' });
    later();
    expect(await dbStatus(cookie)).toBe(401);
    expect(await dbStatus(await logIn(app, 'dan', 'new-pw-dan'))).toBe(200);
  });
});

describe('the login throttle', () => {
  it('lets 5 of 30 parallel attempts reach the password check, then not even the right one', async () => {
    await upsertUser(couch.couch, { name: 'eve', password: 'pw-eve', roles: ['relay'] });
    const attempt = (password: string) =>
      fetch(`${app.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'eve', password }),
      });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(`guess${i}`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    expect((await attempt('pw-eve')).status).toBe(429);
  });
});

describe('a coordinator', () => {
  const coordinator = { name: 'claire', roles: ['coordinator'] };

  it('sees the relays and their devices, ends one device, and a new password ends the rest', async () => {
    await upsertUser(couch.couch, { name: 'fay', password: 'pw-fay', roles: ['relay'] });
    const phone = await logIn(app, 'fay', 'pw-fay');
    const tablet = await logIn(app, 'fay', 'pw-fay');
    const listed = await (await listAccounts(app.config, coordinator, app.now)).json();
    const fay = listed.accounts.find((a: { name: string }) => a.name === 'fay');
    expect(fay.sessions).toHaveLength(2);
    expect(Object.keys(fay.sessions[0]).sort()).toEqual([
      'createdAt',
      'device',
      'id',
      'lastSeenAt',
    ]);

    const ids = fay.sessions.map((s: { id: string }) => s.id);
    expect((await endAccountSession(app.config, coordinator, 'fay', ids[0])).status).toBe(200);
    const open = [await dbStatus(phone), await dbStatus(tablet)].sort();
    expect(open).toEqual([200, 401]);

    const reset = await resetPassword(app.config, coordinator, 'fay');
    const { password } = await reset.json();
    expect([await dbStatus(phone), await dbStatus(tablet)]).toEqual([401, 401]);
    expect(await dbStatus(await logIn(app, 'fay', password))).toBe(200);
  });

  it('manages neither coordinators nor admins, and a relay manages nobody', async () => {
    await upsertUser(couch.couch, { name: 'gus', password: 'pw-gus', roles: ['coordinator'] });
    const listed = await (await listAccounts(app.config, coordinator, app.now)).json();
    expect(listed.accounts.map((a: { roles: string[] }) => a.roles).flat()).not.toContain(
      'coordinator',
    );
    expect((await resetPassword(app.config, coordinator, 'gus')).status).toBe(404);
    expect(await dbStatus(await logIn(app, 'gus', 'pw-gus'))).toBe(200);
    const relay = { name: 'fay', roles: ['relay'] };
    expect((await listAccounts(app.config, relay, app.now)).status).toBe(403);
    expect((await resetPassword(app.config, relay, 'ana')).status).toBe(404);
    expect((await resetPassword(app.config, null, 'ana')).status).toBe(404);
    const admin = { name: 'root', roles: ['admin'] };
    expect((await resetPassword(app.config, admin, 'gus')).status).toBe(200);
  });
});
