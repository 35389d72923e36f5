// A person's data on request (docs/personal-data.md): which documents are theirs, what in them is
// personal, and what is left once they are erased: what anonymous counts need (communes, dates,
// times, seats, states), never a name, a phone number, an address or a free text.
import type { Person } from './schemas';

/** The first name an erased person keeps: the schema and the screens need one. */
export const ERASED_FIRST_NAME = 'Personne effacée';
/** Stands for an erased phone number: +999 is no country's code, so no SMS can reach it. */
export const ERASED_PHONE = '+999000000000';
/** Stands for an erased SMS or task text (an SMS text may not be empty). */
export const ERASED_TEXT = '(effacé)';

type Doc = Readonly<Record<string, unknown>>;

/** What happens to a document when its person is erased. */
export type Erasure =
  | { readonly kind: 'keep' }
  | { readonly kind: 'write'; readonly doc: Record<string, unknown> }
  | { readonly kind: 'delete' };

export interface ErasureStamp {
  /** ISO instant of the erasure. */
  readonly at: string;
  /** Who asked for it (a coordinator's user name). */
  readonly by: string;
}

/** Free-text and identifying fields of each type, removed on erasure. */
const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  person: ['lastName', 'address', 'needs', 'notes'],
  trip: ['meetingPlace', 'returnMeetingPlace'],
  request: ['note'],
};

export const isErased = (person: Pick<Person, 'erasedAt'> | null | undefined): boolean =>
  typeof person?.erasedAt === 'string';

export const hasWithdrawnConsent = (person: Pick<Person, 'consent'> | null | undefined): boolean =>
  typeof person?.consent?.withdrawnAt === 'string';

/**
 * Left out of searches and sent nothing, as a block is: blocked by a coordinator, consent
 * withdrawn, or erased.
 */
export const isHeldBack = (
  person: Pick<Person, 'blocked' | 'consent' | 'erasedAt'> | null | undefined,
): boolean => person?.blocked === true || hasWithdrawnConsent(person) || isErased(person);

/** The values that identify a person: what must appear nowhere once they are erased. */
export function personalValues(person: Person): string[] {
  const values = [person.firstName, person.lastName, person.phone, person.address, person.needs];
  return [...values, person.notes].filter(
    (v): v is string => typeof v === 'string' && v.trim() !== '' && v !== ERASED_FIRST_NAME,
  );
}

/** Whether a document belongs to the person's data (ids, and the phone for SMS and conversations). */
export function concernsPerson(doc: Doc, personId: string, phone: string | null): boolean {
  const ids = [doc.personId, doc.passengerId, doc.driverId];
  if (doc._id === personId || ids.includes(personId)) return true;
  const proposal = (doc.state as { proposal?: { driverId?: unknown } } | undefined)?.proposal;
  if (proposal?.driverId === personId) return true;
  return phone !== null && [doc.to, doc.from, doc.phone].includes(phone);
}

function without(doc: Doc, fields: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of fields) delete copy[field];
  return copy;
}

function erasedPerson(doc: Doc, stamp: ErasureStamp): Record<string, unknown> {
  const consent = doc.consent as Record<string, unknown>;
  return {
    ...without(doc, PERSONAL_FIELDS.person!),
    firstName: ERASED_FIRST_NAME,
    phone: null,
    phoneKind: 'none',
    consent: { ...consent, withdrawnAt: consent.withdrawnAt ?? stamp.at },
    erasedAt: doc.erasedAt ?? stamp.at,
  };
}

function erasedMessage(doc: Doc): Record<string, unknown> {
  // A gateway's error may quote the number: history keeps states and times only.
  const history = Array.isArray(doc.history)
    ? doc.history.map((h) => without(h as Doc, ['error']))
    : doc.history;
  const base = { ...doc, text: ERASED_TEXT, history };
  if (doc.direction === 'in') return { ...base, from: ERASED_PHONE };
  // An SMS not yet sent never will be.
  const unsent = doc.state === 'pending' || doc.state === 'sent-to-gateway';
  return {
    ...base,
    to: ERASED_PHONE,
    error: unsent || (doc.error ?? null) !== null ? 'erased' : null,
    ...(unsent ? { state: 'failed', notBefore: null } : {}),
  };
}

/** The document as it must be once the person is erased (stamps are the caller's to add). */
export function eraseDoc(doc: Doc, stamp: ErasureStamp): Erasure {
  let next: Record<string, unknown>;
  switch (doc.type) {
    case 'person':
      next = erasedPerson(doc, stamp);
      break;
    case 'trip':
    case 'request':
      next = without(doc, PERSONAL_FIELDS[doc.type]!);
      break;
    case 'ride':
      next = { ...doc, pickupPlace: '' };
      break;
    case 'message':
      next = erasedMessage(doc);
      break;
    case 'task':
      next = { ...doc, text: ERASED_TEXT };
      break;
    case 'conversation':
      // A phone's dialogue state counts nothing: it goes, and its id is only a hash.
      return { kind: 'delete' };
    default:
      return { kind: 'keep' };
  }
  if (sameJson(next, doc)) return { kind: 'keep' };
  return { kind: 'write', doc: { ...next, updatedAt: stamp.at, updatedBy: stamp.by } };
}

/** The person with their consent withdrawn (kept as it was if already withdrawn). */
export function withdrawConsent(person: Person, stamp: ErasureStamp): Person | null {
  if (hasWithdrawnConsent(person)) return null;
  return {
    ...person,
    consent: { ...person.consent, withdrawnAt: stamp.at },
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, val]) => [k, sorted(val)]),
          )
        : v;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}
