// What a user gets back from the endpoints that hand out documents or their ids: _all_docs,
// _bulk_get, a single document, _revs_diff. A document the user may not read answers as a
// missing one, so nobody learns that another relay's document exists; design documents alike.
import { readableOf, type ReadableSet } from './readable-set';
import type { Upstream } from './reader-index';
import { isDesignId, scopeReads, type ReadScope } from './read-scope';

type Doc = Record<string, unknown>;
// No revision: the one stored is not the user's to learn.
const missing = (id: string) => ({ error: { id, error: 'not_found', reason: 'missing' } });

interface AllDocsRow {
  id?: string;
  key?: unknown;
  error?: string;
  value?: { rev: string; deleted?: boolean };
  doc?: Doc | null;
}

/**
 * An _all_docs answer as the scope may see it (fetched with include_docs when the scope is a
 * relay's, so that each row is checked on its document): unreadable rows asked by key answer
 * not_found, the others are left out; documents are dropped again when they were not asked.
 */
export function allDocsSeen(
  scope: ReadScope,
  answer: { rows: AllDocsRow[]; [k: string]: unknown },
  byKeys: boolean,
  docsAsked: boolean,
): unknown {
  const rows: AllDocsRow[] = [];
  for (const row of answer.rows) {
    const id = row.id ?? (typeof row.key === 'string' ? row.key : '');
    const shown =
      !row.error &&
      !isDesignId(id) &&
      (scope.kind === 'territory' || (row.value?.deleted !== true && scopeReads(scope, row.doc)));
    if (shown) {
      const { doc: _doc, ...rest } = row;
      rows.push(docsAsked ? row : rest);
    } else if (byKeys) rows.push({ key: row.key, error: 'not_found' });
  }
  if (scope.kind === 'territory') return { ...answer, rows };
  // The territory's size is not a relay's business either.
  return { total_rows: rows.length, offset: 0, rows };
}

interface BulkGetAnswer {
  results: { id: string; docs: ({ ok: Doc } | { error: unknown })[] }[];
}

export function bulkGetSeen(scope: ReadScope, answer: BulkGetAnswer): BulkGetAnswer {
  return {
    results: answer.results.map((result) => ({
      id: result.id,
      docs: result.docs.map((entry) =>
        'ok' in entry && !scopeReads(scope, entry.ok) ? missing(result.id) : entry,
      ),
    })),
  };
}

/**
 * A single GET: the document, or with open_revs a list of {ok} / {missing}; null for a 404.
 * Revisions asked by name come back missing; `open_revs=all` of an unreadable document is a 404.
 */
export function docSeen(scope: ReadScope, answer: unknown, openRevs: string | null): unknown {
  if (Array.isArray(answer)) {
    const entries = answer as { ok?: Doc; missing?: string }[];
    if (openRevs === 'all') {
      const shown = entries.filter((entry) => !entry.ok || scopeReads(scope, entry.ok));
      return shown.length === 0 ? null : shown;
    }
    return entries.map((entry) =>
      entry.ok && !scopeReads(scope, entry.ok) ? { missing: entry.ok._rev } : entry,
    );
  }
  const doc = answer as Doc;
  // A deleted revision asked by rev is shown to the territory only, as any tombstone.
  return scopeReads(scope, doc) || (scope.kind === 'territory' && doc._deleted === true)
    ? doc
    : null;
}

export type RevsDiff = Record<string, { missing: string[]; possible_ancestors?: string[] }>;

/**
 * Ids of a _revs_diff the readable set cannot answer alone: hers, asked at other revisions than
 * the winning one (an older one, a conflict, one the server lacks). Ids outside it are answered
 * wholly missing (revsDiffSeen).
 */
export function revsDiffToAsk(
  asked: Record<string, readonly string[]>,
  readable: ReadableSet,
): string[] {
  return Object.keys(asked).filter((id) => {
    const winning = readable.get(id);
    return winning !== undefined && !onlyWinning(asked[id] ?? [], winning);
  });
}

const onlyWinning = (revs: readonly string[], winning: string) =>
  revs.every((rev) => rev === winning);

/**
 * _revs_diff as if the server had none of the documents the user may not read: otherwise the
 * answer would tell which ids and revisions exist. From the readable set: an id outside it has
 * every asked revision missing; one asked at its winning revision has none; the others take
 * CouchDB's own answer, `answer`. A set a few seconds late (REVS_DIFF_REUSE_MS) tells no more:
 * its "the server has it" is only ever said of the revision it saw winning, which the device
 * itself holds (it asked about it) and CouchDB keeps; an id the set lacks that the app has
 * seen in the database makes the caller catch the set up first (read-routes.ts).
 */
export function revsDiffSeen(
  asked: Record<string, string[]>,
  readable: ReadableSet,
  answer: RevsDiff,
): RevsDiff {
  const seen: RevsDiff = {};
  for (const [id, revs] of Object.entries(asked)) {
    const winning = readable.get(id);
    if (winning === undefined) seen[id] = { missing: revs };
    else if (!onlyWinning(revs, winning) && answer[id]) seen[id] = answer[id];
  }
  return seen;
}

/**
 * Of the ids a device holds, those its user may no longer read: stored on the server (deleted
 * ones included) and outside the user's reads. Ids the server does not have are not told.
 */
export async function unreadableAmong(
  up: Upstream,
  scope: ReadScope,
  ids: readonly string[],
  now: Date,
  present: (ids: readonly string[]) => Promise<Map<string, { deleted: boolean }>>,
): Promise<string[]> {
  const stored = await present(ids);
  const deleted = [...stored].filter(([, v]) => v.deleted).map(([id]) => id);
  const live = [...stored].filter(([, v]) => !v.deleted).map(([id]) => id);
  const designs = live.filter(isDesignId);
  if (scope.kind === 'territory') return [...deleted, ...designs];
  const readable = await readableOf(up, scope.keys, live, now.getTime());
  return [...deleted, ...live.filter((id) => !readable.has(id))];
}
