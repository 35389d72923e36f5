// New documents from the forms' input: validated with the domain schemas, stamped with an id, the
// author, the instant and the readers, then checked against the stored schema (as the /db proxy
// will). Loaded by the forms only: it brings zod and libphonenumber's full metadata.
import type { Clock } from '$lib/clock';
import {
  buildPerson,
  buildRequest,
  buildTrip,
  consentDateError,
  ERASED_REFUSAL,
  isErased,
  mayWrite,
  newDocId,
  parseDoc,
  parseWith,
  personInputSchema,
  readersFor,
  requestInputSchemaAt,
  stampDoc,
  tripInputSchema,
  type AccessUser,
  type AnyDoc,
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
    private readonly clock: Clock,
    private readonly random: () => string = randomIdPart,
  ) {}

  private context(type: WritableType) {
    return {
      id: newDocId(type, this.random),
      user: this.user.name,
      now: this.clock.now(),
      readers: readersFor(type, this.user),
    };
  }

  /** `consentAt` overrides the consent instant (a consent given on an earlier day). */
  person(input: PersonInput, consentAt?: string): SaveResult<Person> {
    const late = consentAt ? consentDateError(consentAt, this.clock.now()) : null;
    if (late) return { ok: false, errors: [{ path: 'consent.at', message: late }] };
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
    const parsed = parseWith(requestInputSchemaAt(this.clock.now()), input);
    if (!parsed.ok) return parsed;
    return checked(buildRequest(parsed.doc, this.context('request')));
  }

  /**
   * A new revision of `old`: the fields typed in `fields` replace the old ones (an emptied
   * optional field disappears), `kept` carries over what the form does not show; the id, the
   * revision, the creation stamp and the readers stay, updatedAt/By become now and this user.
   * Refused, with mayWrite's reason, when the server would refuse it.
   */
  private revise<T extends AnyDoc>(old: T, fields: object, kept: object = {}): SaveResult<T> {
    const base = {
      _id: old._id,
      _rev: old._rev,
      type: old.type,
      schema: old.schema,
      createdAt: old.createdAt,
      createdBy: old.createdBy,
      readers: old.readers,
    };
    const doc = stampDoc(
      { ...base, ...kept, ...fields },
      { user: this.user.name, now: this.clock.now() },
    );
    const allowed = mayWrite(
      this.user,
      doc as unknown as Record<string, unknown>,
      old as unknown as Record<string, unknown>,
    );
    if (allowed !== true) return { ok: false, errors: [{ path: '', message: allowed }] };
    return checked(doc as unknown as T);
  }

  /**
   * Edits a person; the consent (who collected it, how, when), blocked and notes are kept. An
   * erased person is not edited (the page offers no edit; a link to the form still leads here).
   */
  editPerson(old: Person, input: Omit<PersonInput, 'consentMethod'>): SaveResult<Person> {
    if (isErased(old)) return { ok: false, errors: [{ path: '', message: ERASED_REFUSAL }] };
    const parsed = parseWith(personInputSchema, { ...input, consentMethod: old.consent.method });
    if (!parsed.ok) return parsed;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped: kept from `old`
    const { consentMethod, blocked, notes, ...fields } = parsed.doc;
    // A block is the console's (its reason, who, when): an edit of the person keeps it.
    const { blockedReason, blockedAt, blockedBy } = old;
    const block = Object.fromEntries(
      Object.entries({ blockedReason, blockedAt, blockedBy }).filter(([, v]) => v !== undefined),
    );
    return this.revise(old, fields, {
      consent: old.consent,
      blocked: old.blocked,
      notes: old.notes,
      ...block,
    });
  }

  /** Edits a regular trip; the driver and the pause stay as they are. */
  editTrip(old: Trip, input: TripInput): SaveResult<Trip> {
    const parsed = parseWith(tripInputSchema, { ...input, driverId: old.driverId });
    if (!parsed.ok) return parsed;
    return this.revise(old, { ...parsed.doc, paused: old.paused });
  }

  /** Pauses a regular trip (no driver is asked for it any more) or starts it again. */
  setPaused(old: Trip, paused: boolean): SaveResult<Trip> {
    return this.revise(old, {}, { ...old, paused });
  }

  /** Edits a request (window, note…); the passenger, return link and cancellation stay. */
  editRequest(old: RideRequest, input: RequestInput): SaveResult<RideRequest> {
    if (old.cancelledAt !== null)
      return { ok: false, errors: [{ path: '', message: 'Une demande annulée ne change plus' }] };
    const parsed = parseWith(requestInputSchemaAt(this.clock.now()), {
      ...input,
      passengerId: old.passengerId,
      returnOf: old.returnOf,
      cancelledAt: null,
    });
    if (!parsed.ok) return parsed;
    return this.revise(old, parsed.doc);
  }

  /** Cancels a request: it stays, marked with the instant of the cancellation. */
  cancelRequest(old: RideRequest): SaveResult<RideRequest> {
    if (old.cancelledAt !== null)
      return { ok: false, errors: [{ path: '', message: 'Cette demande est déjà annulée' }] };
    return this.revise(old, {}, { ...old, cancelledAt: this.clock.now().toISOString() });
  }
}
