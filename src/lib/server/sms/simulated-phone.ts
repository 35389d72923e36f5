// Who may use the simulated phone, the console gateway's endpoints (/api/sms/dev/**, the
// /telephone page; docs/worker.md, "Simulated phone"):
// - only with the console gateway (SMS_GATEWAY unset or console): with a real gateway they
//   answer 404, so a production server never fakes an SMS;
// - not in production (NODE_ENV=production) unless SIMULATED_PHONE=on, for a training server;
//   SIMULATED_PHONE=off turns it off anywhere;
// - with a coordinator or admin session only, whatever the address: behind a reverse proxy every
//   request comes from loopback.
import nano from 'nano';
import type { AppConfig } from '$lib/server/config';

const setting = (value: string | undefined) => (value ?? '').trim().toLowerCase();

export function simulatedPhoneOn(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!['', 'console'].includes(setting(env.SMS_GATEWAY))) return false;
  const chosen = setting(env.SIMULATED_PHONE);
  if (['on', '1', 'true', 'oui'].includes(chosen)) return true;
  if (['off', '0', 'false', 'non'].includes(chosen)) return false;
  return setting(env.NODE_ENV) !== 'production';
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** null when allowed, else the answer to give. */
export function simulatedPhoneDenied(
  user: { name: string; roles: string[] } | null,
  env: NodeJS.ProcessEnv = process.env,
): Response | null {
  if (!simulatedPhoneOn(env))
    return jsonResponse({ error: 'Téléphone simulé désactivé sur ce serveur' }, 404);
  if (user && (user.roles.includes('coordinator') || user.roles.includes('admin'))) return null;
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
