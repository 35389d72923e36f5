// The few CouchDB HTTP calls the SvelteKit server makes itself (a password check, the /db proxy
// builds on couchUrl). Plain fetch against the HTTP API, so Apache CouchDB 3 and the embedded
// server behave alike.
import type { AppConfig, CouchAccount } from './config';

/** CouchDB could not be reached at all (refused, reset, DNS, timeout). */
export class CouchUnreachableError extends Error {}

export function basicAuth(account: CouchAccount): string {
  return 'Basic ' + Buffer.from(`${account.name}:${account.password}`, 'utf8').toString('base64');
}

/** fetch, with network failures turned into CouchUnreachableError. */
export async function fetchCouch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new CouchUnreachableError(
      `CouchDB unreachable at ${new URL(url).origin}: ${describe(err)}`,
      { cause: err },
    );
  }
}

export type PasswordCheck = { ok: true; name: string; roles: string[] } | { ok: false };

/**
 * Checks a name and password against CouchDB's _users through POST /_session (the same call on
 * Apache CouchDB 3 and express-pouchdb); the AuthSession cookie CouchDB returns is not kept.
 */
export async function checkPassword(
  config: Pick<AppConfig, 'couchUrl' | 'couchAuth'>,
  name: string,
  password: string,
): Promise<PasswordCheck> {
  // With the app's account: the embedded server answers nobody else (CouchDB checks the body's
  // name and password either way).
  const res = await fetchCouch(`${config.couchUrl}/_session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: basicAuth(config.couchAuth),
    },
    body: JSON.stringify({ name, password }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => null)) as {
    ok?: boolean;
    name?: unknown;
    roles?: unknown;
  } | null;
  if (res.status === 401 || res.status === 403) return { ok: false };
  if (!res.ok || !body?.ok)
    throw new CouchUnreachableError(`CouchDB answered ${res.status} to POST /_session`);
  const roles = Array.isArray(body.roles)
    ? body.roles.filter((r): r is string => typeof r === 'string')
    : [];
  return { ok: true, name: typeof body.name === 'string' ? body.name : name, roles };
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
}
