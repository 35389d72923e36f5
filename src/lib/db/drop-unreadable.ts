// When access shrinks (a person handed to another relay), the server keeps the documents but this
// device must not: it asks /db which of its documents its user may no longer read, and removes
// them here only. The removal is a local deletion that the push never sends (sync.ts keeps
// deletions out of it); the device's database compacts as it writes (local-options.ts), so no
// earlier revision's content stays.
// A document changed here and not yet sent stays until the push has tried it: the server refuses
// it and the sync bar says so (the relay learns her change did not go), then the next round drops it.
import type { LocalDb } from './pouch';

/** Asks the server which of `ids` the user may no longer read (POST /db/_unreadable). */
export type AskUnreadable = (ids: readonly string[]) => Promise<string[]>;

/** Ids per question: the proxy takes at most 2,000. */
const BATCH = 1000;

/**
 * Removes from the device what its user lost, but for the ids in `waiting` (changed here, not yet
 * pushed); returns the ids removed.
 */
export async function dropUnreadable(
  local: LocalDb,
  ask: AskUnreadable,
  waiting: ReadonlySet<string>,
): Promise<string[]> {
  const { rows } = await local.allDocs();
  const revs = new Map(
    rows
      .filter((r) => !r.id.startsWith('_design/') && !waiting.has(r.id))
      .map((r) => [r.id, r.value.rev]),
  );
  const ids = [...revs.keys()];
  const lost: string[] = [];
  for (let i = 0; i < ids.length; i += BATCH) lost.push(...(await ask(ids.slice(i, i + BATCH))));
  const known = lost.filter((id) => revs.has(id));
  if (known.length === 0) return [];
  // A document edited here meanwhile answers a conflict and is left for the next sync.
  const results = await local.bulkDocs(
    known.map((id) => ({ _id: id, _rev: revs.get(id)!, _deleted: true }) as never),
  );
  return results.filter((r) => 'ok' in r && r.ok).map((r) => r.id!);
}

/** The question, asked of the app's /db with the session cookie. */
export function askServer(origin: string, fetchFn: typeof fetch = fetch): AskUnreadable {
  return async (ids) => {
    const res = await fetchFn(`${origin}/db/_unreadable`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    });
    if (!res.ok) throw new Error(`/db/_unreadable answered ${res.status}`);
    const answer = (await res.json()) as { ids?: unknown };
    return Array.isArray(answer.ids) ? answer.ids.filter((id) => typeof id === 'string') : [];
  };
}
