// Documents only the worker and the SMS gateways write (DESIGN.md "Data"): match, ride, message,
// conversation, task. Their ids are deterministic (derived from what caused them), so that a
// change handled twice writes the same document twice and the second write is a 409 no-op.
import { z } from 'zod';
import type { MatchState } from '../match/state';
import { commonFields, isoInstant, storedTime, calendarDate } from './fields';

const workerId = (type: string) =>
  z.string().regex(new RegExp(`^${type}:[A-Za-z0-9_.-]{1,120}$`), `Identifiant ${type}: attendu`);
const personRef = z.string().regex(/^person:/, 'Personne attendue');
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'Numéro E.164 attendu');

const proposalSchema = z.object({
  driverId: personRef,
  tripId: z.string().regex(/^trip:/),
  leg: z.enum(['outbound', 'return']),
  pickupTime: storedTime,
  contributionCents: z.number().int().min(0),
  detourMinutes: z.number().min(0),
  attempt: z.number().int().min(1),
  askedAt: isoInstant,
  deadline: isoInstant,
});

const triedSchema = z.object({
  driverId: personRef,
  outcome: z.enum(['declined', 'timeout', 'driver-cancelled', 'withdrawn']),
  at: isoInstant,
});

const common = { tried: z.array(triedSchema) };
const searching = z.object({
  status: z.literal('searching'),
  since: isoInstant,
  retryAt: isoInstant.nullable(),
  ...common,
});
const asking = z.object({ status: z.literal('asking'), proposal: proposalSchema, ...common });
const confirmed = z.object({
  status: z.literal('confirmed'),
  proposal: proposalSchema,
  rideId: workerId('ride'),
  confirmedAt: isoInstant,
  ...common,
});
const unmatched = z.object({
  status: z.literal('unmatched'),
  at: isoInstant,
  reason: z.string(),
  ...common,
});
const cancelled = z.object({
  status: z.literal('cancelled'),
  at: isoInstant,
  by: z.enum(['passenger', 'coordinator']),
  was: z.discriminatedUnion('status', [searching, asking, confirmed, unmatched]),
  ...common,
});
export const matchStateSchema = z.discriminatedUnion('status', [
  searching,
  asking,
  confirmed,
  unmatched,
  cancelled,
]);

export const matchDocSchema = z.object({
  _id: workerId('match'),
  type: z.literal('match'),
  ...commonFields,
  requestId: z.string().regex(/^request:/),
  passengerId: personRef,
  /** The request's date (view `unmatched_by_date`); matches written before it have none. */
  date: calendarDate('Date attendue').optional(),
  state: matchStateSchema,
  /** When the timer must look at it again (asking: the deadline; searching: a retry). */
  wakeAt: isoInstant.nullable(),
  /** The _rev of the request this match last acted on (cancellation is keyed on it). */
  requestRev: z.string().nullable(),
  /** The last manual instruction of the request the worker saw: applied, or why not. */
  manual: z.object({ id: z.string(), refused: z.string().nullable() }).nullable().optional(),
});

export const rideDocSchema = z.object({
  _id: workerId('ride'),
  type: z.literal('ride'),
  ...commonFields,
  requestId: z.string().regex(/^request:/),
  matchId: workerId('match'),
  tripId: z.string().regex(/^trip:/),
  leg: z.enum(['outbound', 'return']),
  driverId: personRef,
  passengerId: personRef,
  date: calendarDate('Date attendue'),
  pickupTime: storedTime,
  pickupInsee: z.string(),
  dropoffInsee: z.string(),
  pickupPlace: z.string(),
  seats: z.number().int().min(1).max(4),
  contributionCents: z.number().int().min(0),
  cancelledAt: isoInstant.nullable(),
  /** When the reminder of the day before is due (none for rides confirmed after it). */
  remindAt: isoInstant.nullable().optional(),
  remindedAt: isoInstant.nullable().optional(),
});

export const OUT_STATES = ['pending', 'sent-to-gateway', 'sent', 'delivered', 'failed'] as const;
export const IN_STATES = ['received', 'handled'] as const;

const historyEntry = z.object({
  state: z.string(),
  at: isoInstant,
  error: z.string().optional(),
  by: z.string().optional(),
});

export const outgoingMessageSchema = z.object({
  _id: workerId('message'),
  type: z.literal('message'),
  ...commonFields,
  direction: z.literal('out'),
  to: e164,
  text: z.string().min(1),
  /** What it is for ("ask", "confirm-driver", "reply"…), for the inbox and statistics. */
  purpose: z.string(),
  personId: personRef.nullable(),
  relatedId: z.string().nullable(),
  state: z.enum(OUT_STATES),
  history: z.array(historyEntry),
  attempts: z.number().int().min(0),
  /** A pending message waits until then before the next try (backoff). */
  notBefore: isoInstant.nullable(),
  gateway: z.string().nullable(),
  gatewayRef: z.string().nullable(),
  error: z.string().nullable(),
});

