// Erases a person, their earlier revisions included (src/lib/server/personal-data.ts).
import { systemClock } from '$lib/clock';
import { configOrResponse } from '$lib/server/app-config';
import { erasePerson, refusal } from '$lib/server/personal-data';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params, request }) => {
  const refused = refusal(request, locals.user);
  if (refused) return refused;
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return erasePerson(config, locals.user, params.id, systemClock.now());
};
