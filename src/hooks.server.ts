// Who is asking (a valid maillage_session cookie whose session is still open, or null), the
// headers every dynamic answer carries, and what the /db proxy reads as the app starts.
import { systemClock } from '$lib/clock';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { ConfigError, getAppConfig } from '$lib/server/config';
import { warmDbProxy } from '$lib/server/db-proxy/proxy';
import { userOfRequest } from '$lib/server/session-api';
import { isHttps } from '$lib/server/session-cookie';
import { FRAME_CSP, mustNotBeStored, securityHeaders } from '$lib/server/shared/security-headers';

export const init: ServerInit = () => {
  // Read once the app starts rather than during the first relay's pull; not waited for.
  try {
    void warmDbProxy(getAppConfig());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
  }
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  try {
    event.locals.user = await userOfRequest(
      event.request,
      getAppConfig(),
      systemClock.now().getTime(),
    );
  } catch (err) {
    // Unconfigured server: nobody is logged in; the routes say what is missing.
    if (!(err instanceof ConfigError)) throw err;
  }
  const response = await resolve(event);
  return withHeaders(response, event.request, event.url.pathname);
};

function withHeaders(response: Response, request: Request, pathname: string): Response {
  const extra: Record<string, string> = securityHeaders(isHttps(request));
  if (mustNotBeStored(pathname)) extra['cache-control'] = 'no-store';
  // SvelteKit writes its own CSP (kit.csp, frame-ancestors included) on pages; the rest get the
  // frame rule alone.
  const csp = response.headers.get('content-security-policy');
  if (!csp) extra['content-security-policy'] = FRAME_CSP;
  else if (!csp.includes('frame-ancestors'))
    extra['content-security-policy'] = `${csp}; ${FRAME_CSP}`;
  try {
    for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
    return response;
  } catch {
    // A response straight from fetch() has immutable headers: copy it.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(extra)) copy.headers.set(name, value);
    return copy;
  }
}
