// Thin CouchDB helpers over nano: read or null, create-if-absent, write with _rev, and
// read-modify-write that re-reads on conflict. Everything the worker writes goes through here.
import type nano from 'nano';
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

export async function getDoc<T>(db: Db, id: string): Promise<(T & { _rev: string }) | null> {
  try {
    return (await db.get(id)) as T & { _rev: string };
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

/** Writes `doc` (with its _rev when it is an update). false on a 409: someone else wrote first. */
export async function putDoc(db: Db, doc: object): Promise<string | false> {
  try {
    const res = await db.insert(doc as nano.MaybeDocument);
    return res.rev;
  } catch (err) {
    if (statusOf(err) === 409) return false;
    throw err;
  }
}

/** Stamps a worker document (created/updated by the worker, now). */
export function stamp<T extends object>(doc: T, now: Date, readers?: readonly string[]) {
  return stampDoc(doc as T & { readers?: readonly string[] }, { user: WORKER, now, readers });
}

/** Creates the document unless one with that id exists (deterministic ids make this idempotent). */
export async function createOnce(db: Db, doc: object): Promise<boolean> {
  return (await putDoc(db, doc)) !== false;
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
): Promise<T | null> {
  for (let i = 0; i < attempts; i++) {
    const current = await getDoc<T>(db, id);
    const next = change(current);
    if (next === null) return null;
    const rev = await putDoc(db, next);
    if (rev !== false) return { ...next, _rev: rev };
  }
  throw new Error(`updateDoc ${id}: still conflicting after ${attempts} attempts`);
}
