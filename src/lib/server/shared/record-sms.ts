// Inbound SMS and delivery reports into the database, for the worker's gateways and for the
// SvelteKit webhook routes alike. An inbound message's id comes from (gateway, gateway message id):
// a webhook or deliver_sm delivered twice finds that id already written, a no-op.
import type nano from 'nano';
import { COORDINATORS, normalizePhone } from '../../domain/documents';
import type { IncomingMessageDoc } from '../../domain/documents';
import {
  applyReport as applyOutboxReport,
  isOutgoingMessage,
  outboxStateOf,
  withOutboxState,
} from '../../domain/outbox';
import { MAX_SMS_LENGTH } from '../../domain/sms/limits';
import { inboundMessageId, replayKey } from './hashed-ids';
import { ensureWorkerDesign } from './worker-design';
import { getDoc, putDoc, stamp, statusOf, updateDoc, type Db } from './store';
import type { DeliveryReport, InboundSms } from './gateway';

export const WORKER_DESIGN = 'worker';

/** Records one received SMS; `false` when it was already recorded (a duplicate delivery). */
export async function recordInbound(
  couch: nano.ServerScope,
  dbName: string,
  gatewayName: string,
  sms: InboundSms,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const db: Db = couch.use(dbName);
  const phone = normalizePhone(sms.from);
  const receivedAt = Number.isNaN(Date.parse(sms.receivedAt))
    ? now.toISOString()
    : new Date(sms.receivedAt).toISOString();
  let gatewayMessageId = sms.gatewayMessageId;
  if (!gatewayMessageId) {
    const replay = await findReplay(db, gatewayName, phone.phone ?? sms.from, sms.text, receivedAt);
    if (typeof replay !== 'string') return { id: replay.id, created: false };
    gatewayMessageId = replay;
  }
  const id = inboundMessageId(gatewayName, gatewayMessageId);
  const doc: Omit<
    IncomingMessageDoc,
    'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers'
  > = {
    _id: id,
    type: 'message',
    schema: 1,
    direction: 'in',
    from: phone.phone ?? sms.from,
    text: sms.text.slice(0, MAX_SMS_LENGTH),
    gateway: gatewayName,
    gatewayMessageId,
    receivedAt,
    state: 'received',
    history: [{ state: 'received', at: now.toISOString() }],
    outcome: null,
  };
  // Looked up first, and a refused create of an id that exists counts as a duplicate too (a race
  // between two deliveries): Apache CouchDB answers 409 there, but the embedded server (PouchDB)
  // runs validate_doc_update before it sees the conflict, and that refuses with 403 a new
  // revision whose createdAt differs from the stored one.
  if (await exists(db, id)) return { id, created: false };
  try {
    const rev = await putDoc(db, stamp(doc, now, [COORDINATORS]));
    return { id, created: rev !== false };
  } catch (err) {
    if (statusOf(err) === 403 && (await exists(db, id))) return { id, created: false };
    throw err;
  }
}

const REPLAY_WINDOW_MS = 60_000;

/**
 * An SMS without a gateway id is keyed on its sender, text and minute: the same SMS again within
 * a minute (this minute's key, or the previous minute's when less than a minute apart) is the
 * message already recorded. Otherwise the key to record it under.
 */
async function findReplay(
  db: Db,
  gatewayName: string,
  from: string,
  text: string,
  receivedAt: string,
): Promise<{ id: string } | string> {
  const at = Date.parse(receivedAt);
  const minute = Math.floor(at / REPLAY_WINDOW_MS);
  for (const m of [minute, minute - 1]) {
    const id = inboundMessageId(gatewayName, replayKey(from, text, m));
    const seen = await getDoc<{ receivedAt?: string }>(db, id);
    if (seen && Math.abs(Date.parse(seen.receivedAt ?? '') - at) < REPLAY_WINDOW_MS) return { id };
  }
  return replayKey(from, text, minute);
}

async function exists(db: Db, id: string): Promise<boolean> {
  try {
    await db.head(id);
    return true;
  } catch (err) {
    if (statusOf(err) === 404) return false;
    throw err;
  }
}

/**
 * Applies a delivery report to the outgoing message with that gateway reference, through the
 * outbox state machine: a report never lowers a state (a late "sent" never undoes "delivered").
 * false when no message has that reference.
 */
