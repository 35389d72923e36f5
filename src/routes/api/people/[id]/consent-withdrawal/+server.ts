// Records that a person withdrew their consent (src/lib/server/personal-data.ts).
import { systemClock } from '$lib/clock';
import { configOrResponse } from '$lib/server/app-config';
import { refusal, withdrawPersonConsent } from '$lib/server/personal-data';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params, request }) => {
  const refused = refusal(request, locals.user);
  if (refused) return refused;
  const config = configOrResponse();
  if (config instanceof Response) return config;
  return withdrawPersonConsent(config, locals.user, params.id, systemClock.now());
};
