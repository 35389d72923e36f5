// The PWA's documents: validated with the domain schemas, stamped, written to the local PouchDB
// first (so nothing is lost offline); replication sends them when it can.
import {
  buildPerson,
  buildRequest,
  buildTrip,
  newDocId,
  parseDoc,
  parseWith,
  personInputSchema,
  readersFor,
  requestInputSchema,
  tripInputSchema,
  type AccessUser,
  type DocError,
  type Person,
  type PersonInput,
  type RequestInput,
  type RideRequest,
  type Trip,
  type TripInput,
} from '$lib/domain/documents';
import type { LocalDb, StoredDoc } from './pouch';

export type SaveResult<T> = { ok: true; doc: T } | { ok: false; errors: readonly DocError[] };

export interface DocsByType {
  person: Person;
  trip: Trip;
  request: RideRequest;
}
export type WritableType = keyof DocsByType;

/** Random id part: 16 url-safe characters from the browser's CSPRNG. */
export function randomIdPart(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Re-checks a built document against the stored schema (the /db proxy will do the same). */
function checked<T>(doc: T): SaveResult<T> {
  const parsed = parseDoc(doc);
  return parsed.ok ? { ok: true, doc } : parsed;
}

export class Repository {
  constructor(
    readonly db: LocalDb,
    readonly user: AccessUser,
    private readonly now: () => Date = () => new Date(),
    private readonly random: () => string = randomIdPart,
    /** Told the ids first, so the pending count never misses a document being written. */
    private readonly beforeWrite: (ids: readonly string[]) => Promise<void> = async () => {},
  ) {}

  private context(type: WritableType) {
    return {
      id: newDocId(type, this.random),
      user: this.user.name,
      now: this.now(),
      readers: readersFor(type, this.user),
    };
  }

  /** `consentAt` overrides the consent instant (a consent given on an earlier day). */
  preparePerson(input: PersonInput, consentAt?: string): SaveResult<Person> {
    const parsed = parseWith(personInputSchema, input);
    if (!parsed.ok) return parsed;
    const person = buildPerson(parsed.doc, this.context('person'));
    return checked(
      consentAt ? { ...person, consent: { ...person.consent, at: consentAt } } : person,
    );
  }

  prepareTrip(input: TripInput): SaveResult<Trip> {
    const parsed = parseWith(tripInputSchema, input);
    if (!parsed.ok) return parsed;
    return checked(buildTrip(parsed.doc, this.context('trip')));
  }

  prepareRequest(input: RequestInput): SaveResult<RideRequest> {
    const parsed = parseWith(requestInputSchema, input);
    if (!parsed.ok) return parsed;
    return checked(buildRequest(parsed.doc, this.context('request')));
  }

  /** Writes new documents together (a request and its return leg). */
  async write(docs: readonly (Person | Trip | RideRequest)[]): Promise<void> {
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
  async list<T extends WritableType>(type: T): Promise<DocsByType[T][]> {
    const result = await this.db.allDocs({
      startkey: `${type}:`,
      endkey: `${type}:\ufff0`,
      include_docs: true,
    });
    const docs: DocsByType[T][] = [];
    for (const row of result.rows) {
      if (row.doc) docs.push(row.doc as unknown as DocsByType[T]);
    }
    return docs;
  }

  /** Calls back on every change (local write or pulled from the server); returns a stop function. */
  watch(onChange: (doc: StoredDoc) => void): () => void {
    const feed = this.db
      .changes({ since: 'now', live: true, include_docs: true })
      .on('change', (change) => {
        if (change.doc && !change.deleted) onChange(change.doc);
      });
    return () => feed.cancel();
  }
}