export async function recordReport(
  couch: nano.ServerScope,
  dbName: string,
  report: DeliveryReport,
  now: Date,
): Promise<boolean> {
  return applyReport(couch.use(dbName), report, now);
}

async function applyReport(db: Db, report: DeliveryReport, now: Date): Promise<boolean> {
  const query = { key: report.gatewayRef, limit: 1 };
  let found;
  try {
    found = await db.view(WORKER_DESIGN, 'by_gateway_ref', query);
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
    await ensureWorkerDesign(db); // no worker has started on this database yet
    found = await db.view(WORKER_DESIGN, 'by_gateway_ref', query);
  }
  const id = found.rows[0]?.id;
  return id ? applyReportTo(db, id, report, now) : false;
}

/** Applies the report to the message `id`; false when that message lacks its reference. */
async function applyReportTo(
  db: Db,
  id: string,
  report: DeliveryReport,
  now: Date,
): Promise<boolean> {
  let ours = false;
  await updateDoc<object>(db, id, (current) => {
    if (!current || !isOutgoingMessage(current) || current.gatewayRef !== report.gatewayRef)
      return null;
    ours = true;
    const state = outboxStateOf(current);
    const next = applyOutboxReport(state, report);
    return next === state ? null : stamp(withOutboxState(current, next), now);
  });
  return ours;
}

/**
 * Delivery reports that came before their message's gateway reference was recorded: a fast SMSC
 * or phone can report before send() has returned to the worker. Kept in a `_local` document
 * (never replicated, never validated) until the sender records the reference; dropped after
 * EARLY_REPORT_KEEP_MS (a reference no message will ever have: an SMS sent by hand).
 */
export const EARLY_REPORTS_ID = '_local/early-delivery-reports';
export const EARLY_REPORT_KEEP_MS = 24 * 60 * 60_000;

type KeptReport = DeliveryReport & { readonly keptAt: string };
type EarlyReports = { _id: string; _rev?: string; reports: KeptReport[] };

/**
 * Applies the report, or keeps it for the message that will have that reference. `applied` or
 * `kept`; either way the report is safe and the gateway may be acknowledged.
 */
export async function recordOrKeepReport(
  couch: nano.ServerScope,
  dbName: string,
  report: DeliveryReport,
  now: Date,
): Promise<'applied' | 'kept'> {
  const db: Db = couch.use(dbName);
  if (await applyReport(db, report, now)) return 'applied';
  await updateDoc<EarlyReports>(db, EARLY_REPORTS_ID, (current) => ({
    _id: EARLY_REPORTS_ID,
    ...(current?._rev ? { _rev: current._rev } : {}),
    reports: [
      ...(current?.reports ?? []).filter(
        (r) => Date.parse(r.keptAt) > now.getTime() - EARLY_REPORT_KEEP_MS,
      ),
      { ...report, keptAt: now.toISOString() },
    ],
  }));
  // The sender may have recorded the reference between our look-up and our write, and looked for
  // kept reports before it was there: look again, now that it is kept.
  return (await applyKeptReports(db, report.gatewayRef, now)) > 0 ? 'applied' : 'kept';
}

/**
 * Applies the kept reports for `gatewayRef` (in the order they came) once a message has it, and
 * forgets them. Called by the sender right after it records a reference, with the message's id:
 * by_gateway_ref may not show a reference just written (docs/cluster.md). How many were applied.
 */
export async function applyKeptReports(
  db: Db,
  gatewayRef: string,
  now: Date,
  messageId?: string,
): Promise<number> {
  const kept = await getDoc<EarlyReports>(db, EARLY_REPORTS_ID);
  const mine = kept?.reports.filter((r) => r.gatewayRef === gatewayRef) ?? [];
  if (mine.length === 0) return 0;
  let applied = 0;
  for (const { keptAt: _, ...report } of mine) {
    const done = messageId
      ? await applyReportTo(db, messageId, report, now)
      : await applyReport(db, report, now);
    if (done) applied++;
  }
  if (applied === 0) return 0; // still no message with that reference
  await updateDoc<EarlyReports>(db, EARLY_REPORTS_ID, (current) =>
    current && current.reports.some((r) => r.gatewayRef === gatewayRef)
      ? { ...current, reports: current.reports.filter((r) => r.gatewayRef !== gatewayRef) }
      : null,
  );
  return applied;
}
