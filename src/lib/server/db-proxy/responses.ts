// The /db proxy's answers: CouchDB-shaped errors with French reasons, CouchDB's own answers passed
// back with only the headers worth keeping, and request bodies read as JSON.
import type { AppConfig } from '../config';
import { readBodyText } from './body';

export const PROXY_MESSAGES = {
  noSession: 'Vous n’êtes pas connecté, ou votre session a expiré. Reconnectez-vous.',
  unreachable: 'Le serveur de données ne répond pas',
  upstreamError: 'Le serveur de données a répondu par une erreur',
  upstreamAuth: "Le serveur de l'application n'a pas pu s'identifier auprès du serveur de données",
  badJson: 'Le corps de la requête doit être du JSON valide',
  tooLarge: (limit: number) =>
    `Requête trop volumineuse (plus de ${Math.round(limit / 1024 / 1024)} Mo)`,
} as const;

/** Response headers worth passing back from CouchDB; the rest (Set-Cookie, WWW-Authenticate…) stay. */
const PASSED_HEADERS = ['content-type', 'etag', 'cache-control'];

/** The request's JSON body (undefined when empty), or the answer for one that is not JSON. */
export async function readJson(request: Request, config: AppConfig): Promise<unknown> {
  const text = await readBodyText(request, config.maxBodyBytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return dbError(400, 'bad_request', PROXY_MESSAGES.badJson);
  }
}

export async function relayResponse(upstream: Response): Promise<Response> {
  if (upstream.status === 401 || upstream.status === 407) {
    await upstream.body?.cancel();
    console.error(
      `[db-proxy] CouchDB refused the app's database account (${upstream.status}): check COUCHDB_URL`,
    );
    return dbError(502, 'bad_gateway', PROXY_MESSAGES.upstreamAuth);
  }
  if (upstream.status >= 500) {
    const detail = (await upstream.text().catch(() => '')).slice(0, 300);
    console.error(`[db-proxy] CouchDB answered ${upstream.status}: ${detail}`);
    return dbError(502, 'bad_gateway', `${PROXY_MESSAGES.upstreamError} (${upstream.status})`);
  }
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}

export function withJson(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.set('content-type', 'application/json');
  return copy;
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'must-revalidate' },
  });
}

export function dbError(status: number, error: string, reason: string): Response {
  return jsonResponse(status, { error, reason });
}
