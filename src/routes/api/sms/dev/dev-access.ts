// Who may use the console gateway's endpoints (docs/worker.md, "Simulated phone"):
// - only when SMS_GATEWAY is console (or unset, the default with the embedded database): with a
//   real gateway they answer 404, so a production server never fakes an SMS;
// - a coordinator or admin session, or, without a session, a request from the machine itself
//   (loopback), for scripts, demos and tests (`curl` on the server).
import nano from 'nano';
import type { AppConfig } from '$lib/server/config';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export const consoleGatewayOn = (env: NodeJS.ProcessEnv = process.env) =>
  (env.SMS_GATEWAY ?? '').trim().toLowerCase() === '' ||
  (env.SMS_GATEWAY ?? '').trim().toLowerCase() === 'console';

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** null when allowed, else the answer to give. */
export function devAccessDenied(
  user: { name: string; roles: string[] } | null,
  clientAddress: string,
): Response | null {
  if (!consoleGatewayOn())
    return jsonResponse({ error: 'Passerelle SMS de démonstration désactivée' }, 404);
  if (user && (user.roles.includes('coordinator') || user.roles.includes('admin'))) return null;
  if (!user && LOOPBACK.test(clientAddress)) return null;
  return jsonResponse(
    { error: 'Réservé aux coordinateurs : connectez-vous avec un compte de coordination' },
    user ? 403 : 401,
  );
}

let cached: { key: string; couch: nano.ServerScope } | null = null;

export function couchFor(config: AppConfig): nano.ServerScope {
  const key = `${config.couchUrl}\u0000${config.couchAuth.name}\u0000${config.couchAuth.password}`;
  if (cached?.key === key) return cached.couch;
  const url = new URL(config.couchUrl);
  url.username = encodeURIComponent(config.couchAuth.name);
  url.password = encodeURIComponent(config.couchAuth.password);
  cached = { key, couch: nano(url.toString().replace(/\/$/, '')) };
  return cached.couch;
}
