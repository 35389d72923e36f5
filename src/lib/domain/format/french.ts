// How phone numbers, amounts, dates and times are written for people, in the interface and in SMS
// alike: one formatter each. Everything here stays in the GSM 7-bit alphabet except "€", which the
// SMS templates replace by "EUR" (it costs two characters and looks odd on old phones).
import { minutesOfDay } from '../documents/time';
import { dateParts, isoWeekday } from '../schedule/calendar';

/**
 * "+33612345678" → "06 12 34 56 78", as libphonenumber formats every valid French number (checked
 * by a test) but without its metadata, so lists stay light; a number from elsewhere as stored.
 */
export function formatPhone(e164: string): string {
  const fr = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return fr ? `0${fr.slice(1).join(' ')}` : e164;
}

/** 350 → "3,50 €", 1200 → "12 €"; with unit 'EUR' (SMS) "3,50 EUR". */
export function formatEuros(cents: number, unit: '€' | 'EUR' = '€'): string {
  if (!Number.isInteger(cents) || cents < 0)
    throw new RangeError(`Not an amount in cents: ${cents}`);
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? `${euros} ${unit}` : `${euros},${String(rest).padStart(2, '0')} ${unit}`;
}

/** "08:30" → "8h30", "08:00" → "8h": how French speakers write times. */
export function formatClockTime(time: string): string {
  const minutes = minutesOfDay(time);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, '0')}`;
}

const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** "2026-11-26" → "jeudi 26/11". */
export function formatDayAndDate(date: string): string {
  const { day, month } = dateParts(date);
  const weekday = WEEKDAY_NAMES[isoWeekday(date) - 1] ?? '';
  return `${weekday} ${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
}
