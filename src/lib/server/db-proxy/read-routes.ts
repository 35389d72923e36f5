// The read side of /db per user (issue 7 point 4): each route that hands out documents or ids
// goes through here after its query and body were checked. Answers the territory may get as
// they are (no design document in them) are streamed straight back; the rest is parsed, kept to
// what the user may read, and written again.
import { fetchCouch } from '../couch';
import type { DbRoute } from './allow-list';
import {
  filteredFeed,
  indexPage,
  keepReadable,
  servedFromIndex,
  type ChangesAnswer,
} from './changes-reads';
import {
  allDocsSeen,
  bulkGetSeen,
  docSeen,
  revsDiffSeen,
  revsDiffToAsk,
  unreadableAmong,
  type RevsDiff,
} from './doc-reads';
import { noteAbsent } from './absent-ids';
import { checkpoint } from './checkpoints';
import { heldIds, knownIds, warmKnownIds } from './known-ids';
import { proxyLongpoll } from './longpoll';
import { readableSet, REVS_DIFF_REUSE_MS, seqParam, type ReadableSet } from './readable-set';
import { couchJson, UpstreamStatusError, type Upstream } from './reader-index';
import { isDesignId, type ReadScope } from './read-scope';
import { dbError, jsonResponse, relayResponse } from './responses';

export interface ReadRequest {
  readonly route: DbRoute;
  readonly method: string;
  /** Path below the database, encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The checked body, when the route has one. */
  readonly body: unknown;
  readonly scope: ReadScope;
  readonly userName: string;
  readonly up: Upstream;
  readonly longpollMaxMs: number;
  readonly clientSignal: AbortSignal;
  /** When the request came (the clock's reading). */
  readonly now: Date;
}

/** The answer to a read, or null when CouchDB's own answer can be streamed back as it is. */
export async function proxyRead(req: ReadRequest): Promise<Response | null> {
  try {
    return await answerRead(req);
  } catch (err) {
    if (err instanceof UpstreamStatusError) return relayResponse(err.response);
    throw err;
  }
}

async function answerRead(req: ReadRequest): Promise<Response | null> {
  const { route, scope, query, up } = req;
  const own = scope.kind === 'own';
  switch (route.kind) {
    case 'db-info': {
      if (!own || req.method !== 'GET') return null;
      // PouchDB's replicator reads update_seq (progress, since=now) and the name, nothing else:
      // the territory's counts and sizes are not a relay's business.
      const info = await couchJson<{ db_name?: unknown; update_seq?: unknown }>(up, '');
      return jsonResponse(200, { db_name: info.db_name, update_seq: info.update_seq });
    }
    case 'changes':
      return route.longpoll ? longpoll(req) : normalChanges(req);
    case 'all-docs': {
      const byKeys = req.body !== undefined || query.has('keys');
      const keys =
        (req.body as { keys?: string[] } | undefined)?.keys ??
        (JSON.parse(query.get('keys') ?? '[]') as string[]);
      if (!own && byKeys && !keys.some(isDesignId)) return null;
      const upstreamQuery = new URLSearchParams(query);
      if (own) upstreamQuery.set('include_docs', 'true');
      const answer = await couchJson<Parameters<typeof allDocsSeen>[1]>(
        up,
        `_all_docs?${upstreamQuery}`,
        req.body,
      );
      return jsonResponse(
        200,
        allDocsSeen(scope, answer, byKeys, query.get('include_docs') === 'true'),
      );
    }
    case 'bulk-get': {
      const ids = (req.body as { docs: { id: string }[] }).docs.map((d) => d.id);
      if (!own && !ids.some(isDesignId)) return null;
      const answer = await couchJson<Parameters<typeof bulkGetSeen>[1]>(
        up,
        `_bulk_get?${query}`,
        req.body,
      );
      return jsonResponse(200, bulkGetSeen(scope, answer));
    }
    case 'doc': {
      if (!own) return null;
      const res = await fetchCouch(`${up.base}${req.path}?${query}`, {
        headers: up.headers,
        signal: up.signal,
      });
      if (res.status !== 200) return relayResponse(res);
      const seen = docSeen(scope, await res.json(), query.get('open_revs'));
      return seen === null ? dbError(404, 'not_found', 'missing') : jsonResponse(200, seen);
    }
    case 'revs-diff': {
      if (!own) return null;
      const asked = req.body as Record<string, string[]>;
      const now = req.now.getTime();
      // The set (caught up at most a few seconds ago) knows her ids and their winning revisions;
      // an id outside it has every revision missing (revsDiffSeen).
      let readable = await readableSet(up, scope.keys, now, REVS_DIFF_REUSE_MS);
      const outsideOf = (set: ReadableSet) => Object.keys(asked).filter((id) => !set.has(id));
      const outside = outsideOf(readable);
      if (outside.length > 0) {
        // One the database holds may have been given to her since: her set is then caught up,
        // or the revision her device has just pulled would be sent back. The ids the app last
        // saw in the feed tell (known-ids.ts); until they are read, the database is asked.
        const followed = heldIds(up);
        const stored = followed ?? (await storedIds(up, outside));
        if (outside.some((id) => stored.has(id)))
          readable = await readableSet(up, scope.keys, now, 0);
        // Which of the rest the database does not hold at all (made offline) is for the
        // _bulk_docs that follows, which then need not read them again (absent-ids.ts). The
        // followed ids may be a moment late: it is found exactly while the device reads and
        // sends the batch, not waited for here. The database's own answer is exact already.
        const rest = outsideOf(readable);
        const absent = followed
          ? absentAmong(up, rest)
          : Promise.resolve(new Set(rest.filter((id) => !stored.has(id))));
        noteAbsent(up.base, req.userName, rest, now, absent);
      }
      const unsure = revsDiffToAsk(asked, readable);
      const answer =
        unsure.length === 0
          ? {}
          : await couchJson<RevsDiff>(
              up,
              '_revs_diff',
              Object.fromEntries(unsure.map((id) => [id, asked[id]])),
            );
      return jsonResponse(200, revsDiffSeen(asked, readable, answer));
    }
    case 'local-doc':
      return checkpoint(up, req.method, req.userName, route.id, query, req.body);
    case 'unreadable': {
      const ids = (req.body as { ids: string[] }).ids;
      const lost = await unreadableAmong(up, scope, ids, req.now, (some) => storedIds(up, some));
      return jsonResponse(200, { ids: lost });
    }
    default:
      return null;
  }
}

