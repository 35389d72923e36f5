// Who reads an inbound SMS: the worker whose lease on it is won (a claim, docs/cluster.md), so
// that two workers sharing the feed never both apply it. A lease that ran out (its worker died)
// comes back through the timer's `wake` view.
import { isReceivedInbound, type StoredIncomingMessage } from '../../src/lib/domain/documents';
import { getDoc, putDoc, stamp } from '../../src/lib/server/shared/store';
import type { WorkerContext } from './context';

/** How long a worker has to read an SMS before another one may (the first one died). */
export const LEASE_MS = 5 * 60_000;
/** How long an SMS waits behind an earlier one of its phone that another worker is reading. */
export const BEHIND_MS = 60_000;

/**
 * Takes the SMS for this worker until `ms` from now: the revision read by id, standing alone (a
 * claim, docs/cluster.md), so that two workers never both apply it. The leased SMS, or 'held'
 * while another worker's lease runs, or null once it was handled.
 */
export async function lease(
  ctx: WorkerContext,
  msg: StoredIncomingMessage,
  ms: number,
): Promise<StoredIncomingMessage | 'held' | null> {
  const now = ctx.clock.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await getDoc<object>(ctx.db, msg._id);
    if (!current || !isReceivedInbound(current)) return null;
    const holder = current.lease;
    // Ours still (a retry, a restart, an SMS put off behind another): not written again, so that
    // a put-off SMS coming back through the feed does not loop.
    if (holder && Date.parse(holder.until) > now.getTime())
      return holder.by === ctx.name ? current : 'held';
    const until = new Date(now.getTime() + ms).toISOString();
    const leased = stamp({ ...current, lease: { by: ctx.name, until } }, now);
    const rev = await putDoc(ctx.db, leased);
    if (rev !== false) return { ...leased, _rev: rev } as StoredIncomingMessage;
  }
  return 'held'; // moving under us: whoever moves it reads it
}
