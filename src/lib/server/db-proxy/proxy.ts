// The /db proxy: the PWA replicates with `new PouchDB(origin + '/db')`, and this forwards the
// allow-listed requests to `${couchUrl}/${couchDb}/…` under the app's own database account,
// saying which user acts. The browser's cookies and credentials never reach CouchDB, and the
// app's credentials never reach the browser.
import type { Clock } from '../../clock';
import type { AppConfig } from '../config';
import { basicAuth, CouchUnreachableError, fetchCouch } from '../couch';
import type { SessionUser } from '../session-token';
import { classifyDbRequest } from './allow-list';
import { warmKnownIds } from './known-ids';
import { proxyRead } from './read-routes';
import { readScope } from './read-scope';
import { declaredTooLarge, discardBody, isTooLarge } from './body';
import { proxyBulkDocs } from './bulk-docs-proxy';
import { dbError, PROXY_MESSAGES, readJson, relayResponse } from './responses';
import { checkDbBody, checkDbQuery, hasCheckedBody } from './request-shape';

export const USER_HEADER = 'x-maillage-user';
export { dbError, PROXY_MESSAGES };

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

  const base = databaseBase(config);
  const search = classified.query.toString();
  const headers = upstreamHeaders(config, user);
  try {
    if (route.kind === 'bulk-docs')
      return await proxyBulkDocs(request, config, user, base, headers, clock.now());
    // Every other body is read, checked and re-serialised: CouchDB only sees shapes it expects.
    let checkedBody: unknown;
    if (hasCheckedBody(route, request.method)) {
      const json = await readJson(request, config);
      if (json instanceof Response) return json;
      const checked = checkDbBody(route, classified.query, json);
      if (!checked.ok) return refuseShape(request, config, user, checked.reason);
      headers.set('content-type', 'application/json');
      checkedBody = checked.body;
    } else discardBody(request, config.maxBodyBytes);
    const body: RequestInit =
      checkedBody === undefined ? {} : { body: JSON.stringify(checkedBody) };
    const read = await proxyRead({
      route,
      method: request.method,
      path: classified.path,
      query: classified.query,
      body: checkedBody,
      scope: readScope(user),
      userName: user.name,
      up: { base, headers, signal: request.signal },
      longpollMaxMs: config.longpollMaxMs,
      clientSignal: request.signal,
      now: clock.now(),
    });
    if (read) return read;
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

function upstreamHeaders(config: AppConfig, user: SessionUser | null): Headers {
  // Built from scratch: the browser's Cookie and Authorization never go further.
  const headers = new Headers({
    accept: 'application/json',
    // Plain bytes: nothing to gain from compression on the way to CouchDB, and a compressing
    // server may hold back a long poll's first bytes.
    'accept-encoding': 'identity',
    authorization: basicAuth(config.couchAuth),
  });
  if (user) headers.set(USER_HEADER, encodeURIComponent(user.name));
  return headers;
}

/**
 * Starts reading the database's ids (known-ids.ts) as the app starts, so that the first relay to
 * pull after it does not pay for it; settles when they are read (or the read failed: logged,
 * tried again at the next use).
 */
export function warmDbProxy(config: AppConfig): Promise<void> {
  return warmKnownIds({
    base: databaseBase(config),
    headers: upstreamHeaders(config, null),
    signal: new AbortController().signal,
  });
}

const databaseBase = (config: AppConfig) =>
  `${config.couchUrl}/${encodeURIComponent(config.couchDb)}/`;

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
