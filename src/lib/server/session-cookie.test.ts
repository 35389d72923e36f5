import { describe, expect, it } from 'vitest';
import {
  clearSessionCookieHeader,
  isHttps,
  readCookie,
  sessionCookieHeader,
} from './session-cookie';

const withCookie = (cookie: string, url = 'http://app.test/') =>
  new Request(url, { headers: { cookie } });

describe('the session cookie on the wire', () => {
  it('is found among other cookies, whatever their order and spacing', () => {
    expect(readCookie(withCookie('a=1; maillage_session=abc.def;b=2'), 'maillage_session')).toBe(
      'abc.def',
    );
    expect(
      readCookie(withCookie('maillage_session_old=x; maillage_session=y'), 'maillage_session'),
    ).toBe('y');
    expect(readCookie(withCookie('other=1'), 'maillage_session')).toBeNull();
    expect(readCookie(new Request('http://app.test/'), 'maillage_session')).toBeNull();
  });

  it('is HttpOnly, SameSite=Lax, for the whole site, and Secure only over https', () => {
    const now = Date.UTC(2026, 0, 1);
    const header = sessionCookieHeader('tok.en', now + 3600_000, false, now);
    expect(header).toBe(
      'maillage_session=tok.en; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600; Expires=Thu, 01 Jan 2026 01:00:00 GMT',
    );
    expect(sessionCookieHeader('t', now + 1000, true, now)).toMatch(/; Secure$/);
    expect(clearSessionCookieHeader(false)).toMatch(
      /^maillage_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/,
    );
  });

  it('knows the browser came over https, directly or through a reverse proxy', () => {
    expect(isHttps(new Request('https://app.test/'))).toBe(true);
    expect(
      isHttps(new Request('http://app.test/', { headers: { 'x-forwarded-proto': 'https' } })),
    ).toBe(true);
    expect(isHttps(new Request('http://app.test/'))).toBe(false);
  });
});
