// A person's data as a JSON download, for a coordinator (src/lib/server/personal-data.ts).
import { systemClock } from '$lib/clock';
import { configOrResponse } from '$lib/server/app-config';
import { exportPerson, refusal } from '$lib/server/personal-data';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params, request }) => {
  const refused = refusal(request, locals.user);
  if (refused) return refused;
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return exportPerson(config, locals.user, params.id, systemClock.now());
};
