// Login (POST), current session renewed (GET), logout (DELETE): see docs/sessions-and-proxy.md.
import { systemClock } from '$lib/clock';
import { configOrResponse } from '$lib/server/app-config';
import {
  handleLogin,
  handleLogout,
  handleSessionGet,
  loginThrottle,
} from '$lib/server/session-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, getClientAddress }) => {
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return handleLogin(request, {
    config,
    now: systemClock.now().getTime(),
    clientAddress: getClientAddress(),
    throttle: loginThrottle,
  });
};

export const GET: RequestHandler = ({ request }) => {
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return handleSessionGet(request, { config, now: systemClock.now().getTime() });
};

export const DELETE: RequestHandler = ({ request }) => {
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return handleLogout(request, { config, now: systemClock.now().getTime() });
};
