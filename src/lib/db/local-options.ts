// How the device opens its database (pouch.ts), apart so that Node tests open theirs the same way.

/**
 * A revision replaced on the device (pulled or written here) loses its body in the write itself:
 * an erased person's old data is gone once the erasure is pulled. A whole-database compact()
 * instead opened a write transaction per document it had not seen: after a coordinator's first
 * pull of a year (35,000 documents) IndexedDB was busy with it for minutes.
 */
export const LOCAL_DB_OPTIONS = { auto_compaction: true } as const;
