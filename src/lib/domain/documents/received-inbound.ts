// Which documents the worker reads as a received SMS: checked, so the handler gets its type
// without a cast.
import type { IncomingMessageDoc } from './worker-docs';

/** An inbound SMS as the database gives it, with its revision. */
export type StoredIncomingMessage = IncomingMessageDoc & { readonly _rev: string };

const isString = (v: unknown): v is string => typeof v === 'string';

/** A received SMS not handled yet, with the fields the worker reads. */
export function isReceivedInbound(doc: object): doc is StoredIncomingMessage {
  const d = doc as Partial<Record<keyof StoredIncomingMessage, unknown>>;
  return (
    d.type === 'message' &&
    d.direction === 'in' &&
    d.state === 'received' &&
    isString(d._id) &&
    isString(d._rev) &&
    isString(d.from) &&
    isString(d.text) &&
    isString(d.receivedAt) &&
    Array.isArray(d.history)
  );
}
