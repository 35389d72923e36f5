// The list of open sessions, kept in each user's _users document (field `maillage_sessions`), so
// that every app server behind one address sees a logout, a removed user, a changed role or a
// reset password on the next request. A session cookie is valid only while its id is in that list
// and the account's password hash and roles are those it was opened with.
import { createHash, randomBytes } from 'node:crypto';
import { isRecent } from '../clock';
import type { AppConfig } from './config';
import { basicAuth, CouchUnreachableError, fetchCouch } from './couch';
import { SESSION_TTL_MS, type Session } from './session-token';

export const SESSIONS_FIELD = 'maillage_sessions';
/** How long an answer about a user is reused on this server; another server sees a change this late. */
export const SESSION_CACHE_MS = 2_000;
const MAX_SESSIONS_PER_USER = 20;
/** lastSeenAt is written at most this often, so renewals do not rewrite _users on every open. */
const LAST_SEEN_STEP_MS = 60 * 60_000;

export interface SessionEntry {
  readonly id: string;
  /** "Chrome sur Android": what the coordinator sees to tell devices apart. */
  readonly device: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** The account's password hash and roles when the session opened (see fingerprint). */
  readonly fp: string;
}

export type UserDoc = {
  _id: string;
  _rev: string;
  name: string;
  roles?: unknown;
  derived_key?: string;
  password_sha?: string;
  salt?: string;
  iterations?: number;
  password_scheme?: string;
  pbkdf2_prf?: string;
  [SESSIONS_FIELD]?: SessionEntry[];
} & Record<string, unknown>;

type Config = Pick<AppConfig, 'couchUrl' | 'couchAuth'>;

export const userDocUrl = (config: Config, name: string) =>
  `${config.couchUrl}/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;

export function rolesOf(doc: Pick<UserDoc, 'roles'>): string[] {
  return Array.isArray(doc.roles)
    ? doc.roles.filter((r): r is string => typeof r === 'string')
    : [];
}

/** Changes whenever the password (new salt and key) or the roles change. */
export function fingerprint(doc: UserDoc): string {
  const secret = [doc.derived_key ?? doc.password_sha ?? '', doc.salt ?? ''];
  const roles = [...rolesOf(doc)].sort();
  return createHash('sha256')
    .update(JSON.stringify([secret, roles]))
    .digest('base64url')
    .slice(0, 22);
}

/** The user's document, null when there is none; 'forbidden' when the app's account may not read it. */
export async function readUserDoc(
  config: Config,
  name: string,
): Promise<UserDoc | null | 'forbidden'> {
  const res = await fetchCouch(userDocUrl(config, name), {
    headers: { accept: 'application/json', authorization: basicAuth(config.couchAuth) },
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status === 404) {
    await res.body?.cancel();
    return null;
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    return 'forbidden';
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new CouchUnreachableError(`CouchDB answered ${res.status} reading _users`);
  }
  return (await res.json()) as UserDoc;
}

/** Whether a session may still be used: its entry exists and the account is unchanged. */
export function sessionIsOpen(doc: UserDoc | null, session: Session, now: number): boolean {
  if (!doc) return false;
  const fp = fingerprint(doc);
  return liveEntries(doc, now).some((e) => e.id === session.id && e.fp === fp);
}

/**
 * Read-modify-write of a user's document, again on a conflict (two logins at once). `change`
 * returns the new document, or null to leave it. false when the user does not exist.
 */
export async function updateUserDoc(
  config: Config,
  name: string,
  change: (doc: UserDoc) => UserDoc | null,
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await readUserDoc(config, name);
    if (doc === 'forbidden') throw new SessionStoreError(name);
    if (!doc) return false;
    const next = change(doc);
    if (!next) return true;
    const res = await fetchCouch(userDocUrl(config, name), {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: basicAuth(config.couchAuth),
      },
      body: JSON.stringify(next),
      signal: AbortSignal.timeout(15_000),
    });
    await res.body?.cancel();
    forgetCached(name);
    if (res.ok) return true;
    if (res.status === 409) continue;
    if (res.status === 401 || res.status === 403) throw new SessionStoreError(name);
    throw new CouchUnreachableError(`CouchDB answered ${res.status} writing _users`);
  }
  throw new CouchUnreachableError(`_users document of ${name} kept changing`);
}

/** The app's database account cannot read or write _users: sessions cannot be kept. */
export class SessionStoreError extends Error {
  constructor(name: string) {
    super(
      `the app's database account may not read or write _users (user ${name}): ` +
        'give it admin rights on _users',
    );
  }
}

