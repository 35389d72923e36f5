// Response headers every answer of the app carries, dynamic or static: set by hooks.server.ts
// and, for the files adapter-node serves before the hook runs, by server/run/app.ts.

/**
 * frame-ancestors only works as a header (not in the <meta> CSP SvelteKit writes into
 * prerendered pages); the script hashes and nonces come from kit.csp in svelte.config.js.
 */
export const FRAME_CSP = "frame-ancestors 'none'";
export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    ...(https ? { 'strict-transport-security': HSTS } : {}),
  };
}

/** /db and /api answers hold personal data or a session's state: never kept by a cache. */
export function mustNotBeStored(pathname: string): boolean {
  return /^\/(db|api)(\/|$)/.test(pathname);
}
