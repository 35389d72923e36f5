// Creating outgoing SMS and tasks. Both have deterministic ids, so creating them again is a no-op;
// an SMS is only a document here — the sender hands it to the gateway later (DESIGN.md: "SMS is
// an outbox").
import {
  COORDINATORS,
  WORKER,
  userReader,
  type OutgoingMessageDoc,
  type TaskDoc,
  type TaskKind,
} from '../../src/lib/domain/documents';
import { holdUntil } from '../../src/lib/domain/outbox/quiet-hours';
import type { WorkerContext } from './context';
import {
  getDoc,
  putDoc,
  stamp,
  statusOf,
  updateDoc,
  type Db,
} from '../../src/lib/server/shared/store';

/**
 * Creates the document unless it exists: its revision, or false. The embedded server runs
 * validate_doc_update before it sees the conflict, and refuses (403) a second creation stamped at
 * another time: that is a duplicate too, as Apache CouchDB's 409 says.
 */
async function createIfAbsent(db: Db, doc: { _id: string }): Promise<string | false> {
  try {
    return await putDoc(db, doc);
  } catch (err) {
    if (statusOf(err) === 403 && (await getDoc(db, doc._id))) return false;
    throw err;
  }
}

export interface NewSms {
  readonly id: string;
  readonly to: string;
  readonly text: string;
  readonly purpose: string;
  readonly personId: string | null;
  readonly relatedId: string | null;
  /** When the ride it is about starts: an SMS about a ride soon goes even at night. */
  readonly rideAt?: Date | null;
}

/**
 * Quiet hours: an SMS waits until morning unless its ride is soon; a reply to an SMS just
 * received (related to it) goes at once, its sender being awake and waiting.
 */
const heldUntil = (ctx: WorkerContext, sms: NewSms, now: Date) =>
  sms.relatedId?.startsWith('message:')
    ? null
    : holdUntil(now, sms.rideAt ?? null, ctx.settings.quietHours);

export async function queueSms(ctx: WorkerContext, sms: NewSms): Promise<boolean> {
  const now = ctx.clock.now();
  const notBefore = heldUntil(ctx, sms, now);
  const doc: Omit<
    OutgoingMessageDoc,
    'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers'
  > = {
    _id: sms.id,
    type: 'message',
    schema: 1,
    direction: 'out',
    to: sms.to,
    text: sms.text,
    purpose: sms.purpose,
    personId: sms.personId,
    relatedId: sms.relatedId,
    state: 'pending',
    history: [{ state: 'pending', at: now.toISOString() }],
    attempts: 0,
    notBefore: notBefore?.toISOString() ?? null,
    gateway: null,
    gatewayRef: null,
    error: null,
  };
  const stamped = stamp(doc, now, [COORDINATORS]);
  const rev = await createIfAbsent(ctx.db, stamped);
  // Handed over as soon as the change that queued it is done, not one feed trip later.
  if (rev !== false) ctx.wrote({ ...stamped, _rev: rev });
  return rev !== false;
}

export interface NewTask {
  readonly id: string;
  readonly kind: TaskKind;
  readonly text: string;
  /** A relay's user name, or null for the coordinators. */
  readonly assignee: string | null;
  readonly personId: string | null;
  readonly requestId: string | null;
  readonly messageId: string | null;
}

export async function createTask(ctx: WorkerContext, task: NewTask): Promise<boolean> {
  const now = ctx.clock.now();
  const readers = task.assignee ? [COORDINATORS, userReader(task.assignee)] : [COORDINATORS];
  const doc: Omit<TaskDoc, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers'> = {
    _id: task.id,
    type: 'task',
    schema: 1,
    kind: task.kind,
    text: task.text,
    assignee: task.assignee,
    personId: task.personId,
    requestId: task.requestId,
    messageId: task.messageId,
    doneAt: null,
    doneBy: null,
  };
  return (await createIfAbsent(ctx.db, stamp(doc, now, readers))) !== false;
}

/** Marks a task done by the worker, if it exists and is still open (its reason is gone). */
export async function closeTask(ctx: WorkerContext, id: string): Promise<void> {
  const now = ctx.clock.now();
  await updateDoc<TaskDoc>(ctx.db, id, (task) =>
    task && task.doneAt === null
      ? (stamp({ ...task, doneAt: now.toISOString(), doneBy: WORKER }, now) as TaskDoc)
      : null,
  );
}
