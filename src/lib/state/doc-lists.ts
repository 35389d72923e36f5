// The workspace's lists kept current from the local changes feed, a batch of changes at a time:
// applying each change alone copied and sorted a list of thousands per document, so a first
// sync of a year's documents took minutes and re-rendered the page for every one of them.

export type ById<T> = Readonly<Record<string, T>>;

/** Changes by id: the new document, or null when it left the device. */
export type Changes<T> = ReadonlyMap<string, T | null>;

export function byNewest<T extends { createdAt: string }>(a: T, b: T): number {
  return b.createdAt.localeCompare(a.createdAt);
}

export function byId<T extends { _id: string }>(docs: readonly T[]): ById<T> {
  return Object.fromEntries(docs.map((d) => [d._id, d]));
}

/** `list` with the changes applied, newest first. */
export function mergeList<T extends { _id: string; createdAt: string }>(
  list: readonly T[],
  changes: Changes<T>,
): T[] {
  const kept = list.filter((d) => !changes.has(d._id));
  for (const doc of changes.values()) if (doc) kept.push(doc);
  return kept.sort(byNewest);
}

/** `record` with the changes applied. */
export function mergeById<T>(record: ById<T>, changes: Changes<T>): ById<T> {
  const next: Record<string, T> = { ...record };
  for (const [id, doc] of changes) {
    if (doc) next[id] = doc;
    else delete next[id];
  }
  return next;
}

/** The changes to documents of one type (ids are "type:…"), or null when there are none. */
export function changesOfType<T>(changes: Changes<unknown>, type: string): Changes<T> | null {
  const kept = new Map<string, T | null>();
  for (const [id, doc] of changes)
    if (id.slice(0, id.indexOf(':')) === type) kept.set(id, doc as T | null);
  return kept.size ? kept : null;
}
