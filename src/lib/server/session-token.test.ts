import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mayUseApp, newSession, SESSION_TTL_MS, signSession, verifySession } from './session-token';

const secret = 'a-test-secret-of-enough-length';
const now = Date.UTC(2026, 10, 21, 12);

describe('the signed session token', () => {
  it('gives back the name, roles and expiry it was signed with', () => {
    const session = newSession({ name: 'sophie', roles: ['relay'] }, 'sid-1', now);
    expect(verifySession(signSession(session, secret), secret, now + 1000)).toEqual(session);
    expect(session.expiresAt - now).toBe(SESSION_TTL_MS);
  });

  it('lasts fourteen days and not a millisecond more', () => {
    const token = signSession(
      newSession({ name: 'sophie', roles: ['relay'] }, 'sid-1', now),
      secret,
    );
    expect(verifySession(token, secret, now + SESSION_TTL_MS - 1)).not.toBeNull();
    expect(verifySession(token, secret, now + SESSION_TTL_MS)).toBeNull();
  });

  it('is refused when signed with another secret', () => {
    const token = signSession(
      newSession({ name: 'sophie', roles: ['relay'] }, 'sid-1', now),
      'another-secret-entirely',
    );
    expect(verifySession(token, secret, now)).toBeNull();
  });

  it('is refused when its payload was changed, whatever the change', () => {
    const token = signSession(
      newSession({ name: 'sophie', roles: ['relay'] }, 'sid-1', now),
      secret,
    );
    const [payload, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ n: 'sophie', r: ['admin'], e: now + SESSION_TTL_MS, s: 'sid-1' }),
      'utf8',
    ).toString('base64url');
    expect(verifySession(`${forged}.${mac}`, secret, now)).toBeNull();
    fc.assert(
      fc.property(
        fc.nat({ max: payload.length - 1 }),
        fc.constantFrom(...'ABCdef0129-_'),
        (i, c) => {
          fc.pre(payload[i] !== c);
          const changed = payload.slice(0, i) + c + payload.slice(i + 1);
          expect(verifySession(`${changed}.${mac}`, secret, now)).toBeNull();
        },
      ),
    );
  });

  it('is refused without the id of its entry in the session list', () => {
    const payload = Buffer.from(
      JSON.stringify({ n: 'sophie', r: ['relay'], e: now + 1000 }),
      'utf8',
    ).toString('base64url');
    const mac = createHmac('sha256', secret).update(payload).digest('base64url');
    expect(verifySession(`${payload}.${mac}`, secret, now)).toBeNull();
  });

  it('is refused when malformed', () => {
    for (const token of ['', 'abc', 'a.b.c', '.abc', 'eyJ9.', '%%%.%%%']) {
      expect(verifySession(token, secret, now)).toBeNull();
    }
  });

  it('is refused for a user without a role of the app, even when correctly signed', () => {
    const token = signSession(
      { name: 'bob', roles: ['driver'], expiresAt: now + 1000, id: 'sid-2' },
      secret,
    );
    expect(verifySession(token, secret, now)).toBeNull();
  });

  it('lets relays, coordinators and admins use the app, and nobody else', () => {
    expect(mayUseApp(['relay'])).toBe(true);
    expect(mayUseApp(['coordinator'])).toBe(true);
    expect(mayUseApp(['admin', 'x'])).toBe(true);
    expect(mayUseApp([])).toBe(false);
    expect(mayUseApp(['_admin'])).toBe(false);
    expect(mayUseApp(['driver'])).toBe(false);
  });
});
