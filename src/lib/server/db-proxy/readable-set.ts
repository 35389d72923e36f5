// The ids a relay may read, with their winning revisions, kept per user between requests and
// brought up to date from the database's feed: a push's _revs_diff (every id the device holds,
// 100 a batch) and _unreadable then cost at most one short _changes each instead of one
// by_reader lookup per id. `_unreadable` always catches up first (exact as of the feed's last
// sequence, so a reader removed a moment ago is never missed, nor one added taken away);
// `_revs_diff` takes a set caught up within REVS_DIFF_REUSE_MS (see revsDiffSeen for why a
// slightly late set is safe there), so a push's 20 batches cost one catch-up, not 20. A first
// pull's walk through the index (changes-reads.ts) reads every row of the set anyway: once it
// is done, it leaves the set behind (noteWalk), as of the sequence the walk pinned.
import { isRecent } from '../../clock';
import { readerPage, couchJson, type Upstream } from './reader-index';

/** Readable id → its winning revision. */
export type ReadableSet = ReadonlyMap<string, string>;

interface Entry {
  readonly seq: number | string;
  readonly ids: ReadableSet;
  /** When (clock ms) the set was last brought up to the feed's sequence. */
  readonly at: number;
}

/** How old a set _revs_diff may use without catching up: a push's batches follow in a second. */
export const REVS_DIFF_REUSE_MS = 5000;

/** Changes read to catch up; past that, the set is read again from the index. */
const CATCH_UP_LIMIT = 500;
/** Users kept (least recently used dropped): a territory has a few dozen relays. */
const MAX_USERS = 200;
const PAGE = 5000;
const cache = new Map<string, Entry>();
/** Walks under way, by the sequence their next page will start from. */
const walks = new Map<string, Entry & { readonly ids: Map<string, string> }>();
/** Walks kept: a walk whose device went away is dropped with the oldest. */
const MAX_WALKS = 200;

const setName = (up: Upstream, keys: readonly string[]) => [up.base, ...keys].join('\n');

interface FeedAnswer {
  results: {
    id: string;
    changes?: { rev?: string }[];
    deleted?: boolean;
    doc?: Record<string, unknown> | null;
  }[];
  last_seq: number | string;
}

/** A feed sequence as a `since` parameter: CouchDB's are strings, the embedded server's numbers. */
export const seqParam = (seq: unknown) => (typeof seq === 'string' ? seq : JSON.stringify(seq));

/** Which of `ids` the user of `keys` may read now (deleted documents and design documents never). */
export async function readableOf(
  up: Upstream,
  keys: readonly string[],
  ids: readonly string[],
  now: number,
): Promise<Set<string>> {
  const set = await readableSet(up, keys, now, 0);
  return new Set(ids.filter((id) => set.has(id)));
}

/**
 * Every id the user of `keys` may read, as of the feed's sequence at most `reuseMs` before `now`
 * (0: the set is brought up to date from the feed first).
 */
export async function readableSet(
  up: Upstream,
  keys: readonly string[],
  now: number,
  reuseMs: number,
): Promise<ReadableSet> {
  const name = setName(up, keys);
  const known = cache.get(name);
  const recent = known && isRecent(known.at, now, reuseMs) ? known : null;
  const entry =
    recent ?? (known && (await caughtUp(up, keys, known, now))) ?? (await fromIndex(up, keys, now));
  keep(name, entry);
  return entry.ids;
}

/** Per database too: one process may serve several (tests do). */
function keep(name: string, entry: Entry) {
  cache.delete(name);
  cache.set(name, entry);
  if (cache.size > MAX_USERS) cache.delete(cache.keys().next().value!);
}

/** One page of a first pull's walk through the user's rows of the index. */
export interface WalkPage {
  /** The sequence the walk pinned when it began. */
  readonly seq: number | string;
  /** The `since` the page was asked from: null for the walk's first page. */
  readonly since: string | null;
  /** The `last_seq` it answered: where the next page starts. */
  readonly lastSeq: string;
  readonly done: boolean;
  readonly rows: readonly { readonly id: string; readonly rev: string }[];
  /** When the page was asked (clock ms). */
  readonly now: number;
}

/**
 * Gathers a walk's rows page after page; once the walk is done, they are the user's set as of
 * the pinned sequence (a row read later, at a newer revision, is caught up from there like the
 * rest), dated from the walk's first page. A walk whose first page this process did not serve
 * leaves nothing.
 */
export function noteWalk(up: Upstream, keys: readonly string[], page: WalkPage): void {
  const name = setName(up, keys);
  const from = page.since === null ? null : `${name}\n${page.since}`;
  const walk =
    from === null
      ? { seq: page.seq, at: page.now, ids: new Map<string, string>() }
      : walks.get(from);
  if (from !== null) walks.delete(from);
  if (!walk) return;
  for (const row of page.rows) walk.ids.set(row.id, row.rev);
  if (!page.done) {
    walks.set(`${name}\n${page.lastSeq}`, walk);
    if (walks.size > MAX_WALKS) walks.delete(walks.keys().next().value!);
    return;
  }
  const known = cache.get(name);
  if (!known || known.at <= walk.at) keep(name, walk);
}

/** The whole set from the by_reader index; the sequence is read first, so nothing is missed. */
async function fromIndex(up: Upstream, keys: readonly string[], now: number): Promise<Entry> {
  const info = await couchJson<{ update_seq: number | string }>(up, '');
  const ids = new Map<string, string>();
  let cursor: Parameters<typeof readerPage>[2] | null = { key: 0, after: null };
  while (cursor) {
    const page = await readerPage(up, keys, cursor, PAGE, false);
    for (const row of page.rows) ids.set(row.id, row.rev);
    cursor = page.next;
  }
  return { seq: info.update_seq, ids, at: now };
}

/** The set moved on to the feed's last sequence, or null when too much changed since. */
async function caughtUp(
  up: Upstream,
  keys: readonly string[],
  entry: Entry,
  now: number,
): Promise<Entry | null> {
  const query = new URLSearchParams({
    since: seqParam(entry.seq),
    include_docs: 'true',
    limit: String(CATCH_UP_LIMIT + 1),
  });
  const answer = await couchJson<FeedAnswer>(up, `_changes?${query}`);
  if (answer.results.length === 0) return { ...entry, at: now };
  if (answer.results.length > CATCH_UP_LIMIT) return null;
  const ids = new Map(entry.ids);
  for (const row of answer.results) {
    ids.delete(row.id);
    const readers = row.doc?.readers;
    const rev = row.doc?._rev ?? row.changes?.[0]?.rev;
    const readable =
      row.deleted !== true &&
      !row.id.startsWith('_design/') &&
      typeof rev === 'string' &&
      Array.isArray(readers) &&
      keys.some((key) => readers.includes(key));
    if (readable) ids.set(row.id, rev);
  }
  return { seq: answer.last_seq, ids, at: now };
}