export const incomingMessageSchema = z.object({
  _id: workerId('message'),
  type: z.literal('message'),
  ...commonFields,
  direction: z.literal('in'),
  from: z.string(),
  text: z.string(),
  gateway: z.string(),
  gatewayMessageId: z.string(),
  receivedAt: isoInstant,
  state: z.enum(IN_STATES),
  history: z.array(historyEntry),
  /** What the worker made of it ("request", "accept", "unknown"…), once handled. */
  outcome: z.string().nullable(),
  /** The worker reading it, until when: no other one reads it meanwhile (docs/cluster.md). */
  lease: z.object({ by: z.string(), until: isoInstant }).nullable().optional(),
});

export const messageDocSchema = z.discriminatedUnion('direction', [
  outgoingMessageSchema,
  incomingMessageSchema,
]);

const draftSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  date: z.string().nullable(),
  earliest: z.string().nullable(),
  latest: z.string().nullable(),
  placeEvidence: z.enum(['marker', 'order', 'single', 'none']),
  /** The dialogue's last question and how many times in a row (docs/sms-understanding.md). */
  asked: z
    .object({
      question: z.enum(['places', 'from', 'to', 'date-time', 'date', 'time']),
      times: z.number().int().min(1),
    })
    .nullable()
    .optional(),
  /** Two questions went unanswered: a coordinator calls; nothing more is asked. */
  handedOver: z.boolean().optional(),
});

export const conversationDocSchema = z.object({
  _id: workerId('conversation'),
  type: z.literal('conversation'),
  ...commonFields,
  phone: e164,
  personId: personRef.nullable(),
  /** A request told over several SMS, waiting for what is missing. */
  draft: draftSchema.nullable(),
  draftAt: isoInstant.nullable(),
  /** The match whose question this phone (a driver) must answer: at most one at a time. */
  proposal: workerId('match').nullable(),
  /** STOP: nothing is sent to this phone any more except answers to its own requests. */
  optedOut: z.boolean(),
  /** Inbound messages already applied to this conversation (the last few, for idempotency). */
  applied: z.array(z.string()),
  /**
   * The last rides this phone (a driver) was confirmed for: a search reads those of its date by
   * id when `rides_by_date` does not show them, as a view may not show a ride just written.
   */
  rides: z
    .array(z.object({ id: workerId('ride'), date: calendarDate('Date attendue') }))
    .optional(),
});

export const TASK_KINDS = ['callback', 'no-driver', 'read-sms', 'stuck-sms'] as const;
/** How a done task ended: the person was told, refused the ride (it is cancelled), or just done. */
export const TASK_OUTCOMES = ['told', 'refused', 'done'] as const;

const taskAttemptSchema = z.object({ at: isoInstant, by: z.string().min(1) });

export const taskDocSchema = z.object({
  _id: workerId('task'),
  type: z.literal('task'),
  ...commonFields,
  kind: z.enum(TASK_KINDS),
  /** French, what to do. */
  text: z.string(),
  /** A relay's user name, or null for any coordinator. */
  assignee: z.string().nullable(),
  personId: personRef.nullable(),
  requestId: z.string().nullable(),
  messageId: z.string().nullable(),
  doneAt: isoInstant.nullable(),
  doneBy: z.string().nullable(),
  /** Set with doneAt; absent on tasks written before outcomes existed. */
  outcome: z.enum(TASK_OUTCOMES).nullable().optional(),
  /** Calls that reached nobody: the task stays open, the next caller sees when they were. */
  attempts: z.array(taskAttemptSchema).optional(),
});

/** The state is the domain's tagged union (the schema checks the same shape). */
export type MatchDoc = Omit<z.infer<typeof matchDocSchema>, 'state'> & {
  readonly state: MatchState;
};
export type RideDoc = z.infer<typeof rideDocSchema>;
export type OutgoingMessageDoc = z.infer<typeof outgoingMessageSchema>;
export type IncomingMessageDoc = z.infer<typeof incomingMessageSchema>;
export type MessageDoc = z.infer<typeof messageDocSchema>;
export type ConversationDoc = z.infer<typeof conversationDocSchema>;
export type TaskDoc = z.infer<typeof taskDocSchema>;
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];
export type WorkerDoc = MatchDoc | RideDoc | MessageDoc | ConversationDoc | TaskDoc;

const WORKER_SCHEMAS = {
  match: matchDocSchema,
  ride: rideDocSchema,
  message: messageDocSchema,
  conversation: conversationDocSchema,
  task: taskDocSchema,
} as const;

/** Validates a worker document (match, ride, message, conversation, task) on its `type`. */
export function parseWorkerDoc(
  input: unknown,
): { ok: true; doc: WorkerDoc } | { ok: false; error: string } {
  const type = (input as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(type in WORKER_SCHEMAS))
    return { ok: false, error: 'Type de document du serveur inconnu' };
  const result = WORKER_SCHEMAS[type as keyof typeof WORKER_SCHEMAS].safeParse(input);
  return result.success
    ? { ok: true, doc: result.data as WorkerDoc }
    : {
        ok: false,
        error: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      };
}
