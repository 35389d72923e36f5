// One interface for every reaction of the worker to a changed document (cht-core's
// "transitions"): a cheap filter and an idempotent handler. index.ts lists them in order.
import type { WorkerContext } from '../worker/context';
import type { StoredDoc } from '../../src/lib/server/shared/store';

export interface Handler {
  /** Says what it reacts to and what it does, for logs and parked documents. */
  readonly name: string;
  /** Whether this change concerns the handler; must not do I/O. */
  appliesTo(doc: StoredDoc): boolean;
  /**
   * Acts on the document as the feed delivered it. Must be idempotent: a change can be seen
   * twice (restart, several workers); writes are keyed on _rev or on deterministic ids.
   */
  handle(doc: StoredDoc, ctx: WorkerContext): Promise<void>;
}

/**
 * A handler whose filter is a type guard, so that `handle` gets the document's own type without
 * a cast. It is listed as a Handler: the worker calls `handle` only after `appliesTo` said yes.
 */
export interface GuardedHandler<D extends StoredDoc> {
  readonly name: string;
  appliesTo(doc: StoredDoc): doc is D;
  handle(doc: D, ctx: WorkerContext): Promise<void>;
}
