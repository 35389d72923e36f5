// A pending outgoing SMS is claimed and handed to the gateway, at most once, after the older SMS
// to the same phone. The claim is a write of `sent-to-gateway` with the _rev the sender read (a
// 409: another worker has it); only then is the gateway called, so a worker killed after the
// claim never hands it over again: the message stays claimed and, past `stuckAfterMinutes`, the
// coordinators get a task. The outbox state machine (src/lib/domain/outbox) decides what to
// write; the decisions below are pure, and the shell under them reads and writes.
import {
  hasWithdrawnConsent,
  isErased,
  type OutgoingMessageDoc,
} from '../../src/lib/domain/documents';
import { taskId } from '../../src/lib/domain/ids';
import {
  applyEvent,
  claim,
  isDue,
  isOutgoingMessage,
  isStuck,
  outboxStateOf,
  waitsBehind,
  withOutboxState,
  type BackoffSettings,
  type Queued,
} from '../../src/lib/domain/outbox';
import { failedSmsTaskText, stuckSmsTaskText } from '../../src/lib/domain/sms-templates';
import type { SendOutcome } from '../../src/lib/server/shared/gateway';
import { applyKeptReports } from '../../src/lib/server/shared/record-sms';
import {
  claim as claimWrite,
  putDoc,
  stamp,
  updateDoc,
  type Db,
  type StoredDoc,
} from '../../src/lib/server/shared/store';
import type { WorkerContext, WorkerSettings } from '../worker/context';
import { createTask, type NewTask } from '../worker/outbox';
import { getPerson } from '../worker/people';
import { whenReachable } from '../worker/unreachable';
import type { GuardedHandler } from './types';

export type StoredOutgoing = StoredDoc & OutgoingMessageDoc & { readonly _rev: string };

const isPendingOutgoing = (doc: StoredDoc): doc is StoredOutgoing =>
  typeof doc._rev === 'string' && isOutgoingMessage(doc) && doc.state === 'pending';

export const messageGoesToGateway: GuardedHandler<StoredOutgoing> = {
  name: 'message-goes-to-gateway',
  appliesTo: isPendingOutgoing,
  handle: async (doc, ctx) => {
    await handOver(ctx, doc);
  },
};

export const backoffOf = (s: WorkerSettings): BackoffSettings => ({
  maxAttempts: s.maxSendAttempts,
  backoffMs: s.backoffMs,
  maxBackoffMs: s.maxBackoffMs,
});
const stuckAfterMs = (s: WorkerSettings) => s.stuckAfterMinutes * 60_000;

/** The claim to write, or null while the message must wait (backoff, an older SMS to its phone). */
export function decideClaim<D extends OutgoingMessageDoc>(
  doc: D,
  older: readonly Queued[],
  gateway: string,
  now: Date,
  settings: WorkerSettings,
): D | null {
  const state = outboxStateOf(doc);
  if (!isDue(state, now) || waitsBehind(older, now, stuckAfterMs(settings))) return null;
  return withOutboxState(doc, claim(state, gateway, now));
}

/** The gateway's answer applied to the message as it is now; null when it changes nothing. */
export function decideAnswer<D extends OutgoingMessageDoc>(
  current: D,
  answer: SendOutcome,
  at: Date,
  settings: WorkerSettings,
): D | null {
  const state = outboxStateOf(current);
  const next = applyEvent(
    state,
    answer.ok
      ? { type: 'accepted', gatewayRef: answer.gatewayRef, at }
      : { type: 'refused', refusal: answer, at },
    backoffOf(settings),
  );
  return next === state ? null : withOutboxState(current, next);
}

/** The coordinators' task for a message given up. */
export function failedTask(doc: OutgoingMessageDoc): NewTask | null {
  if (doc.state !== 'failed') return null;
  return {
    id: taskId('sms-failed', doc._id),
    kind: 'stuck-sms',
    assignee: null,
    personId: doc.personId,
    requestId: null,
    messageId: doc._id,
    text: failedSmsTaskText({
      to: doc.to,
      attempts: doc.attempts,
      error: doc.error ?? null,
      text: doc.text,
    }),
  };
}

/** The coordinators' task for a message claimed too long ago: it may or may not have gone. */
export function stuckTask(doc: OutgoingMessageDoc, now: Date, settings: WorkerSettings) {
  if (!isStuck(outboxStateOf(doc), now, stuckAfterMs(settings))) return null;
  return {
    id: taskId('sms-stuck', doc._id, doc.attempts),
    kind: 'stuck-sms',
    assignee: null,
    personId: doc.personId,
    requestId: null,
    messageId: doc._id,
    text: stuckSmsTaskText({ to: doc.to, minutes: settings.stuckAfterMinutes, text: doc.text }),
  } satisfies NewTask;
}

