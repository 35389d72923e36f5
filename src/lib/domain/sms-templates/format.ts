// Dates and times as French SMS write them: "jeudi 26/11", "8h05".
import { formatClockTime } from '../documents/time';
import { dateParts, isoWeekday } from '../schedule/calendar';

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
