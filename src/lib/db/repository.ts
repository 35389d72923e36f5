// The PWA's documents in the local PouchDB: written here first (so nothing is lost offline),
// read back, watched; replication sends them when it can. Validation is in ./prepare, loaded only
// by the forms (it brings the schemas and the phone metadata).
import type {
  AccessUser,
  MatchDoc,
  Person,
  RideDoc,
  RideRequest,
  TaskDoc,
  Trip,
} from '$lib/domain/documents';
import type { LocalDb, StoredDoc } from './pouch';

export interface DocsByType {
  person: Person;
  trip: Trip;
  request: RideRequest;
}
export type WritableType = keyof DocsByType;

/** What the worker writes: the PWA reads matches and rides, and marks tasks done. */
export interface WorkerDocsByType {
  match: MatchDoc;
  ride: RideDoc;
  task: TaskDoc;
}
export type ReadableType = WritableType | keyof WorkerDocsByType;
type AnyByType = DocsByType & WorkerDocsByType;

export class Repository {
  constructor(
    readonly db: LocalDb,
    readonly user: AccessUser,
    /** Told the ids first, so the pending count never misses a document being written. */
    private readonly beforeWrite: (ids: readonly string[]) => Promise<void> = async () => {},
  ) {}

  /** Writes documents together (a request and its return leg; a task and the request it cancels). */
  async write(docs: readonly (Person | Trip | RideRequest | TaskDoc)[]): Promise<void> {
    await this.beforeWrite(docs.map((d) => d._id));
    const results = await this.db.bulkDocs(docs as unknown as StoredDoc[]);
    const failed = results.find((r) => 'error' in r && r.error);
    if (failed)
      throw new Error(`Could not write ${failed.id}: ${'message' in failed ? failed.message : ''}`);
  }

  async get<T extends WritableType>(type: T, id: string): Promise<DocsByType[T] | null> {
    if (!id.startsWith(`${type}:`)) return null;
    try {
      return (await this.db.get(id)) as unknown as DocsByType[T];
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  /** Every document of a type (ids start with "<type>:", so this is a key range). */
  async list<T extends ReadableType>(type: T): Promise<AnyByType[T][]> {
    const result = await this.db.allDocs({
      startkey: `${type}:`,
      endkey: `${type}:\ufff0`,
      include_docs: true,
    });
    const docs: AnyByType[T][] = [];
    for (const row of result.rows) {
      if (row.doc) docs.push(row.doc as unknown as AnyByType[T]);
    }
    return docs;
  }

  /**
   * Calls back on every change (local write or pulled from the server), and on every document
   * removed from the device (what its user may no longer read); returns a stop function.
   */
  watch(onChange: (doc: StoredDoc) => void, onRemove: (id: string) => void = () => {}): () => void {
    const feed = this.db
      .changes({ since: 'now', live: true, include_docs: true })
      .on('change', (change) => {
        if (change.deleted) onRemove(change.id);
        else if (change.doc) onChange(change.doc);
      });
    return () => feed.cancel();
  }
}
