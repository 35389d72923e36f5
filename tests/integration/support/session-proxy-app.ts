// The session endpoints and the /db proxy served over real HTTP, the way adapter-node serves them
// (its own getRequest/setResponse from @sveltejs/kit/node), without building the app. Tests and
// benchmarks point PouchDB or fetch at `url`.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequest, setResponse } from '@sveltejs/kit/node';
import type { AppConfig } from '../../../src/lib/server/config';
import { proxyDbRequest } from '../../../src/lib/server/db-proxy/proxy';
import { LoginThrottle } from '../../../src/lib/server/login-throttle';
import {
  handleLogin,
  handleLogout,
  handleSessionGet,
  userOfRequest,
} from '../../../src/lib/server/session-api';
import type { TestCouch } from './couch';

export interface SessionProxyApp {
  readonly url: string;
  readonly config: AppConfig;
  readonly throttle: LoginThrottle;
  /** The clock the endpoints use; tests move it forward. */
  now: number;
  /** Errors thrown out of a handler (there should be none). */
  readonly crashes: unknown[];
  stop(): Promise<void>;
}

export function appConfigFor(
  couch: Pick<TestCouch, 'baseUrl' | 'admin' | 'dbName'>,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  return {
    couchUrl: couch.baseUrl,
    couchAuth: couch.admin,
    couchDb: couch.dbName,
    sessionSecret: 'integration-test-secret-0123456789',
    maxBodyBytes: 10 * 1024 * 1024,
    longpollMaxMs: 55_000,
    ...overrides,
  };
}

/** More routes (the SMS endpoints): an answer, or null to fall through to 404. */
export type ExtraRoutes = (
  request: Request,
  ctx: { user: { name: string; roles: string[] } | null; clientAddress: string },
) => Promise<Response | null>;

export async function startSessionProxyApp(
  config: AppConfig,
  extraRoutes?: ExtraRoutes,
): Promise<SessionProxyApp> {
  const crashes: unknown[] = [];
  const app: SessionProxyApp = {
    url: '',
    config,
    throttle: new LoginThrottle(),
    now: Date.now(),
    crashes,
    stop: async () => {},
  };
  const route = async (req: IncomingMessage, request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/session') {
      if (request.method === 'POST') {
        const clientAddress = req.socket.remoteAddress ?? 'unknown';
        return handleLogin(request, {
          config,
          now: app.now,
          clientAddress,
          throttle: app.throttle,
        });
      }
      if (request.method === 'GET') return handleSessionGet(request, { config, now: app.now });
      if (request.method === 'DELETE') return handleLogout(request, { config, now: app.now });
      return new Response(null, { status: 405 });
    }
    if (pathname === '/db' || pathname.startsWith('/db/')) {
      // What hooks.server.ts does: the cookie, and its session still open.
      return proxyDbRequest(request, config, await userOfRequest(request, config, app.now), {
        now: () => new Date(app.now),
      });
    }
    if (extraRoutes) {
      const user = await userOfRequest(request, config, app.now);
      const clientAddress = req.socket.remoteAddress ?? 'unknown';
      const answer = await extraRoutes(request, { user, clientAddress });
      if (answer) return answer;
    }
    // Read what was sent, as a server in front would, so that the 404 reaches the client.
    await request.arrayBuffer().catch(() => null);
    return new Response('Not found', { status: 404 });
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await getRequest({ request: req, base: 'http://127.0.0.1' });
        await setResponse(res, await route(req, request));
      } catch (err) {
        crashes.push(err);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(app, {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A loopback URL where nothing listens (connections are refused). */
export async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * fetch to the app as `user`, with that user's cookie from `cookies` (null: anonymous) and JSON
 * bodies typed as such. `app` is read at each call: tests start it in beforeAll.
 */
export function fetchAs(
  app: () => Pick<SessionProxyApp, 'url'>,
  cookies: Readonly<Record<string, string>>,
) {
  return (path: string, user: string | null, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (user) headers.set('cookie', cookies[user] ?? '');
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${app().url}${path}`, { ...init, headers });
  };
}

/** The maillage_session=… pair of a login response, for a Cookie header. */
export function sessionCookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const pair = header.split(';')[0] ?? '';
  if (!pair.startsWith('maillage_session=') || pair === 'maillage_session=')
    throw new Error(`No session cookie in "${header}"`);
  return pair;
}

export async function logIn(
  app: Pick<SessionProxyApp, 'url'>,
  name: string,
  password: string,
): Promise<string> {
  const res = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (res.status !== 200)
    throw new Error(`Login of ${name} answered ${res.status}: ${await res.text()}`);
  return sessionCookieOf(res);
}
