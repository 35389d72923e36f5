// One interface for every reaction of the worker to a changed document (cht-core's
// "transitions"): a cheap filter and an idempotent handler. index.ts lists them in order.
import type { WorkerContext } from '../worker/context';
import type { StoredDoc } from '../../src/lib/server/shared/store';

/**
 * A handler that names its document type filters with a type guard, so `handle` gets that type
 * without a cast; an untyped one (`Handler`) keeps a plain boolean filter.
 */
type Filter<D extends StoredDoc> = StoredDoc extends D
  ? (doc: StoredDoc) => boolean
  : (doc: StoredDoc) => doc is D;

export interface Handler<D extends StoredDoc = StoredDoc> {
  /** Says what it reacts to and what it does, for logs and parked documents. */
  readonly name: string;
  /** Whether this change concerns the handler; must not do I/O. */
  readonly appliesTo: Filter<D>;
  /**
   * Acts on the document as the feed delivered it. Must be idempotent: a change can be seen
   * twice (restart, several workers); writes are keyed on _rev or on deterministic ids.
   */
  handle(doc: D, ctx: WorkerContext): Promise<void>;
}

/** What the worker runs: any handler, the document type it names forgotten behind its filter. */
export interface RunnableHandler {
  readonly name: string;
  appliesTo(doc: StoredDoc): boolean;
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
