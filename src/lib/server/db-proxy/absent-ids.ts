// The ids of a relay's _revs_diff that the database does not hold at all, for the _bulk_docs
// that follows: a push asks _revs_diff about a batch, then sends what is missing, and the checks
// of those documents need not read the database again for the ids found absent (documents made
// offline, whose random ids nobody else writes in between; the ids of worker documents a relay
// may not create anyway). Which ids are absent is found while the device reads and sends the
// batch (the _revs_diff answer does not wait for it); _bulk_docs waits for it. Each id is used
// once and kept a few seconds; every other id is read again by _bulk_docs as before.
import { isRecent } from '../../clock';

export const ABSENT_FOR_MS = 10_000;
/** Ids kept at most (the oldest dropped first): a few pushes' batches. */
const MAX_KEPT = 20_000;

interface Noted {
  readonly at: number;
  /** Those of the noted ids the database does not hold; never rejects. */
  readonly absent: Promise<ReadonlySet<string>>;
}

/** When each id was asked about, and the answer on its way, by database, user and id. */
const noted = new Map<string, Noted>();

const keyOf = (base: string, userName: string, id: string) => `${base}\n${userName}\n${id}`;

/**
 * Notes that `userName` asked at `now` about `ids`, those the database at `base` does not hold
 * to come as `absent` (which must never reject: an id it leaves out is read again).
 */
export function noteAbsent(
  base: string,
  userName: string,
  ids: readonly string[],
  now: number,
  absent: Promise<ReadonlySet<string>>,
): void {
  const entry = { at: now, absent };
  for (const id of ids) {
    const key = keyOf(base, userName, id);
    noted.delete(key);
    noted.set(key, entry);
  }
  for (const key of noted.keys()) {
    if (noted.size <= MAX_KEPT) break;
    noted.delete(key);
  }
}

/** Those of `ids` found absent for this user within ABSENT_FOR_MS; each is forgotten. */
export async function takeAbsent(
  base: string,
  userName: string,
  ids: readonly string[],
  now: number,
): Promise<Set<string>> {
  const pending = new Map<Noted, string[]>();
  for (const id of ids) {
    const key = keyOf(base, userName, id);
    const entry = noted.get(key);
    if (entry === undefined) continue;
    noted.delete(key);
    if (!isRecent(entry.at, now, ABSENT_FOR_MS)) continue;
    const some = pending.get(entry);
    if (some) some.push(id);
    else pending.set(entry, [id]);
  }
  const absent = new Set<string>();
  for (const [entry, some] of pending) {
    const found = await entry.absent;
    for (const id of some) if (found.has(id)) absent.add(id);
  }
  return absent;
}
