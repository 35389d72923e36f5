// What a coordinator does with the relays' logins (the /comptes page): list them with their open
// sessions, give a new password (which ends every session of that login), end one device's
// session. An admin may do it for every login of the app; a coordinator for relays only.
import { randomInt } from 'node:crypto';
import type { AppConfig } from './config';
import { basicAuth, CouchUnreachableError, fetchCouch } from './couch';
import { json } from './session-api';
import {
  endSessions,
  fingerprint,
  liveEntries,
  readUserDoc,
  rolesOf,
  SESSIONS_FIELD,
  SessionStoreError,
  updateUserDoc,
  type UserDoc,
} from './session-store';
import { mayUseApp } from './session-token';

type Actor = { name: string; roles: string[] } | null;

export const ACCOUNT_MESSAGES = {
  coordinatorsOnly: 'Réservé aux coordinateurs : connectez-vous avec un compte de coordination.',
  notManaged: 'Ce compte n’existe pas, ou vous ne pouvez pas le gérer.',
  unreachable: 'Le serveur de données ne répond pas',
} as const;

const isAdmin = (roles: readonly string[]) => roles.includes('admin');
const isCoordinator = (roles: readonly string[]) => isAdmin(roles) || roles.includes('coordinator');

/** Whether `actor` may reset the password and end the sessions of an account with `roles`. */
export function mayManage(actor: Actor, roles: readonly string[]): boolean {
  if (!actor || !isCoordinator(actor.roles) || !mayUseApp(roles)) return false;
  return isAdmin(actor.roles) || !isCoordinator(roles);
}

/** GET /api/accounts: the logins the actor manages, each with its open sessions. */
export async function listAccounts(config: AppConfig, actor: Actor, now: number) {
  if (!actor || !isCoordinator(actor.roles))
    return json(actor ? 403 : 401, { error: ACCOUNT_MESSAGES.coordinatorsOnly });
  const query = new URLSearchParams({
    include_docs: 'true',
    startkey: JSON.stringify('org.couchdb.user:'),
    endkey: JSON.stringify('org.couchdb.user;'),
  });
  try {
    const res = await fetchCouch(`${config.couchUrl}/_users/_all_docs?${query}`, {
      headers: { accept: 'application/json', authorization: basicAuth(config.couchAuth) },
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new CouchUnreachableError(`CouchDB answered ${res.status} listing _users`);
    }
    const { rows } = (await res.json()) as { rows: Array<{ doc?: UserDoc }> };
    const accounts = rows
      .map((row) => row.doc)
      .filter((doc): doc is UserDoc => !!doc && mayManage(actor, rolesOf(doc)))
      .map((doc) => ({
        name: doc.name,
        roles: rolesOf(doc),
        // Only what the coordinator needs to tell devices apart: never the hash or the ids' use.
        sessions: liveEntries(doc, now)
          .filter((e) => e.fp === fingerprint(doc))
          .map(({ id, device, createdAt, lastSeenAt }) => ({ id, device, createdAt, lastSeenAt }))
          .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    return json(200, { accounts });
  } catch (err) {
    return failure(err);
  }
}

/** POST /api/accounts/<name>/password: a new password, shown once; every session ends. */
export async function resetPassword(config: AppConfig, actor: Actor, name: string) {
  const password = newPassword();
  let allowed = false;
  try {
    await updateUserDoc(config, name, (doc) => {
      allowed = mayManage(actor, rolesOf(doc));
      if (!allowed) return null;
      // CouchDB hashes `password` on write (new salt): the fingerprint changes too.
      return { ...doc, password, [SESSIONS_FIELD]: [] };
    });
  } catch (err) {
    return failure(err);
  }
  if (!allowed) return json(404, { error: ACCOUNT_MESSAGES.notManaged });
  console.error(`[accounts] ${actor!.name} gave ${name} a new password`);
  return json(200, { name, password });
}

/** DELETE /api/accounts/<name>/sessions/<id>: that device must log in again. */
export async function endAccountSession(config: AppConfig, actor: Actor, name: string, id: string) {
  try {
    const doc = await readUserDoc(config, name);
    if (doc === 'forbidden') throw new SessionStoreError(name);
    if (!doc || !mayManage(actor, rolesOf(doc)))
      return json(404, { error: ACCOUNT_MESSAGES.notManaged });
    await endSessions(config, name, id);
  } catch (err) {
    return failure(err);
  }
  console.error(`[accounts] ${actor!.name} ended a session of ${name}`);
  return json(200, { ok: true });
}

/** Three groups of four letters and digits, easy to read out on the phone (no 0/O, 1/l). */
function newPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const group = () =>
    Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

function failure(err: unknown): Response {
  if (err instanceof SessionStoreError) {
    console.error(`[accounts] ${err.message}`);
    return json(503, { error: ACCOUNT_MESSAGES.unreachable });
  }
  if (!(err instanceof CouchUnreachableError)) throw err;
  console.error(`[accounts] ${err.message}`);
  return json(503, { error: ACCOUNT_MESSAGES.unreachable });
}
