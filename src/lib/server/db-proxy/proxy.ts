// The /db proxy: the PWA replicates with `new PouchDB(origin + '/db')`, and this forwards the
// allow-listed requests to `${couchUrl}/${couchDb}/…` under the app's own database account,
// saying which user acts. The browser's cookies and credentials never reach CouchDB, and the
// app's credentials never reach the browser.
import type { Clock } from '../../clock';
import type { AppConfig } from '../config';
import { basicAuth, CouchUnreachableError, fetchCouch } from '../couch';
import type { SessionUser } from '../session-token';
import { classifyDbRequest } from './allow-list';
import { declaredTooLarge, discardBody, isTooLarge, readBodyText } from './body';
import {
  idsToLookUp,
  mergeBulkDocsResults,
  readBulkDocsBody,
  screenBulkDocs,
  type BulkDocResult,
} from './bulk-docs';
import { proxyLongpoll } from './longpoll';
import { checkDbBody, checkDbQuery, hasCheckedBody } from './request-shape';

export const USER_HEADER = 'x-maillage-user';

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

export async function proxyDbRequest(
  request: Request,
  config: AppConfig,
  user: SessionUser | null,
  clock: Clock,
): Promise<Response> {
  if (!user) return refuse(request, config, 401, 'unauthorized', PROXY_MESSAGES.noSession);
  const classified = classifyDbRequest(request.method, new URL(request.url));
  if (!classified.ok) {
    console.warn(
      `[db-proxy] refused ${request.method} ${new URL(request.url).pathname} for ${user.name}: ${classified.reason}`,
    );
    return refuse(request, config, 403, 'forbidden', classified.reason);
  }
  if (declaredTooLarge(request, config.maxBodyBytes)) {
    return refuse(request, config, 413, 'too_large', PROXY_MESSAGES.tooLarge(config.maxBodyBytes));
  }
  const { route } = classified;
  const shape = checkDbQuery(route, request.method, classified.query);
  if (!shape.ok) return refuseShape(request, config, user, shape.reason);

  const base = `${config.couchUrl}/${encodeURIComponent(config.couchDb)}/`;
  const search = classified.query.toString();
  const headers = upstreamHeaders(config, user);
  try {
    if (route.kind === 'bulk-docs')
      return await proxyBulkDocs(request, config, user, base, headers, clock.now());
    // Every other body is read, checked and re-serialised: CouchDB only sees shapes it expects.
    let body: RequestInit = {};
    if (hasCheckedBody(route, request.method)) {
      const json = await readJson(request, config);
      if (json instanceof Response) return json;
      const checked = checkDbBody(route, classified.query, json);
      if (!checked.ok) return refuseShape(request, config, user, checked.reason);
      headers.set('content-type', 'application/json');
      body = { body: JSON.stringify(checked.body) };
    } else discardBody(request, config.maxBodyBytes);
    if (route.kind === 'changes' && route.longpoll) {
      const query = new URLSearchParams(classified.query);
      // A heartbeat would make Apache CouchDB ignore the timeout; the proxy sends its own.
      query.delete('heartbeat');
      const asked = Number(query.get('timeout'));
      const maxMs = asked > 0 ? Math.min(asked, config.longpollMaxMs) : config.longpollMaxMs;
      query.set('timeout', String(maxMs));
      // "now" cannot be echoed back as a sequence when the proxy ends a quiet poll: pin it first.
      if (query.get('since') === 'now')
        query.set('since', await currentSeq(base, headers, request.signal));
      return await proxyLongpoll({
        url: `${base}${classified.path}?${query}`,
        init: { method: request.method, headers, ...body },
        since: query.get('since'),
        maxMs,
        clientSignal: request.signal,
        fetch: fetchCouch,
        onUpstreamError: relayResponse,
      });
    }
    const upstream = await fetchCouch(`${base}${classified.path}${search ? `?${search}` : ''}`, {
      method: request.method,
      headers,
      signal: request.signal,
      ...body,
    });
    return await relayResponse(upstream);
  } catch (err) {
    return failure(err, request, config, user);
  }
}

/** An answer given before reading the body: the body is still consumed, or the browser may never see it. */
function refuse(
  request: Request,
  config: AppConfig,
  status: number,
  error: string,
  reason: string,
): Response {
  discardBody(request, config.maxBodyBytes);
  return dbError(status, error, reason);
}

function refuseShape(
  request: Request,
  config: AppConfig,
  user: SessionUser,
  reason: string,
): Response {
  console.warn(
    `[db-proxy] refused ${request.method} ${new URL(request.url).pathname} for ${user.name}: ${reason}`,
  );
  return refuse(request, config, 400, 'bad_request', reason);
}

/** The request's JSON body (undefined when empty), or the answer for one that is not JSON. */
async function readJson(request: Request, config: AppConfig): Promise<unknown> {
  const text = await readBodyText(request, config.maxBodyBytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return dbError(400, 'bad_request', PROXY_MESSAGES.badJson);
  }
}

function upstreamHeaders(config: AppConfig, user: SessionUser): Headers {
  // Built from scratch: the browser's Cookie and Authorization never go further.
  const headers = new Headers({
    accept: 'application/json',
    // Plain bytes: nothing to gain from compression on the way to CouchDB, and a compressing
    // server may hold back a long poll's first bytes.
    'accept-encoding': 'identity',
    authorization: basicAuth(config.couchAuth),
    [USER_HEADER]: encodeURIComponent(user.name),
  });
  return headers;
}

