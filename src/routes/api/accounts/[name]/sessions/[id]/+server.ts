// Ends one device's session of a login: its next request to /db or /api is refused.
import { configOrResponse } from '$lib/server/app-config';
import { endAccountSession } from '$lib/server/session-accounts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) => {
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return endAccountSession(config, locals.user, params.name, params.id);
};