/** Adds a session to the user's list and gives its id. */
export async function openSession(
  config: Config,
  name: string,
  device: string,
  now: number,
): Promise<string | null> {
  const id = randomBytes(16).toString('base64url');
  const at = new Date(now).toISOString();
  const found = await updateUserDoc(config, name, (doc) => {
    const entry: SessionEntry = { id, device, createdAt: at, lastSeenAt: at, fp: fingerprint(doc) };
    const kept = liveEntries(doc, now)
      .filter((e) => e.fp === entry.fp)
      .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt))
      .slice(0, MAX_SESSIONS_PER_USER - 1);
    return { ...doc, [SESSIONS_FIELD]: [...kept, entry] };
  });
  return found ? id : null;
}

/** Notes that a session was used (at most once an hour); false when it is no longer open. */
export async function touchSession(
  config: Config,
  session: Session,
  now: number,
): Promise<boolean> {
  let open = false;
  const found = await updateUserDoc(config, session.name, (doc) => {
    open = sessionIsOpen(doc, session, now);
    if (!open) return null;
    const entries = liveEntries(doc, now);
    const entry = entries.find((e) => e.id === session.id);
    if (!entry || now - Date.parse(entry.lastSeenAt) < LAST_SEEN_STEP_MS) return null;
    const seen = { ...entry, lastSeenAt: new Date(now).toISOString() };
    return { ...doc, [SESSIONS_FIELD]: entries.map((e) => (e.id === entry.id ? seen : e)) };
  });
  return found && open;
}

/** Ends one session (`id`), or all of the user's (`id` null). */
export async function endSessions(
  config: Config,
  name: string,
  id: string | null,
): Promise<boolean> {
  return updateUserDoc(config, name, (doc) => {
    const entries = doc[SESSIONS_FIELD] ?? [];
    const kept = id === null ? [] : entries.filter((e) => e.id !== id);
    return kept.length === entries.length ? null : { ...doc, [SESSIONS_FIELD]: kept };
  });
}

/** Sessions not yet expired (the cookie slides 14 days from its last renewal). */
export function liveEntries(doc: UserDoc, now: number): SessionEntry[] {
  const entries = Array.isArray(doc[SESSIONS_FIELD]) ? doc[SESSIONS_FIELD] : [];
  return entries.filter(
    (e) =>
      typeof e?.id === 'string' &&
      typeof e.fp === 'string' &&
      Date.parse(e.lastSeenAt) + SESSION_TTL_MS > now,
  );
}

const cache = new Map<string, { readonly at: number; readonly doc: UserDoc | null }>();

function forgetCached(name: string) {
  cache.delete(name);
}

/**
 * Whether the session of a request is still open, reading the user's document at most every
 * SESSION_CACHE_MS per user on this server. 'unknown' when CouchDB cannot say (down, or the app
 * may not read _users).
 */
export async function checkSession(
  config: Config,
  session: Session,
  now: number,
): Promise<'open' | 'ended' | 'unknown'> {
  let hit = cache.get(session.name);
  if (!hit || !isRecent(hit.at, now, SESSION_CACHE_MS)) {
    let doc;
    try {
      doc = await readUserDoc(config, session.name);
    } catch (err) {
      if (err instanceof CouchUnreachableError) return 'unknown';
      throw err;
    }
    if (doc === 'forbidden') return 'unknown';
    if (cache.size >= 5_000) cache.clear();
    hit = { at: now, doc };
    cache.set(session.name, hit);
  }
  return sessionIsOpen(hit.doc, session, now) ? 'open' : 'ended';
}

/** "Firefox sur Android", from a User-Agent header; good enough to tell a user's devices apart. */
export function deviceLabel(userAgent: string | null): string {
  const ua = userAgent ?? '';
  const browser =
    [
      ['Edg/', 'Edge'],
      ['Firefox/', 'Firefox'],
      ['Chrome/', 'Chrome'],
      ['Chromium/', 'Chromium'],
      ['Safari/', 'Safari'],
    ].find(([mark]) => ua.includes(mark!))?.[1] ?? 'Navigateur';
  const system =
    [
      ['Android', 'Android'],
      ['iPhone', 'iPhone'],
      ['iPad', 'iPad'],
      ['Windows', 'Windows'],
      ['Mac OS', 'Mac'],
      ['CrOS', 'ChromeOS'],
      ['Linux', 'Linux'],
    ].find(([mark]) => ua.includes(mark!))?.[1] ?? 'appareil inconnu';
  return `${browser} sur ${system}`;
}
