/** Clock times as people write them ("8h30", "8h", "08:30", "8:30") and as documents store them ("08:30"). */

const CLOCK = /^([01]?\d|2[0-3])\s*(?:[hH:]\s*([0-5]\d)?)$/;

/** "8h30", "8h", "08:30", "8:30", "14H05" → "08:30" / "08:00" / "14:05"; anything else → null. */
export function parseClockTime(raw: string): string | null {
  const match = CLOCK.exec(raw.trim());
  if (!match) return null;
  const [, hours = '', minutes] = match;
  // "8:" alone is not a time: the colon form needs its minutes, the "h" form does not.
  if (minutes === undefined && raw.includes(':')) return null;
  return `${hours.padStart(2, '0')}:${minutes ?? '00'}`;
}

/** Stored form: exactly "HH:MM", 00:00–23:59. */
export const STORED_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight of a stored "HH:MM" time. */
export function minutesOfDay(time: string): number {
  if (!STORED_TIME.test(time)) throw new RangeError(`Not an HH:MM time: ${time}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A real calendar date written "YYYY-MM-DD" (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}
