// GET: the documents the worker parked (a handler kept failing on them), for the console's
// queue. They live in `_local/worker-parked-<name>`, which replication never copies to a device.
import { configOrResponse } from '$lib/server/app-config';
import { couchFor, jsonResponse } from '$lib/server/sms/simulated-phone';
import type { RequestHandler } from './$types';

interface ParkedDoc {
  docs?: Record<string, { handler: string; error: string; at: string }>;
}

export const GET: RequestHandler = async ({ locals }) => {
  const user = locals.user;
  if (!user?.roles.some((r) => r === 'coordinator' || r === 'admin'))
    return jsonResponse({ error: 'Réservé aux coordinateurs' }, user ? 403 : 401);
  const config = configOrResponse();
  if (config instanceof Response) return config;
  const db = couchFor(config).use(config.couchDb);
  // The workers' names, as npm start and npm run worker give them (WORKER_NAME, default "main").
  const names = (process.env.WORKER_NAMES ?? process.env.WORKER_NAME ?? 'main').split(',');
  const parked = [];
  for (const name of names.map((n) => n.trim()).filter(Boolean)) {
    let doc: ParkedDoc;
    try {
      doc = (await db.get(`_local/worker-parked-${name}`)) as ParkedDoc;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) continue;
      throw err;
    }
    for (const [id, p] of Object.entries(doc.docs ?? {}))
      parked.push({ id, handler: p.handler, error: p.error, at: p.at });
  }
  return jsonResponse({ parked });
};
