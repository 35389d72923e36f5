// Every id the territory's database holds (deleted ones too), kept per database and brought up
// to date from its feed: a push's _revs_diff learns which ids outside a relay's set exist
// (handed away, another's) and which are new (made offline) without asking the database about
// each batch. It is read from the whole feed once per database, in the background, when the app
// starts (hooks.server.ts) or else when a relay first pulls, then followed (a long poll of the
// feed, so that the catch-up at each use reads a few changes, not all of those since the last
// push); until it is ready, the caller asks the database (`_all_docs` by keys).
//
// Only ever grows: an id purged since is still "held", which only sends it down the slower,
// checked path. Always caught up before it answers: an id created a moment ago elsewhere is
// never taken for one made offline.
import { seqParam } from './readable-set';
import { couchJson, type Upstream } from './reader-index';

interface Known {
  seq: number | string;
  readonly ids: Set<string>;
}

/** Changes read to catch up; past that, the ids are read again from the whole feed. */
const CATCH_UP_LIMIT = 5000;
/** Databases kept (least recently used dropped): one in production, a few per test run. */
const MAX_DATABASES = 20;
/** A territory far larger than any rural one is left to the database's own look-ups. */
const MAX_IDS = 2_000_000;
/** How long the background read of the whole feed may take. */
const BUILD_TIMEOUT_MS = 120_000;
/** How long one wait of the follower lasts; the database answers at once when something changed. */
const FOLLOW_WAIT_MS = 25_000;
/** Pause after a wait that brought nothing, or after a failure; followed no more after 3 in a row. */
const FOLLOW_PAUSE_MS = 2_000;
const FOLLOW_FAILURES = 3;

const known = new Map<string, Known>();
const building = new Map<string, Promise<void>>();

interface FeedAnswer {
  results: { id: string }[];
  last_seq: number | string;
}

/**
 * Starts reading the database's ids in the background, unless they are kept or on their way;
 * the promise settles when they are (nobody needs to wait for it). Each of the follower's long
 * polls then waits `followWaitMs`.
 */
export function warmKnownIds(up: Upstream, followWaitMs = FOLLOW_WAIT_MS): Promise<void> {
  const pending = building.get(up.base);
  if (pending) return pending;
  if (known.has(up.base)) return Promise.resolve();
  // Not the browser request's signal: the read outlives the request that started it.
  const own = { ...up, signal: AbortSignal.timeout(BUILD_TIMEOUT_MS) };
  const build = fromFeed(own)
    .then((entry) => {
      if (!entry) return;
      keep(up.base, entry);
      void follow(up, entry, followWaitMs);
    })
    .catch((err: unknown) => console.warn(`[db-proxy] database ids not read: ${String(err)}`))
    .finally(() => building.delete(up.base));
  building.set(up.base, build);
  return build;
}

/**
 * The database's ids as last read from the feed, without asking anything (the follower keeps
 * them a moment behind it at most): an id in it is held, one outside may have come since. Null
 * while they are not read yet (the read is then started).
 */
export function heldIds(up: Upstream): ReadonlySet<string> | null {
  const entry = known.get(up.base);
  if (!entry) void warmKnownIds(up);
  return entry?.ids ?? null;
}

/**
 * The database's ids as of its feed's last sequence (one short `_changes` since the last time),
 * or null while they are not read yet (the read is then started) or too much changed since
 * (read again in the background).
 */
export async function knownIds(up: Upstream): Promise<ReadonlySet<string> | null> {
  const entry = known.get(up.base);
  if (!entry) {
    void warmKnownIds(up);
    return null;
  }
  keep(up.base, entry);
  return (await caughtUp(up, entry)) === null ? null : entry.ids;
}

/**
 * Brings `entry` up to the feed (at once, or with `waitMs` when something changes within that
 * long): the changes read, or null when the entry is no longer the one kept.
 */
async function caughtUp(up: Upstream, entry: Known, waitMs?: number): Promise<number | null> {
  const query = new URLSearchParams({
    since: seqParam(entry.seq),
    limit: String(CATCH_UP_LIMIT + 1),
    ...(waitMs === undefined ? {} : { feed: 'longpoll', timeout: String(waitMs) }),
  });
  const answer = await couchJson<FeedAnswer>(up, `_changes?${query}`);
  if (known.get(up.base) !== entry) return null;
  if (answer.results.length > CATCH_UP_LIMIT) {
    known.delete(up.base);
    void warmKnownIds(up);
    return null;
  }
  // Adding is safe in any order: two catch-ups at once leave the later sequence or re-read a bit.
  for (const row of answer.results) entry.ids.add(row.id);
  entry.seq = answer.last_seq;
  return answer.results.length;
}

/**
 * Follows the feed for as long as `entry` is the one kept (dropped: read again at the next use).
 * Only ever saves work: every use catches up from where the entry stands anyway.
 */
async function follow(up: Upstream, entry: Known, waitMs: number) {
  let failures = 0;
  while (known.get(up.base) === entry) {
    // express-pouchdb ignores a long poll's timeout: a quiet feed is ended here, not a failure.
    const signal = AbortSignal.timeout(2 * waitMs);
    let again = false;
    try {
      const read = await caughtUp({ ...up, signal }, entry, waitMs);
      if (read === null) return;
      again = read > 0;
      failures = 0;
    } catch (err) {
      again = signal.aborted;
      failures = again ? 0 : failures + 1;
      if (failures >= FOLLOW_FAILURES) {
        console.warn(`[db-proxy] database ids no longer followed: ${String(err)}`);
        if (known.get(up.base) === entry) known.delete(up.base);
        return;
      }
    }
    if (!again) await new Promise((resume) => setTimeout(resume, FOLLOW_PAUSE_MS).unref());
  }
}

async function fromFeed(up: Upstream): Promise<Known | null> {
  const answer = await couchJson<FeedAnswer>(up, `_changes?limit=${MAX_IDS + 1}`);
  if (answer.results.length > MAX_IDS) return null;
  return { seq: answer.last_seq, ids: new Set(answer.results.map((r) => r.id)) };
}

function keep(base: string, entry: Known) {
  known.delete(base);
  known.set(base, entry);
  if (known.size > MAX_DATABASES) known.delete(known.keys().next().value!);
}
