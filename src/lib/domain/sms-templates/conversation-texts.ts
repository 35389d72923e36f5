// What the SMS conversation writes in documents rather than in SMS: the coordinators' task for a
// message the worker will not act on, and the notes of the person and request it creates.
import { formatPhone } from '../format';

/** Why a received SMS goes to the coordinators' SMS inbox instead of being acted on. */
export type ReadSmsReason = 'blocked' | 'not-understood';

const READ_SMS_REASONS: Readonly<Record<ReadSmsReason, string>> = {
  blocked: 'SMS d’une personne bloquée',
  'not-understood': 'SMS non compris',
};

/** The `read-sms` task: why, who (phone as people write it, first name when known), what. */
export function readSmsTaskText(t: {
  readonly reason: ReadSmsReason;
  /** E.164. */
  readonly phone: string;
  readonly firstName: string | null;
  readonly text: string;
}): string {
  const who = t.firstName === null ? '' : `, ${t.firstName}`;
  return `${READ_SMS_REASONS[t.reason]} (${formatPhone(t.phone)}${who}) : « ${t.text} »`;
}

/** The note of a person the worker created for an unknown phone, until someone completes it. */
export const SMS_PERSON_NOTE = 'Créée par le serveur à la réception d’un SMS : à compléter.';

/** A request's note keeps the SMS it was understood from, within the note's 500 characters. */
export function smsRequestNote(text: string): string {
  return `SMS : ${text}`.slice(0, 500);
}
