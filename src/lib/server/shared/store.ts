// Thin CouchDB helpers over nano: read or null, create-if-absent, write with _rev, and
// read-modify-write that re-reads on conflict. Everything the worker writes goes through here.
// On a cluster a write answered 202 Accepted may stand beside a rival revision stored on other
// nodes: it counts only once it is known to be the only revision (docs/cluster.md, "Writes").
import nano from 'nano';
import { stampDoc, WORKER } from '../../domain/documents';

// Documents are untyped JSON at this edge; callers narrow them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = nano.DocumentScope<any>;
export type StoredDoc = {
  readonly _id: string;
  readonly _rev?: string;
  readonly type?: string;
} & Record<string, unknown>;

export const statusOf = (err: unknown): number | undefined =>
  (err as { statusCode?: number } | null)?.statusCode;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isLocal = (id: string) => id.startsWith('_local/');
/** How long a reader waits for racing writers to take their losing revision back, ms. */
const SETTLE_WAITS_MS = [10, 20, 40, 80, 160];
/** Rounds of "every writer backed off, the document is put back" before giving up. */
const MAX_RESTORES = 3;

type Written = { status: 201 | 202; id: string; rev: string } | { status: 409 };

/** One write, with CouchDB's status: nano answers 201 and 202 alike, its log hook tells them apart. */
async function write(db: Db, doc: object): Promise<Written> {
  let status = 0;
  const log = (entry: unknown) => {
    const code = (entry as { headers?: { statusCode?: number } } | null)?.headers?.statusCode;
    if (code) status = code;
  };
  const probe = nano({ url: db.config.url, log } as nano.Configuration).use(db.config.db);
  const { _conflicts: _, ...body } = doc as Record<string, unknown>;
  try {
    const res = await probe.insert(body as nano.MaybeDocument);
    return { status: status === 202 ? 202 : 201, id: res.id, rev: res.rev };
  } catch (err) {
    if (statusOf(err) === 409) return { status: 409 };
    throw err;
  }
}

type Read = StoredDoc & { _rev: string; _conflicts?: string[] };

