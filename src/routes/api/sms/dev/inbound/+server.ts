// POST {"from","text"}: simulates an SMS received by the console gateway. The worker reads it
// from the database like any inbound SMS. 202 with the message id.
import { systemClock } from '$lib/clock';
import { configOrResponse } from '$lib/server/app-config';
import { normalizePhone } from '$lib/domain/documents';
import { recordInbound } from '$lib/server/shared/record-sms';
import { couchFor, jsonResponse, simulatedPhoneDenied } from '$lib/server/sms/simulated-phone';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
  const denied = simulatedPhoneDenied(locals.user);
  if (denied) return denied;
  const config = configOrResponse();
  if (config instanceof Response) return config;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonResponse({ error: 'JSON attendu : {"from": "06…", "text": "…"}' }, 400);
  }
  const { from, text } = (body ?? {}) as { from?: unknown; text?: unknown };
  if (typeof from !== 'string' || typeof text !== 'string')
    return jsonResponse({ error: 'Champs « from » et « text » attendus (texte)' }, 400);
  const phone = normalizePhone(from);
  if (!phone.phone) return jsonResponse({ error: phone.error ?? 'Numéro invalide' }, 400);
  if (text.trim() === '' || text.length > 1000)
    return jsonResponse({ error: 'Le message doit faire entre 1 et 1000 caractères' }, 400);
  const now = systemClock.now();
  const { id } = await recordInbound(
    couchFor(config),
    config.couchDb,
    'console',
    // No gateway id: a double submission within a minute is one SMS (record-sms.ts).
    {
      from: phone.phone,
      text,
      receivedAt: now.toISOString(),
    },
    now,
  );
  return jsonResponse({ id, from: phone.phone }, 202);
};
