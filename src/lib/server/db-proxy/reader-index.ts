// The `by_reader` view (server/design/maillage.ts, keyed [reader, id], the winning revision as
// value): a user's own documents page by page, and which of some ids a user may read, both
// touching only the rows of that user's readers.
import { BY_READER_VIEW } from '../shared/reads-design';
import { asResponse, couchRequest } from './couch-request';
import { withJson } from './responses';

/** How the proxy reaches CouchDB for one browser request. */
export interface Upstream {
  /** `${couchUrl}/${db}/` */
  readonly base: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
}

export class UpstreamStatusError extends Error {
  constructor(readonly response: Response) {
    super(`CouchDB answered ${response.status}`);
  }
}

/** A JSON answer of CouchDB, or UpstreamStatusError carrying its response when it is not 200. */
export async function couchJson<T>(
  up: Upstream,
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<T> {
  const answer = await couchRequest(`${up.base}${path}`, {
    method,
    headers: body === undefined ? up.headers : withJson(up.headers),
    signal: up.signal,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (answer.status !== 200) throw new UpstreamStatusError(asResponse(answer));
  return JSON.parse(answer.text) as T;
}

export interface ReaderRow {
  /** Index of the reader key the row came under. */
  readonly key: number;
  readonly id: string;
  readonly rev: string;
  readonly doc?: Record<string, unknown> | null;
}

interface ViewAnswer {
  rows: {
    id: string;
    key: [string, string];
    value: string;
    doc?: Record<string, unknown> | null;
  }[];
}

/** Where a walk through a user's rows stands: the reader key's index and the last id given. */
export interface ReaderCursor {
  readonly key: number;
  readonly after: string | null;
}

/**
 * Up to `limit` of the user's rows after `cursor`, reader key after reader key; `next` is null
 * once every key is done. A document under two of the user's keys comes twice (harmless for a
 * replicator, which asks what it lacks).
 */
export async function readerPage(
  up: Upstream,
  keys: readonly string[],
  cursor: ReaderCursor,
  limit: number,
  includeDocs: boolean,
): Promise<{ rows: ReaderRow[]; next: ReaderCursor | null }> {
  const rows: ReaderRow[] = [];
  let { key, after } = cursor;
  while (key < keys.length && rows.length < limit) {
    const reader = keys[key]!;
    const want = limit - rows.length + (after === null ? 0 : 1);
    const query = new URLSearchParams({
      startkey: JSON.stringify([reader, after ?? '']),
      endkey: JSON.stringify([reader, {}]),
      limit: String(want),
      ...(includeDocs ? { include_docs: 'true' } : {}),
    });
    const answer = await couchJson<ViewAnswer>(up, `${BY_READER_VIEW}?${query}`);
    const fresh = answer.rows.filter((row) => row.id !== after).slice(0, limit - rows.length);
    for (const row of fresh)
      rows.push({
        key,
        id: row.id,
        rev: row.value,
        ...(includeDocs ? { doc: row.doc ?? null } : {}),
      });
    if (answer.rows.length < want) {
      key += 1;
      after = null;
    } else after = fresh.at(-1)?.id ?? after;
  }
  return { rows, next: key < keys.length ? { key, after } : null };
}

/** Those of `ids` the user may read now (deleted documents are not in the index). */
export async function readableAmong(
  up: Upstream,
  keys: readonly string[],
  ids: readonly string[],
): Promise<Set<string>> {
  const readable = new Set<string>();
  const unique = [...new Set(ids)];
  // Bounded batches: a view's keys travel in one body.
  for (let i = 0; i < unique.length; i += 1000) {
    const part = unique.slice(i, i + 1000);
    const answer = await couchJson<ViewAnswer>(up, BY_READER_VIEW, {
      keys: keys.flatMap((reader) => part.map((id) => [reader, id])),
    });
    for (const row of answer.rows) readable.add(row.id);
  }
  return readable;
}
