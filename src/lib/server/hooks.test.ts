import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../hooks.server';
import { signSession } from './session-token';

const secret = 'hooks-test-secret-0123456789';
const saved = { url: process.env.COUCHDB_URL, secret: process.env.SESSION_SECRET };
const now = Date.now();

async function run(
  url: string,
  headers: Record<string, string> = {},
  answer: () => Response = () => new Response('ok'),
) {
  const request = new Request(url, { headers });
  const event = { request, url: new URL(url), locals: {} } as unknown as RequestEvent;
  const response = await handle({
    event,
    resolve: (async () => answer()) as unknown as (
      e: RequestEvent,
      o?: ResolveOptions,
    ) => Promise<Response>,
  });
  return { user: event.locals.user, response };
}

const userFor = async (cookie: string | null) =>
  (await run('http://app.test/', cookie ? { cookie } : {})).user;

describe('the server hook', () => {
  beforeEach(() => {
    // Nothing listens there: CouchDB "down", so the cookie alone counts (see session-api.ts).
    process.env.COUCHDB_URL = 'http://app:pw@127.0.0.1:1';
    process.env.SESSION_SECRET = secret;
  });
  afterEach(() => {
    process.env.COUCHDB_URL = saved.url;
    process.env.SESSION_SECRET = saved.secret;
    if (saved.url === undefined) delete process.env.COUCHDB_URL;
    if (saved.secret === undefined) delete process.env.SESSION_SECRET;
  });

  it('knows the user of a valid session cookie while the database cannot say otherwise', async () => {
    const token = signSession(
      { name: 'sophie', roles: ['relay'], expiresAt: now + 60_000, id: 's1' },
      secret,
    );
    expect(await userFor(`maillage_session=${token}`)).toEqual({
      name: 'sophie',
      roles: ['relay'],
    });
  });

  it('knows nobody without a cookie, or with an expired or foreign one', async () => {
    expect(await userFor(null)).toBeNull();
    const expired = signSession(
      { name: 'sophie', roles: ['relay'], expiresAt: now - 1, id: 's1' },
      secret,
    );
    expect(await userFor(`maillage_session=${expired}`)).toBeNull();
    const foreign = signSession(
      { name: 'sophie', roles: ['relay'], expiresAt: now + 60_000, id: 's1' },
      'another-secret-0123456789',
    );
    expect(await userFor(`maillage_session=${foreign}`)).toBeNull();
  });

  it('forbids sniffing, framing and foreign referrers on every answer', async () => {
    const { response } = await run('http://app.test/personnes');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('adds the frame rule to the CSP SvelteKit wrote, once', async () => {
    const page = await run(
      'http://app.test/',
      {},
      () => new Response('<html>', { headers: { 'content-security-policy': "script-src 'self'" } }),
    );
    expect(page.response.headers.get('content-security-policy')).toBe(
      "script-src 'self'; frame-ancestors 'none'",
    );
    const framed = "script-src 'self'; frame-ancestors 'none'";
    const kept = await run(
      'http://app.test/',
      {},
      () => new Response('<html>', { headers: { 'content-security-policy': framed } }),
    );
    expect(kept.response.headers.get('content-security-policy')).toBe(framed);
  });

  it('asks for HSTS when the browser came over https, directly or through a proxy', async () => {
    const direct = await run('https://app.test/');
    expect(direct.response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const proxied = await run('http://app.test/', { 'x-forwarded-proto': 'https' });
    expect(proxied.response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('keeps /db and /api answers out of every cache, even when the database said otherwise', async () => {
    const cached = () => new Response('{}', { headers: { 'cache-control': 'must-revalidate' } });
    for (const path of ['/db/_changes', '/db', '/api/session', '/api/sms/dev/outbox']) {
      const { response } = await run(`http://app.test${path}`, {}, cached);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    const page = await run('http://app.test/dbx', {}, cached);
    expect(page.response.headers.get('cache-control')).toBe('must-revalidate');
  });

  it('sets the headers on an answer whose headers are immutable', async () => {
    const upstream = await fetch('data:application/json,{}');
    const { response } = await run('http://app.test/db/', {}, () => upstream);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
