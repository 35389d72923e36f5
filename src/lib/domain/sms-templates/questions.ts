// The dialogue's questions and answers (issue 9): one short question for only what is missing,
// saying what was understood, and the acknowledgement once the request is made. GSM 7-bit only:
// é, è, à, ù are in the alphabet, ê, ç and ’ are not (questions.test.ts counts segments).
import { formatDayAndDate, formatPhone } from '../format';
import { countSegments, toGsm7 } from './segments';
import { ASK_PLACES_SMS, NOT_UNDERSTOOD_SMS, windowPhrase } from './templates';

const SIGN = 'Maillage : ';
const AGAIN = "nous n'avons pas compris. ";

/** What the dialogue asks: both places, one end, the day (and time), or the time. */
export type Question = 'places' | 'from' | 'to' | 'date-time' | 'date' | 'time';

/** What is known when a question is asked, with commune names rather than INSEE codes. */
export interface KnownSoFar {
  readonly fromName: string | null;
  readonly toName: string | null;
  readonly date: string | null;
  readonly earliest: string | null;
  readonly latest: string | null;
}

/** The longest text whose commune names, cut at `max` characters, still fit in one SMS. */
function oneSms(text: (max: number) => string): string {
  for (let max = 28; max > 8; max--) {
    const t = text(max);
    if (countSegments(t).segments === 1) return t;
  }
  return text(8);
}

const cut = (name: string | null, max: number) => toGsm7(name ?? '?').slice(0, max);
const windowOf = (k: KnownSoFar) =>
  k.earliest !== null && k.latest !== null ? ` ${windowPhrase(k.earliest, k.latest)}` : '';
const dayOf = (k: KnownSoFar) => (k.date === null ? '' : ` ${formatDayAndDate(k.date)}`);

/** The question for what is missing; `again` when the same one got no answer the first time. */
export function questionSms(question: Question, k: KnownSoFar, again: boolean): string {
  const lead = SIGN + (again ? AGAIN : '');
  const up = (s: string) => (again ? s[0]!.toUpperCase() + s.slice(1) : s);
  switch (question) {
    case 'places':
      return again ? NOT_UNDERSTOOD_SMS : ASK_PLACES_SMS;
    case 'from':
      return oneSms(
        (max) =>
          `${lead}${up('pour aller à')} ${cut(k.toName, max)}, vous partez de quelle commune ?`,
      );
    case 'to':
      return oneSms(
        (max) =>
          `${lead}${up('au départ de')} ${cut(k.fromName, max)}, vous allez dans quelle commune ?`,
      );
    case 'date-time':
      return oneSms(
        (max) =>
          `${lead}${trip(k, max)}, quel jour et à quelle heure ? Ex : jeudi 9h, demain matin`,
      );
    case 'date':
      return oneSms((max) => `${lead}${trip(k, max)}${windowOf(k)}, quel jour ? Ex : jeudi, 3/12`);
    case 'time':
      return oneSms(
        (max) => `${lead}${trip(k, max)}${dayOf(k)}, à quelle heure ? Ex : 9h, ou PEU IMPORTE`,
      );
  }
}

const trip = (k: KnownSoFar, max: number) => `${cut(k.fromName, max)} - ${cut(k.toName, max)}`;

/** An answer completed the request: what was understood, so that a mistake can be caught. */
export function requestNotedSms(k: KnownSoFar): string {
  return oneSms(
    (max) =>
      `${SIGN}c'est noté, ${trip(k, max)}${dayOf(k)}${windowOf(k)}. Nous cherchons un conducteur.`,
  );
}

/** Twice the same question without an answer: a person takes over. */
export const HANDED_OVER_SMS = `${SIGN}nous n'avons pas tout compris. Un coordinateur va vous appeler pour finir votre demande.`;

/** ANNULER while a request is being told: it is forgotten. */
export const DRAFT_DROPPED_SMS = `${SIGN}c'est noté, nous oublions cette demande. Pour un trajet, écrivez par ex : Gramat Figeac jeudi 9h`;

/** The coordinators' task when the dialogue gives up: what was understood, and the last SMS. */
export function handOverTaskText(t: {
  /** E.164. */
  readonly phone: string;
  readonly firstName: string | null;
  readonly text: string;
  readonly known: KnownSoFar;
}): string {
  const who = t.firstName === null ? '' : `, ${t.firstName}`;
  const k = t.known;
  const when = [k.date === null ? null : formatDayAndDate(k.date), windowOf(k).trim() || null]
    .filter((s) => s !== null)
    .join(' ');
  return (
    `Demande par SMS incomplète après deux questions (${formatPhone(t.phone)}${who}) : ` +
    `« ${t.text} ». Compris : ${k.fromName ?? '?'} → ${k.toName ?? '?'}, ${when || 'jour inconnu'}. ` +
    `Appeler la personne pour la compléter.`
  );
}
