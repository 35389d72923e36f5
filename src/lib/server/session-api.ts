// POST/GET/DELETE /api/session as plain functions from a Request to a Response, so the route file
// stays thin and integration tests call them against a real CouchDB without a build.
import type { AppConfig } from './config';
import { checkPassword, CouchUnreachableError } from './couch';
import { declaredTooLarge, discardBody, readBodyText } from './db-proxy/body';
import { LoginThrottle } from './login-throttle';
import {
  clearSessionCookieHeader,
  isHttps,
  readCookie,
  sessionCookieHeader,
  sessionFromRequest,
} from './session-cookie';
import { verifyPassword } from './session-password';
import {
  checkSession,
  deviceLabel,
  endSessions,
  openSession,
  readUserDoc,
  rolesOf,
  SessionStoreError,
  touchSession,
} from './session-store';
import {
  mayUseApp,
  newSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  signSession,
  type Session,
} from './session-token';

export const MESSAGES = {
  badJson: 'La requête doit être du JSON de la forme { "name": "…", "password": "…" }.',
  missingFields: 'Indiquez un identifiant et un mot de passe.',
  wrongPassword: 'Identifiant ou mot de passe incorrect',
  roleRefused:
    "Ce compte n'a pas accès à l'application : il faut le rôle relais, coordinateur ou admin.",
  unreachable: 'Le serveur de données ne répond pas',
  noSession: 'Vous n’êtes pas connecté, ou votre session a expiré. Reconnectez-vous.',
  revoked:
    'Cette session a pris fin (déconnexion, mot de passe ou rôle changé, compte supprimé) : reconnectez-vous.',
  noStore: "Le serveur de l'application ne peut pas enregistrer les sessions (droits sur _users).",
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

  const wait = ctx.throttle.begin(name, ctx.clientAddress, ctx.now);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    return json(
      429,
      { error: `Trop de tentatives. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.` },
      { 'retry-after': String(Math.ceil(wait / 1000)) },
    );
  }

  try {
    const doc = await readUserDoc(ctx.config, name);
    if (doc === 'forbidden') throw new SessionStoreError(name);
    let verdict = await verifyPassword(doc, password);
    if (verdict === 'unsupported') {
      // A password scheme we do not hash ourselves: CouchDB checks it.
      verdict = (await checkPassword(ctx.config, name, password)).ok ? 'match' : 'mismatch';
    }
    if (verdict !== 'match' || !doc) return json(401, { error: MESSAGES.wrongPassword });
    ctx.throttle.succeeded(name, ctx.clientAddress);
    const roles = rolesOf(doc);
    if (!mayUseApp(roles)) return json(403, { error: MESSAGES.roleRefused });
    const id = await openSession(
      ctx.config,
      doc.name,
      deviceLabel(request.headers.get('user-agent')),
      ctx.now,
    );
    if (!id) return json(401, { error: MESSAGES.wrongPassword });
    return sessionResponse(request, ctx, newSession({ name: doc.name, roles }, id, ctx.now));
  } catch (err) {
    return unreachable(err);
  }
}

/**
 * The current session, renewed for another 14 days (sliding), as long as it is still in the
 * user's session list (session-store.ts): a logout elsewhere, a removed account, a changed role
 * or password end it here.
 */
export async function handleSessionGet(
  request: Request,
  ctx: Pick<SessionContext, 'config' | 'now'>,
): Promise<Response> {
  const session = sessionFromRequest(request, ctx.config.sessionSecret, ctx.now);
  if (!session) return noSession(request);
  try {
    if (!(await touchSession(ctx.config, session, ctx.now))) {
      return json(
        401,
        { error: MESSAGES.revoked },
        { 'set-cookie': clearSessionCookieHeader(isHttps(request)) },
      );
    }
  } catch (err) {
    // Offline from CouchDB: keep the session as it is; the /db proxy will answer 503 anyway.
    if (!(err instanceof CouchUnreachableError) && !(err instanceof SessionStoreError)) throw err;
  }
  return sessionResponse(request, ctx, { ...session, expiresAt: ctx.now + SESSION_TTL_MS });
}

/** Ends this cookie's session in the user's list (so a copy of the cookie stops working too). */
export async function handleLogout(
  request: Request,
  ctx: Pick<SessionContext, 'config' | 'now'>,
): Promise<Response> {
  const session = sessionFromRequest(request, ctx.config.sessionSecret, ctx.now);
  if (session) {
    try {
      await endSessions(ctx.config, session.name, session.id);
    } catch (err) {
      if (!(err instanceof CouchUnreachableError) && !(err instanceof SessionStoreError)) throw err;
      console.error(`[session] logout of ${session.name} not recorded: ${(err as Error).message}`);
    }
  }
  return json(200, { ok: true }, { 'set-cookie': clearSessionCookieHeader(isHttps(request)) });
}

/**
 * The user a request acts for: a valid cookie whose session is still open. When CouchDB cannot
 * say (it is down), the cookie alone counts: nothing can be read or written then anyway.
 */
export async function userOfRequest(
  request: Request,
  config: AppConfig,
  now: number,
): Promise<{ name: string; roles: string[] } | null> {
  const session = sessionFromRequest(request, config.sessionSecret, now);
  if (!session) return null;
  const state = await checkSession(config, session, now);
  return state === 'ended' ? null : { name: session.name, roles: [...session.roles] };
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
  if (err instanceof SessionStoreError) {
    console.error(`[session] ${err.message}`);
    return json(503, { error: MESSAGES.noStore });
  }
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
