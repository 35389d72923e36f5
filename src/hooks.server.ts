// Who is asking: the user of a valid maillage_session cookie, or null.
import { systemClock } from '$lib/clock';
import type { Handle } from '@sveltejs/kit';
import { ConfigError, getAppConfig } from '$lib/server/config';
import { sessionFromRequest } from '$lib/server/session-cookie';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  try {
    const session = sessionFromRequest(
      event.request,
      getAppConfig().sessionSecret,
      systemClock.now().getTime(),
    );
    if (session) event.locals.user = { name: session.name, roles: [...session.roles] };
  } catch (err) {
    // Unconfigured server: nobody is logged in; the routes say what is missing.
    if (!(err instanceof ConfigError)) throw err;
  }
  return resolve(event);
};
