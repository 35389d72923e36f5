import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import { SESSION_TTL_MS, signSession } from '../../src/lib/server/session-token';
import { startTestCouch, type TestCouch } from './support/couch';
import {
  appConfigFor,
  closedUrl,
  sessionCookieOf,
  startSessionProxyApp,
  type SessionProxyApp,
} from './support/session-proxy-app';

let couch: TestCouch;
let app: SessionProxyApp;

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
const logIn = (name: string, password: string) => post(JSON.stringify({ name, password }));
const getSession = (cookie?: string) =>
  fetch(`${app.url}/api/session`, { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  couch = await startTestCouch();
  await upsertUser(couch.couch, { name: 'sophie', password: 'pw-sophie', roles: ['relay'] });
  await upsertUser(couch.couch, { name: 'claire', password: 'pw-claire', roles: ['coordinator'] });
  await upsertUser(couch.couch, { name: 'paul', password: 'pw-paul', roles: ['driver'] });
  app = await startSessionProxyApp(appConfigFor(couch));
});
afterAll(async () => {
  expect(app.crashes).toEqual([]);
  await app.stop();
  await couch.stop();
});

describe('logging in', () => {
  it('checks the password against _users and sets a signed, HttpOnly, 14-day cookie', async () => {
    app.now = Date.now();
    const res = await logIn('sophie', 'pw-sophie');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      name: 'sophie',
      roles: ['relay'],
      expiresAt: new Date(app.now + SESSION_TTL_MS).toISOString(),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^maillage_session=[\w-]+\.[\w-]+; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${SESSION_TTL_MS / 1000}`);
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain('AuthSession');
  });

  it('marks the cookie Secure when the browser came over https', async () => {
    const res = await post(JSON.stringify({ name: 'claire', password: 'pw-claire' }), {
      'x-forwarded-proto': 'https',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('refuses a wrong password or an unknown name with the same message', async () => {
    for (const [name, password] of [
      ['sophie', 'wrong'],
      ['nobody', 'pw'],
    ] as const) {
      const res = await logIn(name, password);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Identifiant ou mot de passe incorrect' });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses, in French, a CouchDB user who is neither relay, coordinator nor admin', async () => {
    const res = await logIn('paul', 'pw-paul');
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/rôle relais, coordinateur ou admin/);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers 400 with a clear message to a body that is not the expected JSON', async () => {
    for (const body of [
      'name=sophie&password=x',
      '{"name":',
      '[]',
      'null',
      '{"name":"sophie"}',
      '{"name":"","password":"x"}',
      '{"name":1,"password":2}',
    ]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect((await res.json()).error, body).toMatch(/JSON|identifiant/i);
    }
    const huge = await post(JSON.stringify({ name: 'sophie', password: 'x'.repeat(20_000) }));
    expect(huge.status).toBe(400);
  });

  it('slows down repeated failures for one name from one address, even with the right password then', async () => {
    await upsertUser(couch.couch, { name: 'target', password: 'pw-target', roles: ['relay'] });
    for (let i = 0; i < 5; i++) expect((await logIn('target', `guess${i}`)).status).toBe(401);
    const blocked = await logIn('target', 'pw-target');
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error).toMatch(/Trop de tentatives/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user from the same address is not affected.
    expect((await logIn('claire', 'pw-claire')).status).toBe(200);
  });
});

describe('the current session', () => {
  it('is given back and renewed for another 14 days (sliding)', async () => {
    app.now = Date.now();
    const cookie = sessionCookieOf(await logIn('sophie', 'pw-sophie'));
    app.now += 10 * 24 * 3600 * 1000;
    const res = await getSession(cookie);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.name).toBe('sophie');
    expect(body.expiresAt).toBe(new Date(app.now + SESSION_TTL_MS).toISOString());
    const renewed = sessionCookieOf(res);
    expect(renewed).not.toBe(cookie);
    // The renewed cookie outlives the first one.
    app.now += 10 * 24 * 3600 * 1000;
    expect((await getSession(cookie)).status).toBe(401);
    expect((await getSession(renewed)).status).toBe(200);
    app.now = Date.now();
  });

  it('is refused without a cookie, with an expired one, or with a tampered one', async () => {
    app.now = Date.now();
    const none = await getSession();
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatch(/Reconnectez-vous/);

    const secret = app.config.sessionSecret;
    const expired = signSession(
      { name: 'sophie', roles: ['relay'], expiresAt: app.now - 1, id: 'x' },
      secret,
    );
    const res = await getSession(`maillage_session=${expired}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toMatch(/^maillage_session=; .*Max-Age=0/);

    const valid = signSession(
      { name: 'sophie', roles: ['relay'], expiresAt: app.now + 60_000, id: 'x' },
      secret,
    );
    const [payload, mac] = valid.split('.') as [string, string];
    const promoted = Buffer.from(
      JSON.stringify({ n: 'sophie', r: ['admin'], e: app.now + 60_000, s: 'x' }),
    ).toString('base64url');
    expect((await getSession(`maillage_session=${promoted}.${mac}`)).status).toBe(401);
    expect((await getSession(`maillage_session=${payload}.${mac.slice(0, -2)}xx`)).status).toBe(
      401,
    );
    const forged = signSession(
      { name: 'sophie', roles: ['admin'], expiresAt: app.now + 60_000, id: 'x' },
      'not-the-server-secret',
    );
    expect((await getSession(`maillage_session=${forged}`)).status).toBe(401);
  });

  it('stops being renewed once the account is removed or loses its role', async () => {
    app.now = Date.now();
    await upsertUser(couch.couch, { name: 'leaving', password: 'pw-leaving', roles: ['relay'] });
    const cookie = sessionCookieOf(await logIn('leaving', 'pw-leaving'));
    await upsertUser(couch.couch, { name: 'leaving', password: 'pw-leaving', roles: [] });
    const demoted = await getSession(cookie);
    expect(demoted.status).toBe(401);
    expect(demoted.headers.get('set-cookie')).toMatch(/Max-Age=0/);

    await upsertUser(couch.couch, { name: 'gone', password: 'pw-gone', roles: ['relay'] });
    const goneCookie = sessionCookieOf(await logIn('gone', 'pw-gone'));
    const users = couch.couch.use('_users');
    const doc = await users.get('org.couchdb.user:gone');
    await users.destroy(doc._id, doc._rev);
    expect((await getSession(goneCookie)).status).toBe(401);
  });

  it('ends when a role is given since the login: the new roles come with a new login', async () => {
    await upsertUser(couch.couch, { name: 'rising', password: 'pw-rising', roles: ['relay'] });
    const cookie = sessionCookieOf(await logIn('rising', 'pw-rising'));
    await upsertUser(couch.couch, {
      name: 'rising',
      password: 'pw-rising',
      roles: ['relay', 'coordinator'],
    });
    expect((await getSession(cookie)).status).toBe(401);
    const again = await logIn('rising', 'pw-rising');
    expect((await again.json()).roles).toEqual(['relay', 'coordinator']);
  });

  it('is ended by DELETE, which clears the cookie', async () => {
    const res = await fetch(`${app.url}/api/session`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^maillage_session=; .*Max-Age=0/);
  });
});

describe('when CouchDB does not answer', () => {
  it('login answers 503 with a message, and a session is still given back from its cookie', async () => {
    const down = await startSessionProxyApp(appConfigFor({ ...couch, baseUrl: await closedUrl() }));
    try {
      const res = await fetch(`${down.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'sophie', password: 'pw-sophie' }),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: 'Le serveur de données ne répond pas' });

      const token = signSession(
        { name: 'sophie', roles: ['relay'], expiresAt: down.now + 60_000, id: 'x' },
        down.config.sessionSecret,
      );
      const session = await fetch(`${down.url}/api/session`, {
        headers: { cookie: `maillage_session=${token}` },
      });
      expect(session.status).toBe(200);
      expect(down.crashes).toEqual([]);
    } finally {
      await down.stop();
    }
  });
});
