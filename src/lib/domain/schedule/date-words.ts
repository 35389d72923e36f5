// The words and token shapes French SMS use for days, months and parts of the day.
import { boundedEditDistance } from '../gazetteer/edit-distance';
import type { DayPart } from './pickup-window';

/** A table without Object's prototype: a word such as "constructor" finds nothing in it. */
export function ownOnly<T>(table: Record<string, T>): Readonly<Record<string, T>> {
  return Object.assign(Object.create(null) as Record<string, T>, table);
}

export const WEEKDAYS: Readonly<Record<string, number>> = ownOnly({
  lundi: 1,
  lndi: 1,
  mardi: 2,
  mercredi: 3,
  mecredi: 3,
  mercerdi: 3,
  mercredis: 3,
  jeudi: 4,
  jeudis: 4,
  vendredi: 5,
  vendredie: 5,
  vendedi: 5,
  venredi: 5,
  samedi: 6,
  samdi: 6,
  dimanche: 7,
  dimanches: 7,
});

/** How people shorten weekdays in an SMS ("jeu", "ven.", "merc"): every beginning of 3+ letters. */
const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const SAID_WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ...WEEKDAY_NAMES.flatMap((name, k) =>
    Array.from({ length: name.length - 3 }, (_, n) => [name.slice(0, 3 + n), k + 1] as const),
  ),
  ...Object.entries(WEEKDAYS),
]);

/** The weekday (1 = Monday) a token says: the name, a beginning of it, or the name with one typo. */
export function weekdayOf(token: string): number | null {
  const day = SAID_WEEKDAYS.get(token);
  if (day !== undefined) return day;
  if (token.length < 5 || !/^[a-z]+$/.test(token)) return null;
  const k = WEEKDAY_NAMES.findIndex(
    (name) => name[0] === token[0] && boundedEditDistance(token, name, 1) <= 1,
  );
  return k < 0 ? null : k + 1;
}

/** Days after today, for the words that say it (as sms/tokenize.ts folds them). */
export const DAYS_FROM_TODAY: Readonly<Record<string, number>> = ownOnly({
  aujourdhui: 0,
  demain: 1,
  apresdemain: 2,
});

/** Days after today a token says: the word, or "demain" with one typo ("demian", "deamin"). */
export function daysFromTodayOf(token: string): number | null {
  const days = DAYS_FROM_TODAY[token];
  if (days !== undefined) return days;
  if (token.length >= 5 && token[0] === 'd' && boundedEditDistance(token, 'demain', 1) <= 1)
    return 1;
  return null;
}

export const MONTHS: Readonly<Record<string, number>> = ownOnly({
  janvier: 1,
  janv: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  octobre: 10,
  oct: 10,
  novembre: 11,
  nov: 11,
  decembre: 12,
  dec: 12,
});

export const PARTS: Readonly<Record<string, DayPart>> = ownOnly({
  matin: 'morning',
  matinee: 'morning',
  apresmidi: 'afternoon',
  soir: 'evening',
  soiree: 'evening',
});

export const DAY_MONTH_RE = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/;

export function isNumber(token: string | undefined, max: number): number | null {
  if (token === undefined || !/^\d{1,2}$/.test(token)) return null;
  const n = Number(token);
  return n >= 1 && n <= max ? n : null;
}
