// GET: the SMS of the simulated phone, newest first (?limit=, at most 500; ?phone= to keep one
// number): outgoing ones with their state, and the inbound ones they answer.
import { configOrResponse } from '$lib/server/app-config';
import { normalizePhone } from '$lib/domain/documents';
import { ensureWorkerDesign } from '$lib/server/shared/worker-design';
import { couchFor, jsonResponse, simulatedPhoneDenied } from '$lib/server/sms/simulated-phone';
import type { RequestHandler } from './$types';

interface MessageRow {
  _id: string;
  direction: 'in' | 'out';
  to?: string;
  from?: string;
  text: string;
  state: string;
  purpose?: string;
  createdAt: string;
  updatedAt: string;
}

export const GET: RequestHandler = async ({ url, locals }) => {
  const denied = simulatedPhoneDenied(locals.user);
  if (denied) return denied;
  const config = configOrResponse();
  if (config instanceof Response) return config;
  const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 100) || 100, 1), 500);
  const phoneParam = url.searchParams.get('phone');
  const phone = phoneParam ? normalizePhone(phoneParam).phone : null;
  const db = couchFor(config).use(config.couchDb);
  const query = { descending: true, include_docs: true, limit: phone ? 2000 : limit };
  let rows;
  try {
    rows = (await db.view('worker', 'sms_by_time', query)).rows;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    await ensureWorkerDesign(db); // the worker has not run yet on this database
    rows = (await db.view('worker', 'sms_by_time', query)).rows;
  }
  const messages = rows
    .map((r) => r.doc as unknown as MessageRow)
    .filter((m) => !phone || m.to === phone || m.from === phone)
    .slice(0, limit)
    .map((m) => ({
      id: m._id,
      direction: m.direction,
      ...(m.direction === 'out' ? { to: m.to, purpose: m.purpose } : { from: m.from }),
      text: m.text,
      state: m.state,
      at: m.createdAt,
      updatedAt: m.updatedAt,
    }));
  return jsonResponse({ messages });
};
