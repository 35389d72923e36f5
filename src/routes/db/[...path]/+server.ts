// /db and everything below it: PouchDB replication, through the allow-listing proxy.
import { systemClock } from '$lib/clock';
import { configOrResponse } from '$lib/server/app-config';
import { proxyDbRequest } from '$lib/server/db-proxy/proxy';
import type { RequestHandler } from './$types';

// PouchDB asks for the database info at `/db/`: no redirect to `/db`.
export const trailingSlash = 'ignore';

const proxy: RequestHandler = ({ request, locals }) => {
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return proxyDbRequest(request, config, locals.user, systemClock);
};

export const GET = proxy;
export const HEAD = proxy;
export const POST = proxy;
export const PUT = proxy;
export const DELETE = proxy;
export const fallback = proxy;
