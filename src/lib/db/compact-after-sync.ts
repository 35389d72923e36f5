// The post-sync hook (docs/personal-data.md): once a pull has caught up, the device compacts its
// database, so the bodies of revisions replaced since (an erased person's old data) are gone
// from it too. PouchDB compacts from its last compaction on: a quiet pull costs little.
import type { LocalDb } from './pouch';

const running = new WeakMap<LocalDb, Promise<void>>();

/** Compacts `local` unless a compaction of it is already under way; never throws. */
export function compactAfterSync(local: LocalDb): Promise<void> {
  const current = running.get(local);
  if (current) return current;
  const run = local
    .compact()
    .then(() => undefined)
    .catch((err: unknown) => console.warn('compaction after sync failed', err))
    .finally(() => running.delete(local));
  running.set(local, run);
  return run;
}
