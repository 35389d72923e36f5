// The logins a coordinator manages, with their open sessions (src/lib/server/session-accounts.ts).
import { systemClock } from '$lib/clock';
import { configOrResponse } from '$lib/server/app-config';
import { listAccounts } from '$lib/server/session-accounts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return listAccounts(config, locals.user, systemClock.now().getTime());
};
