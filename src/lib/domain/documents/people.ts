// What the worker needs to know of a person before writing to them or about them.
import { WORKER } from './access';
import type { Person } from './schemas';

/** Who registered a person, to call them back: a relay or coordinator, never the worker. */
export function registeredBy(person: Person): string | null {
  return person.createdBy !== WORKER ? person.createdBy : null;
}

/** SMS can reach this person. */
export const isTextable = (p: Person | null): p is Person & { phone: string } =>
  p !== null && p.phoneKind === 'mobile' && p.phone !== null;

/** First name of a person the worker created for an unknown phone, until someone completes it. */
export const UNKNOWN_FIRST_NAME = 'Inconnu (SMS)';

/** The first name said in SMS and tasks; "Quelqu’un" for an unknown sender. */
export function firstNameOf(p: Person | null): string {
  if (!p || p.firstName === UNKNOWN_FIRST_NAME) return 'Quelqu’un';
  return p.firstName.trim().split(/\s+/)[0] ?? 'Quelqu’un';
}
