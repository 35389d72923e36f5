// New documents from the forms' input: validated with the domain schemas, stamped with an id, the
// author, the instant and the readers, then checked against the stored schema (as the /db proxy
// will). Loaded by the forms only: it brings zod and libphonenumber's full metadata.
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
import type { WritableType } from './repository';

export type SaveResult<T> = { ok: true; doc: T } | { ok: false; errors: readonly DocError[] };

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

export class DocumentFactory {
  constructor(
    readonly user: AccessUser,
    private readonly now: () => Date = () => new Date(),
    private readonly random: () => string = randomIdPart,
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
  person(input: PersonInput, consentAt?: string): SaveResult<Person> {
    const parsed = parseWith(personInputSchema, input);
    if (!parsed.ok) return parsed;
    const person = buildPerson(parsed.doc, this.context('person'));
    return checked(
      consentAt ? { ...person, consent: { ...person.consent, at: consentAt } } : person,
    );
  }

  trip(input: TripInput): SaveResult<Trip> {
    const parsed = parseWith(tripInputSchema, input);
    if (!parsed.ok) return parsed;
    return checked(buildTrip(parsed.doc, this.context('trip')));
  }

  request(input: RequestInput): SaveResult<RideRequest> {
    const parsed = parseWith(requestInputSchema, input);
    if (!parsed.ok) return parsed;
    return checked(buildRequest(parsed.doc, this.context('request')));
  }
}