async function read(db: Db, id: string, params: object = {}): Promise<Read | null> {
  try {
    return (await db.get(id, params)) as Read;
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

/** The revisions of `id` that are not deleted: its winner first, then its conflicts. */
async function liveRevs(db: Db, id: string): Promise<string[]> {
  const doc = await read(db, id, { conflicts: true });
  return doc ? [doc._rev, ...(doc._conflicts ?? [])] : [];
}

async function removeLeaf(db: Db, id: string, rev: string): Promise<void> {
  try {
    await db.destroy(id, rev);
  } catch (err) {
    // 409: someone wrote over that revision meanwhile; it is not a leaf any more.
    if (statusOf(err) !== 409 && statusOf(err) !== 404) throw err;
  }
}

const generation = (rev: string) => Number.parseInt(rev, 10);

/**
 * A write answered 202: ours is won unless a rival stands beside it, a live revision as far on as
 * ours (a racer over the same parent) or further (a branch someone built on); then we lost, and
 * take ours back. A shorter one is another writer's loser, which it takes back itself (or the
 * conflict rule does). If every racer took its own back, the document is put back as it was.
 */
async function settleAccepted(
  db: Db,
  id: string,
  doc: object,
  rev: string,
  round: number,
): Promise<string | false> {
  const live = await liveRevs(db, id);
  if (!live.includes(rev)) return false; // someone already wrote over ours, or took it back
  const rivals = live.filter((r) => r !== rev && generation(r) >= generation(rev));
  if (rivals.length === 0) return rev;
  await removeLeaf(db, id, rev);
  if ((await liveRevs(db, id)).length === 0) await restore(db, id, doc, round);
  return false;
}

/** Every racer took its revision back: the revision they all started from comes back. */
async function restore(db: Db, id: string, doc: object, round: number): Promise<void> {
  if (round >= MAX_RESTORES) throw new Error(`${id}: every writer backed off ${round} times`);
  const parentRev = (doc as { _rev?: string })._rev;
  const parent = parentRev ? await read(db, id, { rev: parentRev }) : null;
  const { _rev: _, _conflicts: __, ...body } = (parent ?? doc) as Record<string, unknown>;
  let res: Written;
  try {
    res = await write(db, { ...body, _id: id }); // no _rev: it continues the deleted branch
  } catch (err) {
    // The embedded server refuses with 403 a create over an existing id (docs/embedded-database.md).
    if (statusOf(err) === 403 && (await liveRevs(db, id)).length > 0) return;
    throw err;
  }
  if (res.status === 202) await settleAccepted(db, id, body, res.rev, round + 1);
}

export async function getDoc<T>(db: Db, id: string): Promise<(T & { _rev: string }) | null> {
  for (let i = 0; ; i++) {
    const doc = await read(db, id, { conflicts: true });
    if (!doc) return null;
    const { _conflicts, ...settled } = doc;
    // A decision never rests on one of two rival revisions: their writers settle them in a few
    // milliseconds; one left behind (a writer killed meanwhile) is resolved by the rule.
    if (!_conflicts?.length || isLocal(id) || i > SETTLE_WAITS_MS.length) {
      return settled as unknown as T & { _rev: string };
    }
    if (i === SETTLE_WAITS_MS.length) await resolveConflicts(db, id);
    else await sleep(SETTLE_WAITS_MS[i]!);
  }
}

/**
 * Writes `doc` (with its _rev when it is an update). Its new _rev when it is won: 201, or 202 and
 * the only live revision. false when someone else wrote first (409, or 202 beside a rival).
 */
export async function putDoc(db: Db, doc: object): Promise<string | false> {
  const res = await write(db, doc);
  if (res.status === 409) return false;
  if (res.status === 201 || isLocal(res.id)) return res.rev; // _local documents have no conflicts
  return settleAccepted(db, res.id, doc, res.rev, 0);
}

/**
 * For a write that lets one worker do something once (hand an SMS to the gateway, move a match):
 * won only if the revision it was computed from is still the document's only one, and then the
 * write itself is won (putDoc). Otherwise false, and nothing of it stays.
 */
export async function claim(db: Db, doc: object): Promise<string | false> {
  const { _id: id, _rev: rev } = doc as { _id?: string; _rev?: string };
  if (!id || !rev) throw new Error('claim: an update of a stored document (_id and _rev)');
  const current = await read(db, id, { conflicts: true });
  if (!current || current._rev !== rev || current._conflicts?.length) return false;
  return putDoc(db, doc);
}

/** Stamps a worker document (created/updated by the worker, now). */
export function stamp<T extends object>(doc: T, now: Date, readers?: readonly string[]) {
  return stampDoc(doc as T & { readers?: readonly string[] }, { user: WORKER, now, readers });
}

/** Creates the document unless one with that id exists (deterministic ids make this idempotent). */
export async function createOnce(db: Db, doc: object): Promise<boolean> {
  try {
    return (await putDoc(db, doc)) !== false;
  } catch (err) {
    // The embedded server refuses with 403 a create over an existing id whose createdAt differs
    // (a change replayed later); CouchDB answers 409. Both mean it is already there.
    const id = (doc as { _id?: string })._id;
    if (statusOf(err) === 403 && id && (await read(db, id))) return false;
    throw err;
  }
}

/**
 * Read-modify-write: `change` gets the current document (or null) and returns the new one, or
 * null to write nothing. Re-reads and retries on a conflict. Returns what was written, or null.
 */
export async function updateDoc<T extends object>(
  db: Db,
  id: string,
  change: (current: (T & { _rev: string }) | null) => T | null,
  attempts = 8,
  /** The document as the caller just read it (null: absent): the first try needs no read. */
  read?: { readonly current: (T & { _rev: string }) | null },
): Promise<T | null> {
  for (let i = 0; i < attempts; i++) {
    const current = i === 0 && read ? read.current : await getDoc<T>(db, id);
    const next = change(current);
    if (next === null) return null;
    const rev = await putDoc(db, next);
    if (rev !== false) return { ...next, _rev: rev };
  }
  throw new Error(`updateDoc ${id}: still conflicting after ${attempts} attempts`);
}

const SMS_STATES = ['pending', 'sent-to-gateway', 'sent', 'delivered', 'failed'];

/**
 * How far a live revision went: an outgoing SMS by its state, then its attempts; then how many
 * revisions lead to it (the branch a won write built on), then updatedAt.
 */
function progress(doc: StoredDoc & { _rev: string }): [number, number, number, string] {
  const sms = doc.type === 'message' && doc.direction === 'out';
  const state = sms ? Math.min(SMS_STATES.indexOf(String(doc.state)), 3) : 0;
  const attempts = sms && typeof doc.attempts === 'number' ? doc.attempts : 0;
  const updatedAt = typeof doc.updatedAt === 'string' ? doc.updatedAt : '';
  return [state, attempts, generation(doc._rev), updatedAt];
}

/** The rule for a conflict left behind (docs/cluster.md, "Conflicts"): > 0 when `a` stays. */
export function compareLeaves(a: StoredDoc & { _rev: string }, b: StoredDoc & { _rev: string }) {
  const [pa, pb] = [progress(a), progress(b)];
  for (let i = 0; i < pa.length; i++) {
    if (pa[i]! < pb[i]!) return -1;
    if (pa[i]! > pb[i]!) return 1;
  }
  // Then CouchDB's own order: the greater revision id.
  return a._rev < b._rev ? -1 : a._rev > b._rev ? 1 : 0;
}

/**
 * Resolves a conflict by the rule: the revision that stays gets a new revision over it (so that
 * a writer still settling its own 202 sees it was not alone, and the document is never without a
 * live revision), then the others are deleted. Returns the revisions dropped, for the record.
 */
export async function resolveConflicts(db: Db, id: string): Promise<StoredDoc[]> {
  const dropped: StoredDoc[] = [];
  for (let round = 0; round < 4; round++) {
    const leaves = (
      (await db.get(id, { open_revs: 'all' } as never)) as unknown as {
        ok?: StoredDoc & { _rev: string; _deleted?: boolean };
      }[]
    )
      .map((l) => l.ok)
      .filter((d): d is StoredDoc & { _rev: string } => d !== undefined && !d._deleted);
    if (leaves.length <= 1) return dropped;
    const keep = leaves.reduce((a, b) => (compareLeaves(a, b) >= 0 ? a : b));
    if ((await write(db, keep)).status === 409) continue;
    for (const leaf of leaves) {
      if (leaf._rev === keep._rev) continue;
      await removeLeaf(db, id, leaf._rev);
      dropped.push(leaf);
    }
  }
  throw new Error(`${id}: conflict still there after 4 rounds`);
}
