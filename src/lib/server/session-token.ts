// The app's own session: a cookie signed with HMAC-SHA256, so that a relay who was offline for
// hours is still logged in without asking CouchDB again (DESIGN.md, "Sessions offline").
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'maillage_session';
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Roles that may use the PWA; other CouchDB users (drivers later, service accounts) may not. */
export const APP_ROLES: readonly string[] = ['relay', 'coordinator', 'admin'];

export interface SessionUser {
  readonly name: string;
  readonly roles: readonly string[];
}

export interface Session extends SessionUser {
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The entry in the user's session list (session-store.ts) that keeps this cookie valid. */
  readonly id: string;
}

export function mayUseApp(roles: readonly string[]): boolean {
  return roles.some((role) => APP_ROLES.includes(role));
}

export function signSession(session: Session, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ n: session.name, r: session.roles, e: session.expiresAt, s: session.id }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The session in a cookie value, or null when it is malformed, tampered with or expired. */
export function verifySession(
  token: string | undefined | null,
  secret: string,
  now: number,
): Session | null {
  if (!token) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const given = new Uint8Array(Buffer.from(token.slice(dot + 1), 'base64url'));
  const expected = new Uint8Array(Buffer.from(mac(payload, secret), 'base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isPayload(data) || data.e <= now || !mayUseApp(data.r)) return null;
  return { name: data.n, roles: data.r, expiresAt: data.e, id: data.s };
}

export function newSession(user: SessionUser, id: string, now: number): Session {
  return { name: user.name, roles: [...user.roles], expiresAt: now + SESSION_TTL_MS, id };
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function isPayload(data: unknown): data is { n: string; r: string[]; e: number; s: string } {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    typeof d.n === 'string' &&
    d.n.length > 0 &&
    Array.isArray(d.r) &&
    d.r.every((r) => typeof r === 'string') &&
    typeof d.e === 'number' &&
    Number.isFinite(d.e) &&
    typeof d.s === 'string' &&
    d.s.length > 0
  );
}
