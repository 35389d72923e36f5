// Dates and times as French SMS write them: "jeudi 26/11", "8h05".
import { formatClockTime } from '../documents/time';
import { dateParts, isoWeekday, localDateOf, localTimeOf } from '../schedule/calendar';

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** "2026-11-26" → "jeudi 26/11". */
export function formatSmsDate(date: string): string {
  const { day, month } = dateParts(date);
  const weekday = WEEKDAYS[isoWeekday(date) - 1] ?? '';
  return `${weekday} ${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
}

/** "08:05" → "8h05", "09:00" → "9h". */
export const formatSmsTime = formatClockTime;

/** "1,20 EUR" (no € sign: it costs two characters and looks odd on old phones). */
export function formatSmsEuros(cents: number): string {
  const euros = Math.floor(cents / 100);
  return `${euros},${String(cents % 100).padStart(2, '0')} EUR`;
}

/** "+33639980101" → "06 39 98 01 01" for French numbers; others as given. */
export function formatPhoneForSms(e164: string): string {
  const fr = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return fr ? `0${fr.slice(1).join(' ')}` : e164;
}

/** "YYYY-MM-DD HH:MM" of an instant in Paris, to compare with a request's date and times. */
export function nowKey(now: Date): string {
  return `${localDateOf(now)} ${localTimeOf(now)}`;
}
