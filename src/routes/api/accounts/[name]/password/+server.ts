// A new password for a login, given by a coordinator; every session of that login ends.
import { configOrResponse } from '$lib/server/app-config';
import { resetPassword } from '$lib/server/session-accounts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params }) => {
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return resetPassword(config, locals.user, params.name);
};
