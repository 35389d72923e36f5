// The ids of a relay's _revs_diff that the database does not hold at all, for the _bulk_docs
// that follows: a push asks _revs_diff about a batch, then sends what is missing, and the checks
// of those documents need not read the database again for the ids just found absent (documents
// made offline, whose random ids nobody else writes in between; the ids of worker documents a
// relay may not create anyway). Each id is used once and kept a few seconds; every other id is
// read again by _bulk_docs as before.
import { isRecent } from '../../clock';

export const ABSENT_FOR_MS = 10_000;
/** Ids kept at most (the oldest dropped first): a few pushes' batches. */
const MAX_KEPT = 20_000;

/** When each id was found absent, by database, user and id. */
const foundAt = new Map<string, number>();

const keyOf = (base: string, userName: string, id: string) => `${base}\n${userName}\n${id}`;

/** Notes that the database at `base` held none of `ids` at `now`, as `userName` asked. */
export function noteAbsent(
  base: string,
  userName: string,
  ids: readonly string[],
  now: number,
): void {
  for (const id of ids) {
    const key = keyOf(base, userName, id);
    foundAt.delete(key);
    foundAt.set(key, now);
  }
  for (const key of foundAt.keys()) {
    if (foundAt.size <= MAX_KEPT) break;
    foundAt.delete(key);
  }
}

/** Those of `ids` found absent for this user within ABSENT_FOR_MS; each is forgotten. */
export function takeAbsent(
  base: string,
  userName: string,
  ids: readonly string[],
  now: number,
): Set<string> {
  const absent = new Set<string>();
  for (const id of ids) {
    const key = keyOf(base, userName, id);
    const at = foundAt.get(key);
    if (at === undefined) continue;
    foundAt.delete(key);
    if (isRecent(at, now, ABSENT_FOR_MS)) absent.add(id);
  }
  return absent;
}
