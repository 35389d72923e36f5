// Whether the ids of a relay's _revs_diff outside her readable set exist in the database at all,
// looked up while her device reads the missing documents, for the _bulk_docs that follows: a
// push asks _revs_diff about a batch, then sends what is missing, and the checks of those
// documents need not read the database again for the ids found absent (documents made offline,
// whose random ids nobody else writes in between; the ids of worker documents a relay may not
// create anyway). Each id's answer is used once and kept a few seconds; every other id, or one
// whose look-up failed, is read again by _bulk_docs as before.
import { isRecent } from '../../clock';

export const ABSENT_FOR_MS = 10_000;
/** Ids kept at most (the oldest dropped first): a few pushes' batches. */
const MAX_KEPT = 20_000;

interface Check {
  readonly at: number;
  /** The ids of the look-up found absent (none when it failed). */
  readonly absent: Promise<ReadonlySet<string>>;
}
const checks = new Map<string, Check>();

const keyOf = (base: string, userName: string, id: string) => `${base}\n${userName}\n${id}`;

/** Keeps what `stored` (a look-up of `ids` under way: the ids the database holds) will say. */
export function noteLookUp(
  base: string,
  userName: string,
  ids: readonly string[],
  now: number,
  stored: Promise<ReadonlyMap<string, unknown>>,
): void {
  if (ids.length === 0) return;
  const absent = stored.then(
    (found) => new Set(ids.filter((id) => !found.has(id))),
    () => new Set<string>(),
  );
  for (const id of ids) {
    const key = keyOf(base, userName, id);
    checks.delete(key);
    checks.set(key, { at: now, absent });
  }
  for (const key of checks.keys()) {
    if (checks.size <= MAX_KEPT) break;
    checks.delete(key);
  }
}

/** Those of `ids` a look-up noted within ABSENT_FOR_MS found absent; each is forgotten. */
export async function takeAbsent(
  base: string,
  userName: string,
  ids: readonly string[],
  now: number,
): Promise<Set<string>> {
  const asked: Promise<string | null>[] = [];
  for (const id of ids) {
    const key = keyOf(base, userName, id);
    const check = checks.get(key);
    if (check === undefined) continue;
    checks.delete(key);
    if (isRecent(check.at, now, ABSENT_FOR_MS))
      asked.push(check.absent.then((absent) => (absent.has(id) ? id : null)));
  }
  return new Set((await Promise.all(asked)).filter((id): id is string => id !== null));
}
