// The embedded server answers only its admin: express-pouchdb 4.2 crashes or hangs on some
// anonymous requests and serves _find, _bulk_get and _users to anyone, so every request must
// carry the admin's Basic credentials before express-pouchdb sees (or parses) any of it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const ADMIN_ONLY_REASON =
  'Ce serveur de données ne répond qu’à l’application (identifiants administrateur requis)';

const digest = (text: string) => new Uint8Array(createHash('sha256').update(text, 'utf8').digest());

/** Whether an Authorization header is the admin's `Basic` credentials (compared in constant time). */
export function isAdminAuthorization(
  header: string | undefined,
  admin: { readonly name: string; readonly password: string },
): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  return timingSafeEqual(digest(given), digest(`${admin.name}:${admin.password}`));
}

/** Express middleware: refuses with 401 whatever does not carry the admin's credentials. */
export function adminOnly(admin: { readonly name: string; readonly password: string }) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (isAdminAuthorization(req.headers.authorization, admin)) return next();
    // The body is not read: close the connection rather than leave it half-consumed.
    res.writeHead(401, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      connection: 'close',
    });
    res.end(JSON.stringify({ error: 'unauthorized', reason: ADMIN_ONLY_REASON }));
  };
}