/** How long finding a push's absent ids may take before its _bulk_docs reads them instead. */
const ABSENT_CHECK_TIMEOUT_MS = 15_000;

/** Those of `ids` the database does not hold; none when it cannot say (they are read again). */
function absentAmong(up: Upstream, ids: readonly string[]): Promise<ReadonlySet<string>> {
  // Not the browser request's signal: the check outlives the answer that started it.
  const own = { ...up, signal: AbortSignal.timeout(ABSENT_CHECK_TIMEOUT_MS) };
  const stored = async () => (await knownIds(own)) ?? (await storedIds(own, ids));
  return stored().then(
    (stored) => new Set(ids.filter((id) => !stored.has(id))),
    (err: unknown) => {
      console.warn(`[db-proxy] absent ids not checked: ${String(err)}`);
      return new Set<string>();
    },
  );
}

async function storedIds(up: Upstream, ids: readonly string[]) {
  const stored = new Map<string, { deleted: boolean }>();
  if (ids.length === 0) return stored;
  const answer = await couchJson<{
    rows: { id?: string; error?: string; value?: { deleted?: boolean } }[];
  }>(up, '_all_docs', { keys: ids });
  for (const row of answer.rows)
    if (row.id && !row.error) stored.set(row.id, { deleted: row.value?.deleted === true });
  return stored;
}

async function normalChanges(req: ReadRequest): Promise<Response> {
  const { scope, query, up } = req;
  if (scope.kind === 'own' && servedFromIndex(scope, query)) {
    // Her pushes come after her pull: the database's ids are read meanwhile (known-ids.ts).
    void warmKnownIds(up);
    const page = await indexPage(up, scope, query, () => currentSeq(up), req.now.getTime());
    return typeof page === 'string' ? dbError(400, 'bad_request', page) : jsonResponse(200, page);
  }
  const init = changesInit(req);
  const answer = await filteredFeed(up, scope, query, init);
  return jsonResponse(200, shownAnswer(scope, answer, answer.results));
}

function changesInit(req: ReadRequest): RequestInit {
  return {
    method: req.method,
    ...(req.body === undefined || req.method !== 'POST' ? {} : { body: JSON.stringify(req.body) }),
  };
}

async function longpoll(req: ReadRequest): Promise<Response> {
  const { scope, up } = req;
  const query = new URLSearchParams(req.query);
  // A relay still walking the index gets its next page at once; the long poll comes after.
  if (scope.kind === 'own' && servedFromIndex(scope, query)) return normalChanges(req);
  // A heartbeat would make Apache CouchDB ignore the timeout; the proxy sends its own.
  query.delete('heartbeat');
  const asked = Number(query.get('timeout'));
  const maxMs = asked > 0 ? Math.min(asked, req.longpollMaxMs) : req.longpollMaxMs;
  query.set('timeout', String(maxMs));
  // "now" cannot be echoed back as a sequence when the proxy ends a quiet poll: pin it first.
  if (query.get('since') === 'now') query.set('since', seqParam(await currentSeq(up)));
  const includeDocs = query.get('include_docs') === 'true';
  const init = changesInit(req);
  return proxyLongpoll({
    url: (since) => {
      if (since !== null) query.set('since', since);
      return `${up.base}_changes?${query}`;
    },
    init: { ...init, headers: up.headers },
    since: query.get('since'),
    maxMs,
    clientSignal: req.clientSignal,
    fetch: fetchCouch,
    onUpstreamError: relayResponse,
    filter: async (text) => {
      const answer = JSON.parse(text) as ChangesAnswer;
      const results = await keepReadable(up, scope, answer.results, includeDocs);
      if (results.length === 0 && answer.results.length > 0)
        return { again: seqParam(answer.last_seq) };
      return { text: JSON.stringify(shownAnswer(scope, answer, results)) };
    },
  });
}

/** A relay is not told how many changes the territory has pending. */
function shownAnswer(scope: ReadScope, answer: ChangesAnswer, results: ChangesAnswer['results']) {
  if (scope.kind === 'territory') return { ...answer, results };
  return { results, last_seq: answer.last_seq };
}

export async function currentSeq(up: Upstream): Promise<number | string> {
  const info = await couchJson<{ update_seq?: number | string }>(up, '');
  if (info.update_seq === undefined) throw new Error('CouchDB gave no update_seq');
  return info.update_seq;
}
