// The words and token shapes French SMS use for days, months and parts of the day.
import type { DayPart } from './pickup-window';

export const WEEKDAYS: Readonly<Record<string, number>> = {
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
};

/** Days after today, for the words that say it (as sms/tokenize.ts folds them). */
export const DAYS_FROM_TODAY: Readonly<Record<string, number>> = {
  aujourdhui: 0,
  demain: 1,
  apresdemain: 2,
};

export const MONTHS: Readonly<Record<string, number>> = {
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
};

export const PARTS: Readonly<Record<string, DayPart>> = {
  matin: 'morning',
  matinee: 'morning',
  apresmidi: 'afternoon',
  soir: 'evening',
  soiree: 'evening',
};

export const DAY_MONTH_RE = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/;

export function isNumber(token: string | undefined, max: number): number | null {
  if (token === undefined || !/^\d{1,2}$/.test(token)) return null;
  const n = Number(token);
  return n >= 1 && n <= max ? n : null;
}
