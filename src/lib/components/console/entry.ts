// A request recorded by a coordinator from a phone call or from an SMS nobody understood: the
// passenger found by phone or registered on the spot, then the request. Both checked as the
// /db proxy will; a correction takes the id the worker would have given the SMS's request.
import type { DocumentFactory } from '$lib/db/prepare';
import {
  normalizePhone,
  parseDoc,
  UNKNOWN_FIRST_NAME,
  type DocError,
  type Person,
  type RideRequest,
} from '$lib/domain/documents';
import type { When } from './when';

export interface Entry {
  readonly phone: string;
  /** The person already registered with this phone, if any. */
  readonly person: Person | null;
  /** For a new person; blank gives the worker's "Inconnu (SMS)". */
  readonly firstName: string;
  readonly fromInsee: string;
  readonly toInsee: string;
  readonly when: When;
  readonly channel: 'phone' | 'sms';
  /** The request's id, when it must be that one (a correction of an SMS). */
  readonly requestId?: string;
}

export type EntryResult =
  | { readonly ok: true; readonly docs: readonly (Person | RideRequest)[] }
  | { readonly ok: false; readonly errors: readonly DocError[] };

/** The person with this phone among `people` (the oldest, as the worker picks), or null. */
export function personWithPhone(people: readonly Person[], phone: string): Person | null {
  const e164 = normalizePhone(phone).phone;
  if (!e164) return null;
  const found = people.filter((p) => p.phone === e164);
  return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0] ?? null;
}

export function buildEntry(factory: DocumentFactory, e: Entry): EntryResult {
  const errors: DocError[] = [];
  if (!e.when.date)
    errors.push({ path: 'when', message: 'Indiquez le jour (jeudi, demain, 26/11…)' });
  if (!e.when.earliest || !e.when.latest)
    errors.push({
      path: 'when',
      message: "Indiquez l'heure (9h, vers 9h, entre 8h et 9h30, matin…)",
    });
  let person = e.person;
  const docs: (Person | RideRequest)[] = [];
  if (!person) {
    const made = factory.person({
      firstName: e.firstName.trim() || UNKNOWN_FIRST_NAME,
      phone: e.phone,
      homeInsee: e.fromInsee,
      roles: ['passenger'],
      consentMethod: e.channel === 'sms' ? 'sms' : 'phone',
    });
    if (!made.ok)
      errors.push(
        ...made.errors.map((err) =>
          err.path === 'homeInsee' ? { ...err, path: 'fromInsee' } : err,
        ),
      );
    else {
      person = made.doc;
      docs.push(made.doc);
    }
  }
  if (errors.length > 0 || !person) return { ok: false, errors };
  const made = factory.request({
    passengerId: person._id,
    fromInsee: e.fromInsee,
    toInsee: e.toInsee,
    date: e.when.date!,
    earliest: e.when.earliest!,
    latest: e.when.latest!,
    seats: 1,
    channel: e.channel,
  });
  if (!made.ok) return made;
  const request = e.requestId ? { ...made.doc, _id: e.requestId } : made.doc;
  const checked = parseDoc(request);
  if (!checked.ok) return checked;
  return { ok: true, docs: [...docs, request] };
}
