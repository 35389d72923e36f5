// An outgoing message document seen through the outbox state machine: reading its state,
// writing a new one with its history entry, and the order in which one phone's SMS go out.
import { outgoingMessageSchema, type OutgoingMessageDoc } from '../documents/worker-docs';
import type { OutboxState, OutboxStatus } from './state';

/** An outgoing message document, checked against its schema (not just its `type`). */
export function isOutgoingMessage<T extends object>(doc: T): doc is T & OutgoingMessageDoc {
  const d = doc as { type?: unknown; direction?: unknown };
  return (
    d.type === 'message' && d.direction === 'out' && outgoingMessageSchema.safeParse(doc).success
  );
}

/** When the document entered its current state: its last history entry for that state. */
function enteredAt(doc: OutgoingMessageDoc): string {
  for (let i = doc.history.length - 1; i >= 0; i--)
    if (doc.history[i]!.state === doc.state) return doc.history[i]!.at;
  return doc.updatedAt;
}

export function outboxStateOf(doc: OutgoingMessageDoc): OutboxState {
  const common = { attempts: doc.attempts, at: enteredAt(doc) };
  // The schema does not tie fields to states; a field a state needs and lacks reads as empty.
  const gateway = doc.gateway ?? '';
  const gatewayRef = doc.gatewayRef ?? '';
  switch (doc.state) {
    case 'pending':
      return { status: 'pending', ...common, notBefore: doc.notBefore, error: doc.error };
    case 'sent-to-gateway':
      return { status: 'sent-to-gateway', ...common, gateway };
    case 'sent':
      return { status: 'sent', ...common, gateway, gatewayRef };
    case 'delivered':
      return { status: 'delivered', ...common, gateway, gatewayRef };
    case 'failed':
      return {
        status: 'failed',
        ...common,
        gateway: doc.gateway,
        gatewayRef: doc.gatewayRef,
        error: doc.error,
      };
  }
}

/** The document in state `next`, with the history entry that says so. */
export function withOutboxState<D extends OutgoingMessageDoc>(doc: D, next: OutboxState): D {
  const error = 'error' in next ? next.error : next.status === 'sent-to-gateway' ? doc.error : null;
  return {
    ...doc,
    state: next.status,
    attempts: next.attempts,
    notBefore: next.status === 'pending' ? next.notBefore : null,
    gateway: 'gateway' in next ? next.gateway : doc.gateway,
    gatewayRef: 'gatewayRef' in next ? next.gatewayRef : doc.gatewayRef,
    error,
    history: [
      ...doc.history,
      {
        state: next.status,
        at: next.at,
        ...(next.status === 'sent-to-gateway' ? { by: next.gateway } : {}),
        ...('error' in next && next.error !== null ? { error: next.error } : {}),
      },
    ],
  };
}

/** An older message to the same phone, as the queue view gives it. */
export interface Queued {
  readonly state: OutboxStatus;
  /** When it was last written (for a claimed message: when it was claimed). */
  readonly updatedAt: string;
}

/**
 * One phone's SMS go out in the order they were queued: a message waits while an older one to
 * the same phone is pending, or claimed and not yet given up as stuck (another worker may be
 * handing it over).
 */
export function waitsBehind(older: readonly Queued[], now: Date, stuckAfterMs: number): boolean {
  return older.some(
    (q) =>
      q.state === 'pending' ||
      (q.state === 'sent-to-gateway' && now.getTime() - Date.parse(q.updatedAt) < stuckAfterMs),
  );
}
