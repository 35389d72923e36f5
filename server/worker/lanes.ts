// Changes of one batch are handled at once when they are independent, and in feed order when
// they are not: a lane per phone (its SMS in and out in the order they come) and per request (the
// request and its match), so that waiting on the database for one request never holds the others.
// What stays serial across lanes goes through _rev, as between two workers (a driver's phone is
// locked on its conversation, a match moves with the _rev it was read at).
import { matchIdOf } from '../../src/lib/domain/ids';
import type { StoredDoc } from '../../src/lib/server/shared/store';

/** The lane of a document: its changes are handled one after the other, in feed order. */
export function laneOf(doc: StoredDoc): string {
  if (doc.type === 'message') {
    const phone = doc.direction === 'in' ? doc.from : doc.to;
    if (typeof phone === 'string') return `phone:${phone}`;
  }
  if (doc.type === 'request') return matchIdOf(doc._id);
  return doc._id;
}

/**
 * Runs every item, those of one lane one after the other in the given order, at most `width`
 * lanes at a time, lanes started in the order their first item comes (so a change's synchronous
 * part, such as a cache update, is done before any later lane starts). After a failure no new
 * item starts; every lane running is waited for, then the first error is thrown.
 */
export async function runInLanes<T>(
  items: readonly T[],
  laneKey: (item: T) => string,
  width: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const key = laneKey(item);
    const lane = lanes.get(key);
    if (lane) lane.push(item);
    else lanes.set(key, [item]);
  }
  const waiting = [...lanes.values()];
  let failure: { error: unknown } | null = null;
  const runner = async () => {
    for (let lane = waiting.shift(); lane && !failure; lane = waiting.shift()) {
      for (const item of lane) {
        if (failure) return;
        try {
          await run(item);
        } catch (error) {
          failure ??= { error };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, width), waiting.length) }, runner));
  if (failure) throw (failure as { error: unknown }).error;
}