async function olderQueued(db: Db, doc: OutgoingMessageDoc): Promise<Queued[]> {
  const res = await db.view('worker', 'queue_by_phone', {
    startkey: [doc.to],
    endkey: [doc.to, doc.createdAt, doc._id],
    inclusive_end: false,
  });
  return res.rows.map((row) => {
    const [state, updatedAt] = row.value as [Queued['state'], string];
    return { state, updatedAt };
  });
}

/** Claims the message and hands it to the gateway; false when it was not this worker's to send. */
export async function handOver(ctx: WorkerContext, doc: StoredOutgoing): Promise<boolean> {
  const now = ctx.clock.now();
  if (!isDue(outboxStateOf(doc), now)) return false;
  const older = await olderQueued(ctx.db, doc);
  const claimed = decideClaim(doc, older, ctx.gateway.name, now, ctx.settings);
  if (!claimed) return false;
  // Only over the revision read, standing alone: on a cluster two workers may each have read one
  // of two rival revisions, and a write over each would be won (docs/cluster.md).
  const rev = await claimWrite(ctx.db, stamp(claimed, now));
  if (rev === false) return false; // another worker claimed it
  // Consent withdrawn or person erased since it was queued: never sent (docs/personal-data.md).
  const person = doc.personId === null ? null : await getPerson(ctx, doc.personId);
  const withheld = hasWithdrawnConsent(person) || isErased(person);
  let answer: SendOutcome;
  try {
    answer = withheld
      ? { ok: false, retryable: false, error: 'consent withdrawn' }
      : await ctx.gateway.send({ id: doc._id, to: doc.to, text: doc.text });
  } catch (err) {
    answer = { ok: false, retryable: true, error: (err as Error).message };
  }
  const at = ctx.clock.now();
  // A claimed message always takes the gateway's answer: never null here.
  const next = decideAnswer(claimed, answer, at, ctx.settings)!;
  if (!answer.ok) ctx.log(`${doc._id}: gateway refused (${answer.error}), now ${next.state}`);
  // What the gateway said cannot be asked again: wait for the database rather than lose it.
  const recorded = await whenReachable(
    () => recordAnswer(ctx.db, { ...next, _rev: rev }, answer, at, ctx.settings),
    {
      maxWaitMs: stuckAfterMs(ctx.settings),
      log: ctx.log,
      what: doc._id,
    },
  );
  if (!recorded) ctx.log(`${doc._id}: the gateway's answer changed nothing (moved on meanwhile)`);
  if (answer.ok) await applyKeptReports(ctx.db, answer.gatewayRef, at, doc._id);
  const task = withheld ? null : failedTask(next);
  if (task) await createTask(ctx, task);
  return true;
}

/**
 * Writes the answer over our claim; on a conflict (our own write whose response was lost, a
 * retry after the database came back) applies it to the message as it is now.
 */
async function recordAnswer(
  db: Db,
  next: OutgoingMessageDoc & { _rev: string },
  answer: SendOutcome,
  at: Date,
  settings: WorkerSettings,
): Promise<boolean> {
  if ((await putDoc(db, stamp(next, at))) !== false) return true;
  const written = await updateDoc<object>(db, next._id, (current) => {
    if (!current || !isOutgoingMessage(current)) return null;
    const changed = decideAnswer(current, answer, at, settings);
    return changed && stamp(changed, at);
  });
  return written !== null;
}

/** Hands over messages the timer found due, oldest first, so one phone's go out in order. */
export async function handOverInOrder(
  ctx: WorkerContext,
  docs: readonly StoredOutgoing[],
): Promise<number> {
  const queued = [...docs].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id),
  );
  let handed = 0;
  for (const doc of queued) {
    try {
      if (await handOver(ctx, doc)) handed++;
    } catch (error) {
      ctx.log(`timer: ${doc._id}: ${(error as Error).message}`);
    }
  }
  return handed;
}

/**
 * Tells the coordinators about messages claimed between `from` (the last look, null at start)
 * and the threshold, once each (the task id is deterministic). Returns where to look from next.
 */
export async function reportStuckMessages(
  ctx: WorkerContext,
  from: string | null,
): Promise<string> {
  const now = ctx.clock.now();
  const until = new Date(now.getTime() - stuckAfterMs(ctx.settings)).toISOString();
  if (from !== null && from > until) return from; // the clock went back: nothing new
  const res = await ctx.db.view('worker', 'claimed', {
    ...(from === null ? {} : { startkey: from }),
    endkey: until,
    include_docs: true,
  });
  for (const row of res.rows) {
    const doc = row.doc as StoredDoc | undefined;
    const task = doc && isOutgoingMessage(doc) ? stuckTask(doc, now, ctx.settings) : null;
    if (task && (await createTask(ctx, task))) ctx.log(`${row.id}: claimed, no answer: told`);
  }
  return until;
}
