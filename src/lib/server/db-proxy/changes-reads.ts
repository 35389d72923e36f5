// _changes per user. A relay's first pull (since=0) is served from the by_reader index, page by
// page, with sequences of the proxy's own making ("r~…": the database's sequence pinned when the
// pull began, and where the walk stands), so it costs the relay's own documents, never the
// territory's; once the walk is done the relay follows the real feed from that pinned sequence,
// keeping only the rows it may read. Coordinators get the real feed. Nobody gets design documents.
import { fetchCouch } from '../couch';
import {
  readableAmong,
  readerPage,
  UpstreamStatusError,
  type ReaderCursor,
  type Upstream,
} from './reader-index';
import { isDesignId, scopeReads, type ReadScope } from './read-scope';
import { noteWalk, seqParam } from './readable-set';

export interface ChangesRow {
  readonly seq: unknown;
  readonly id: string;
  readonly changes: readonly { rev: string }[];
  readonly deleted?: boolean;
  readonly doc?: Record<string, unknown> | null;
}

export interface ChangesAnswer {
  results: ChangesRow[];
  last_seq: unknown;
  pending?: number;
}

/** Largest page of a relay's first pull (PouchDB asks for 100). */
export const SNAPSHOT_MAX_LIMIT = 1000;
const TOKEN = /^r~([A-Za-z0-9_-]{4,4000})$/;
const BASE_SEQ = /^(\d{1,15}|\d{1,15}-[A-Za-z0-9_-]{1,3000})$/;

export function encodeToken(base: unknown, cursor: ReaderCursor): string {
  const json = JSON.stringify([base, cursor.key, cursor.after]);
  return `r~${Buffer.from(json, 'utf8').toString('base64url')}`;
}

/** The pinned sequence and cursor of a proxy-made sequence, or null when it is not a valid one. */
export function decodeToken(
  since: string,
  keyCount: number,
): { base: number | string; cursor: ReaderCursor } | null {
  const match = TOKEN.exec(since);
  if (!match) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [base, key, after] = value as unknown[];
    const baseOk =
      (typeof base === 'number' && Number.isSafeInteger(base) && base >= 0) ||
      (typeof base === 'string' && BASE_SEQ.test(base));
    if (!baseOk || !Number.isInteger(key) || (key as number) < 0 || (key as number) > keyCount)
      return null;
    if (after !== null && (typeof after !== 'string' || after.length > 300)) return null;
    return { base: base as number | string, cursor: { key: key as number, after } };
  } catch {
    return null;
  }
}

export const isToken = (since: string | null) => since !== null && since.startsWith('r~');

/** Whether this _changes is a relay's walk through the index rather than the real feed. */
export function servedFromIndex(scope: ReadScope, query: URLSearchParams): boolean {
  if (scope.kind !== 'own' || query.has('filter') || query.get('descending') === 'true')
    return false;
  const since = query.get('since');
  return since === null || since === '0' || isToken(since);
}

/**
 * One page of a relay's first pull. `pinSeq` gives the database's current sequence when the
 * walk begins; changes made during the walk come afterwards from the real feed.
 */
export async function indexPage(
  up: Upstream,
  scope: Extract<ReadScope, { kind: 'own' }>,
  query: URLSearchParams,
  pinSeq: () => Promise<number | string>,
  now: number,
): Promise<ChangesAnswer | string> {
  const since = query.get('since');
  let base: number | string;
  let cursor: ReaderCursor = { key: 0, after: null };
  if (isToken(since)) {
    const token = decodeToken(since!, scope.keys.length);
    if (!token) return 'Séquence invalide';
    ({ base, cursor } = token);
  } else base = await pinSeq();
  const asked = Number(query.get('limit') ?? SNAPSHOT_MAX_LIMIT);
  const limit = asked > 0 ? Math.min(asked, SNAPSHOT_MAX_LIMIT) : SNAPSHOT_MAX_LIMIT;
  const includeDocs = query.get('include_docs') === 'true';
  const page = await readerPage(up, scope.keys, cursor, limit, includeDocs);
  const results: ChangesRow[] = page.rows.map((row, i) => ({
    // The walk's last row carries the pinned sequence: from there on, the real feed.
    seq:
      page.next === null && i === page.rows.length - 1
        ? base
        : encodeToken(base, { key: row.key, after: row.id }),
    id: row.id,
    changes: [{ rev: row.rev }],
    ...(includeDocs ? { doc: row.doc ?? null } : {}),
  }));
  const last_seq =
    results.at(-1)?.seq ?? (page.next === null ? base : encodeToken(base, page.next));
  const walked = isToken(since) ? since : null;
  noteWalk(up, scope.keys, {
    seq: base,
    since: walked,
    lastSeq: String(last_seq),
    done: page.next === null,
    rows: page.rows,
    now,
  });
  return { results, last_seq };
}

/** The rows of a real feed's answer the scope may read, design documents left out. */
export async function keepReadable(
  up: Upstream,
  scope: ReadScope,
  rows: readonly ChangesRow[],
  includeDocs: boolean,
): Promise<ChangesRow[]> {
  const shown = rows.filter((row) => !isDesignId(row.id));
  if (scope.kind === 'territory') return shown;
  // A deletion tells nothing a relay may keep; the device drops what it lost (POST _unreadable).
  const live = shown.filter((row) => row.deleted !== true);
  if (includeDocs) return live.filter((row) => scopeReads(scope, row.doc));
  if (live.length === 0) return live;
  const readable = await readableAmong(
    up,
    scope.keys,
    live.map((row) => row.id),
  );
  return live.filter((row) => readable.has(row.id));
}

/**
 * A normal _changes through the real feed, filtered. A page whose rows were all left out is not
 * answered empty while the feed goes on (PouchDB would stop there): the next page is read.
 */
export async function filteredFeed(
  up: Upstream,
  scope: ReadScope,
  query: URLSearchParams,
  init: RequestInit,
): Promise<ChangesAnswer> {
  const params = new URLSearchParams(query);
  const limit = Number(params.get('limit'));
  const includeDocs = params.get('include_docs') === 'true';
  for (;;) {
    const res = await fetchChanges(up, params, init);
    const answer = (await res.json()) as ChangesAnswer;
    const results = await keepReadable(up, scope, answer.results, includeDocs);
    const more = limit > 0 && answer.results.length >= limit;
    if (results.length > 0 || !more || params.get('descending') === 'true')
      return { ...answer, results };
    params.set('since', seqParam(answer.last_seq));
  }
}

async function fetchChanges(
  up: Upstream,
  params: URLSearchParams,
  init: RequestInit,
): Promise<Response> {
  const res = await fetchCouch(`${up.base}_changes?${params}`, {
    ...init,
    headers: up.headers,
    signal: up.signal,
  });
  if (res.status !== 200) throw new UpstreamStatusError(res);
  return res;
}
