import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../hooks.server';
import { signSession } from './session-token';

const secret = 'hooks-test-secret-0123456789';
const saved = { url: process.env.COUCHDB_URL, secret: process.env.SESSION_SECRET };

async function userFor(cookie: string | null) {
  const request = new Request('http://app.test/', { headers: cookie ? { cookie } : {} });
  const event = { request, locals: {} } as unknown as RequestEvent;
  await handle({
    event,
    resolve: (async () => new Response('ok')) as unknown as (
      e: RequestEvent,
      o?: ResolveOptions,
    ) => Promise<Response>,
  });
  return event.locals.user;
}

describe('the server hook', () => {
  beforeEach(() => {
    process.env.COUCHDB_URL = 'http://app:pw@127.0.0.1:5985';
    process.env.SESSION_SECRET = secret;
  });
  afterEach(() => {
    process.env.COUCHDB_URL = saved.url;
    process.env.SESSION_SECRET = saved.secret;
    if (saved.url === undefined) delete process.env.COUCHDB_URL;
    if (saved.secret === undefined) delete process.env.SESSION_SECRET;
  });

  it('knows the user of a valid session cookie', async () => {
    const token = signSession(
      { name: 'sophie', roles: ['relay'], expiresAt: Date.now() + 60_000 },
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
      { name: 'sophie', roles: ['relay'], expiresAt: Date.now() - 1 },
      secret,
    );
    expect(await userFor(`maillage_session=${expired}`)).toBeNull();
    const foreign = signSession(
      { name: 'sophie', roles: ['relay'], expiresAt: Date.now() + 60_000 },
      'another-secret-0123456789',
    );
    expect(await userFor(`maillage_session=${foreign}`)).toBeNull();
  });
});
