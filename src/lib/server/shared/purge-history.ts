// Replaces a document and every stored revision of it (docs/personal-data.md): an erased person's
// documents and the SMS past their retention keep no old body anywhere on the server.
// Apache CouchDB 3 purges every leaf (`_purge`), then the new revision is written with
// `new_edits: false` over the old revision ids, so devices take it as the next edit of what they
// hold. The embedded server has no `_purge`: the same revision is written over the winner, the
// other leaves are deleted, and compaction drops the bodies of every revision that is not a leaf.
import { createHash } from 'node:crypto';
import type { Db, StoredDoc } from './store';
import { statusOf } from './store';

type Leaf = StoredDoc & {
  _rev: string;
  _deleted?: boolean;
  _revisions: { start: number; ids: string[] };
};

/** What replaces the document: its new body, or a deletion. */
export type Replacement = Record<string, unknown> | 'deleted';

export type PurgeMode = 'purge' | 'compact';

/** The leaves of a document with their histories; [] when the server has none. */
export async function leavesOf(db: Db, id: string): Promise<Leaf[]> {
  try {
    const answer = (await db.get(id, { open_revs: 'all', revs: true } as never)) as unknown as {
      ok?: Leaf;
    }[];
    return answer.map((l) => l.ok).filter((l): l is Leaf => l !== undefined);
  } catch (err) {
    if (statusOf(err) === 404) return [];
    throw err;
  }
}

/** CouchDB's winner: a live leaf before a deleted one, then the longest history, then the greater id. */
export function winnerOf<L extends { _rev: string; _deleted?: boolean }>(leaves: readonly L[]): L {
  const rank = (l: L) => [l._deleted ? 0 : 1, Number.parseInt(l._rev, 10)] as const;
  return leaves.reduce((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    if (ra[0] !== rb[0]) return ra[0] > rb[0] ? a : b;
    if (ra[1] !== rb[1]) return ra[1] > rb[1] ? a : b;
    return a._rev >= b._rev ? a : b;
  });
}

/** The same replacement of the same winner always gets the same id: two workers write one revision. */
function nextRevHash(winnerRev: string, body: Replacement): string {
  return createHash('md5')
    .update(`${winnerRev}|${JSON.stringify(body)}`)
    .digest('hex');
}

/** Tries `_purge` of every leaf: 'purge' when the server did it, 'compact' when it has no `_purge`. */
async function purgeLeaves(db: Db, id: string, revs: string[]): Promise<PurgeMode> {
  try {
    const answer = (await db.server.request({
      db: db.config.db,
      method: 'POST',
      path: '_purge',
      body: { [id]: revs },
    })) as { purged?: Record<string, string[]> };
    if (answer && typeof answer.purged === 'object') return 'purge';
  } catch (err) {
    const status = statusOf(err);
    // The embedded server answers 400 (it reads `_purge` as an attachment) or 404.
    if (status !== 400 && status !== 404 && status !== 405 && status !== 501) throw err;
  }
  return 'compact';
}

/**
 * Replaces `id` by `next` with no earlier body left on the server. Returns how it was done, or
 * null when there was nothing to replace (no document, or already deleted and asked to delete).
 * In 'compact' mode the caller must then compact the database (compactDatabase), once for many.
 */
export async function replaceWithHistory(
  db: Db,
  id: string,
  next: Replacement,
): Promise<PurgeMode | null> {
  const leaves = await leavesOf(db, id);
  if (leaves.length === 0) return null;
  const winner = winnerOf(leaves);
  if (next === 'deleted' && leaves.every((l) => l._deleted)) return null;
  const mode = await purgeLeaves(
    db,
    id,
    leaves.map((l) => l._rev),
  );
  const start = winner._revisions.start + 1;
  const hash = nextRevHash(winner._rev, next);
  const body = next === 'deleted' ? { _deleted: true } : next;
  const docs: object[] = [
    {
      ...body,
      _id: id,
      _rev: `${start}-${hash}`,
      _revisions: { start, ids: [hash, ...winner._revisions.ids] },
    },
  ];
  if (mode === 'compact') {
    // Without a purge the other leaves stay: each gets a deletion, so compaction can drop it.
    for (const leaf of leaves) {
      if (leaf._rev === winner._rev || leaf._deleted) continue;
      const leafStart = leaf._revisions.start + 1;
      const leafHash = nextRevHash(leaf._rev, 'deleted');
      docs.push({
        _id: id,
        _deleted: true,
        _rev: `${leafStart}-${leafHash}`,
        _revisions: { start: leafStart, ids: [leafHash, ...leaf._revisions.ids] },
      });
    }
  }
  const results = (await db.bulk({ docs, new_edits: false } as never)) as unknown as {
    error?: string;
    reason?: string;
  }[];
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`${id}: replacement refused (${failed.error}: ${failed.reason})`);
  return mode;
}

/**
 * After replacements: in 'compact' mode, compacts and waits, so that no old body is left; after
 * purges, asks CouchDB to compact in the background, which drops the purged bodies from its files.
 */
export async function settleReplacements(db: Db, modes: ReadonlySet<PurgeMode>): Promise<void> {
  if (modes.has('compact')) await compactDatabase(db);
  else if (modes.has('purge')) await db.compact();
}

/** Compacts the database and waits until it is done, so that no old revision body is left. */
export async function compactDatabase(db: Db, timeoutMs = 120_000): Promise<void> {
  await db.compact();
  const until = performance.now() + timeoutMs;
  // The embedded server answers once compaction is over; Apache CouchDB compacts in the background.
  while ((await db.info()).compact_running) {
    if (performance.now() > until) throw new Error(`${db.config.db}: compaction still running`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
