// POST/GET/DELETE /api/session as plain functions from a Request to a Response, so the route file
// stays thin and integration tests call them against a real CouchDB without a build.
import type { AppConfig } from './config';
import { checkPassword, CouchUnreachableError, lookUpUser } from './couch';
import { declaredTooLarge, discardBody, readBodyText } from './db-proxy/body';
import { LoginThrottle } from './login-throttle';
import {
  clearSessionCookieHeader,
  isHttps,
  readCookie,
  sessionCookieHeader,
  sessionFromRequest,
} from './session-cookie';
import { mayUseApp, newSession, SESSION_COOKIE, signSession, type Session } from './session-token';

export const MESSAGES = {
  badJson: 'La requête doit être du JSON de la forme { "name": "…", "password": "…" }.',
  missingFields: 'Indiquez un identifiant et un mot de passe.',
  wrongPassword: 'Identifiant ou mot de passe incorrect',
  roleRefused:
    "Ce compte n'a pas accès à l'application : il faut le rôle relais, coordinateur ou admin.",
  unreachable: 'Le serveur de données ne répond pas',
  noSession: 'Vous n’êtes pas connecté, ou votre session a expiré. Reconnectez-vous.',
  revoked: "Ce compte n'existe plus ou n'a plus accès à l'application.",
} as const;

const MAX_LOGIN_BODY_BYTES = 8 * 1024;

export interface SessionContext {
  readonly config: AppConfig;
  readonly now: number;
  /** The browser's address, for throttling. */
  readonly clientAddress: string;
  readonly throttle: LoginThrottle;
}

/** The one throttle of this process. */
export const loginThrottle = new LoginThrottle();

export async function handleLogin(request: Request, ctx: SessionContext): Promise<Response> {
  const credentials = await readCredentials(request);
  if ('error' in credentials) return json(400, { error: credentials.error });
  const { name, password } = credentials;

  const key = LoginThrottle.key(name, ctx.clientAddress);
  const wait = ctx.throttle.retryAfter(key, ctx.now);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    return json(
      429,
      { error: `Trop de tentatives. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.` },
      { 'retry-after': String(Math.ceil(wait / 1000)) },
    );
  }

  let check;
  try {
    check = await checkPassword(ctx.config, name, password);
  } catch (err) {
    return unreachable(err);
  }
  if (!check.ok) {
    ctx.throttle.recordFailure(key, ctx.now);
    return json(401, { error: MESSAGES.wrongPassword });
  }
  ctx.throttle.recordSuccess(key);
  if (!mayUseApp(check.roles)) return json(403, { error: MESSAGES.roleRefused });
  return sessionResponse(
    request,
    ctx,
    newSession({ name: check.name, roles: check.roles }, ctx.now),
  );
}

/**
 * The current session, renewed for another 14 days (sliding). When CouchDB answers, the user's
 * roles are read again from _users so that a removed account or role stops working.
 */
export async function handleSessionGet(
  request: Request,
  ctx: Pick<SessionContext, 'config' | 'now'>,
): Promise<Response> {
  const session = sessionFromRequest(request, ctx.config.sessionSecret, ctx.now);
  if (!session) return noSession(request);
  let roles = session.roles;
  try {
    const user = await lookUpUser(ctx.config, session.name);
    if (user.found === false || (user.found === true && !mayUseApp(user.roles))) {
      return json(
        401,
        { error: MESSAGES.revoked },
        { 'set-cookie': clearSessionCookieHeader(isHttps(request)) },
      );
    }
    if (user.found === true) roles = user.roles;
  } catch (err) {
    // Offline from CouchDB: keep the session as it is; the /db proxy will answer 503 anyway.
    if (!(err instanceof CouchUnreachableError)) throw err;
  }
  return sessionResponse(request, ctx, newSession({ name: session.name, roles }, ctx.now));
}

export function handleLogout(request: Request): Response {
  return json(200, { ok: true }, { 'set-cookie': clearSessionCookieHeader(isHttps(request)) });
}

function sessionResponse(
  request: Request,
  ctx: Pick<SessionContext, 'config' | 'now'>,
  session: Session,
): Response {
  const token = signSession(session, ctx.config.sessionSecret);
  return json(200, sessionBody(session), {
    'set-cookie': sessionCookieHeader(token, session.expiresAt, isHttps(request), ctx.now),
  });
}

export function sessionBody(session: Session) {
  return {
    name: session.name,
    roles: session.roles,
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

function noSession(request: Request): Response {
  const headers: Record<string, string> = {};
  if (readCookie(request, SESSION_COOKIE) !== null)
    headers['set-cookie'] = clearSessionCookieHeader(isHttps(request));
  return json(401, { error: MESSAGES.noSession }, headers);
}

function unreachable(err: unknown): Response {
  if (!(err instanceof CouchUnreachableError)) throw err;
  console.error(`[session] ${err.message}`);
  return json(503, { error: MESSAGES.unreachable });
}

async function readCredentials(
  request: Request,
): Promise<{ name: string; password: string } | { error: string }> {
  if (declaredTooLarge(request, MAX_LOGIN_BODY_BYTES)) {
    discardBody(request, MAX_LOGIN_BODY_BYTES * 16);
    return { error: MESSAGES.badJson };
  }
  let text: string;
  try {
    text = await readBodyText(request, MAX_LOGIN_BODY_BYTES);
  } catch {
    return { error: MESSAGES.badJson };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: MESSAGES.badJson };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { error: MESSAGES.badJson };
  const { name, password } = body as Record<string, unknown>;
  if (typeof name !== 'string' || typeof password !== 'string')
    return { error: MESSAGES.missingFields };
  const trimmed = name.trim();
  if (!trimmed || !password || trimmed.length > 200 || password.length > 1024) {
    return { error: MESSAGES.missingFields };
  }
  return { name: trimmed, password };
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}