async function proxyBulkDocs(
  request: Request,
  config: AppConfig,
  user: SessionUser,
  base: string,
  headers: Headers,
  now: Date,
): Promise<Response> {
  const parsed = await readJson(request, config);
  if (parsed instanceof Response) return parsed;
  const body = readBulkDocsBody(parsed);
  if (typeof body === 'string') return dbError(400, 'bad_request', body);

  const current = await currentDocs(base, idsToLookUp(body), headers, request.signal);
  if (current instanceof Response) return current;
  const { accepted, refused } = screenBulkDocs(body, user, current, now);
  for (const r of refused)
    console.warn(
      `[db-proxy] refused ${r.entry.id || '(no id)'} from ${user.name}: ${r.entry.reason}`,
    );

  let upstreamResults: BulkDocResult[] = [];
  if (accepted.length > 0) {
    const post = (docs: readonly Record<string, unknown>[]) =>
      fetchCouch(`${base}_bulk_docs`, {
        method: 'POST',
        headers: withJson(headers),
        body: JSON.stringify({ docs, ...(body.new_edits === false ? { new_edits: false } : {}) }),
        signal: request.signal,
      });
    const upstream = await post(accepted);
    if (upstream.status === 201 || upstream.status === 202) {
      const answer: unknown = await upstream.json();
      if (!Array.isArray(answer)) return dbError(502, 'bad_gateway', PROXY_MESSAGES.upstreamError);
      upstreamResults = answer as BulkDocResult[];
    } else if (upstream.status >= 400 && upstream.status !== 401 && accepted.length > 1) {
      // CouchDB refused the whole batch for one document: each goes alone, so only it fails.
      await upstream.body?.cancel();
      for (const doc of accepted) upstreamResults.push(...(await postAlone(post, doc)));
    } else if (upstream.status >= 400 && upstream.status < 500 && upstream.status !== 401) {
      upstreamResults = [await failedEntry(upstream, accepted[0]!)];
    } else return relayResponse(upstream);
  }
  return jsonResponse(201, mergeBulkDocsResults(body.docs.length, refused, upstreamResults));
}

async function postAlone(
  post: (docs: readonly Record<string, unknown>[]) => Promise<Response>,
  doc: Record<string, unknown>,
): Promise<BulkDocResult[]> {
  const res = await post([doc]);
  if (res.status === 201 || res.status === 202) {
    const answer: unknown = await res.json().catch(() => null);
    if (Array.isArray(answer)) return answer as BulkDocResult[];
  }
  return [await failedEntry(res, doc)];
}

/** A per-document error entry for a document CouchDB refused with the whole request. */
async function failedEntry(res: Response, doc: Record<string, unknown>): Promise<BulkDocResult> {
  const answer = (await res.json().catch(() => null)) as { error?: unknown } | null;
  console.warn(`[db-proxy] CouchDB refused ${String(doc._id)} (${res.status})`);
  return {
    id: String(doc._id),
    error: res.status >= 500 ? 'unknown_error' : String(answer?.error ?? 'bad_request'),
    reason: 'Le serveur de données a refusé ce document',
  };
}

async function currentSeq(base: string, headers: Headers, signal: AbortSignal): Promise<string> {
  const res = await fetchCouch(base, { headers, signal });
  const info = (await res.json().catch(() => null)) as { update_seq?: unknown } | null;
  if (!res.ok || info?.update_seq === undefined) {
    throw new CouchUnreachableError(`CouchDB answered ${res.status} to the database info`);
  }
  return typeof info.update_seq === 'string' ? info.update_seq : JSON.stringify(info.update_seq);
}

/** The winning revision of each id, read with POST _all_docs, for mayWrite. */
async function currentDocs(
  base: string,
  ids: readonly string[],
  headers: Headers,
  signal: AbortSignal,
): Promise<Map<string, Record<string, unknown>> | Response> {
  const current = new Map<string, Record<string, unknown>>();
  if (ids.length === 0) return current;
  const upstream = await fetchCouch(`${base}_all_docs?include_docs=true`, {
    method: 'POST',
    headers: withJson(headers),
    body: JSON.stringify({ keys: ids }),
    signal,
  });
  if (upstream.status !== 200) return relayResponse(upstream);
  const { rows } = (await upstream.json()) as {
    rows: {
      id?: string;
      error?: string;
      value?: { deleted?: boolean };
      doc?: Record<string, unknown> | null;
    }[];
  };
  for (const row of rows) {
    if (!row.id || row.error) continue;
    if (row.value?.deleted) current.set(row.id, { _id: row.id, _deleted: true });
    else if (row.doc) current.set(row.id, row.doc);
  }
  return current;
}

/** CouchDB's answer, streamed back; errors of the proxy's own making are turned into 502. */
async function relayResponse(upstream: Response): Promise<Response> {
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

function failure(err: unknown, request: Request, config: AppConfig, user: SessionUser): Response {
  if (isTooLarge(err))
    return dbError(413, 'too_large', PROXY_MESSAGES.tooLarge(config.maxBodyBytes));
  if (request.signal.aborted || (err as Error).name === 'AbortError') {
    // The browser went away; nobody reads this answer.
    return new Response(null, { status: 499 });
  }
  if (err instanceof CouchUnreachableError) {
    console.error(`[db-proxy] ${err.message}`);
    return dbError(503, 'unavailable', PROXY_MESSAGES.unreachable);
  }
  console.error(
    `[db-proxy] ${request.method} ${new URL(request.url).pathname} for ${user.name} failed:`,
    err,
  );
  return dbError(502, 'bad_gateway', PROXY_MESSAGES.upstreamError);
}

function withJson(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.set('content-type', 'application/json');
  return copy;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'must-revalidate' },
  });
}

export function dbError(status: number, error: string, reason: string): Response {
  return jsonResponse(status, { error, reason });
}
