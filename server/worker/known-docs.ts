// People and requests as the worker last saw them (read at start, then kept from the feed and
// from reads by id), so that a search and what it tells read none of them again. A document not
// seen yet is read by id. Like the trips, what the feed has not brought yet is not known: a
// coordinator's edit reaches the worker within the feed's delay (docs/cluster.md).
import type { DeletedDoc } from '../../src/lib/domain/documents';
import type { Db, StoredDoc } from '../../src/lib/server/shared/store';
import { getDoc } from '../../src/lib/server/shared/store';

const KEPT_TYPES = new Set(['person', 'request']);
/** Beyond this many documents the oldest seen are forgotten (read again by id when needed). */
const LIMIT = 100_000;

const generation = (rev: string | undefined) => (rev ? Number.parseInt(rev, 10) : 0);

export class KnownDocs {
  private readonly docs = new Map<string, StoredDoc>();

  /** Keeps a person or request unless a later revision is known; a deletion forgets it. */
  seen(doc: StoredDoc | DeletedDoc): void {
    const known = this.docs.get(doc._id);
    if ('_deleted' in doc && doc._deleted) {
      this.docs.delete(doc._id);
      return;
    }
    const stored = doc as StoredDoc;
    if (!KEPT_TYPES.has(String(stored.type))) return;
    // A feed late on a cluster may bring an older revision than one read by id.
    if (known && generation(known._rev) > generation(stored._rev)) return;
    this.docs.delete(doc._id);
    this.docs.set(doc._id, stored);
    if (this.docs.size > LIMIT) this.docs.delete(this.docs.keys().next().value!);
  }

  get<T>(id: string, type: 'person' | 'request'): T | undefined {
    const doc = this.docs.get(id);
    return doc?.type === type ? (doc as unknown as T) : undefined;
  }

  /** The document by id: as known, or read (and then known). null when there is none. */
  async read<T>(db: Db, id: string, type: 'person' | 'request'): Promise<T | null> {
    const known = this.get<T>(id, type);
    if (known) return known;
    const doc = await getDoc<T>(db, id);
    if (doc) this.seen(doc as unknown as StoredDoc);
    return doc;
  }
}
