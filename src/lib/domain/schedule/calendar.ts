// Calendar dates as "YYYY-MM-DD" strings in the territory's time zone. Only `localDateOf` deals
// with an instant (through @date-fns/tz, so daylight saving is the tz database's business); the
// rest is plain calendar arithmetic on dates, which no time zone can disturb.
import { TZDate } from '@date-fns/tz';

/** A calendar date, "2026-11-24". */
export type IsoDate = string;

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The calendar date of an instant in a time zone (Europe/Paris by default). */
export function localDateOf(now: Date, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  const zoned = new TZDate(now.getTime(), timeZone);
  return formatDate(zoned.getFullYear(), zoned.getMonth() + 1, zoned.getDate());
}

/** "HH:MM" of an instant in a time zone. */
export function localTimeOf(now: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const zoned = new TZDate(now.getTime(), timeZone);
  return `${pad(zoned.getHours())}:${pad(zoned.getMinutes())}`;
}

export function formatDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Year, month (1–12) and day of an IsoDate. */
export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { year: y ?? 0, month: m ?? 0, day: d ?? 0 };
}

function toUtc(date: IsoDate): Date {
  const { year, month, day } = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day));
}

function fromUtc(d: Date): IsoDate {
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const js = toUtc(date).getUTCDay();
  return js === 0 ? 7 : js;
}

/** True when year/month/day name a real calendar day (no 31/11, 29/02 only in leap years). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The next day with this ISO weekday strictly after `today` (1 to 7 days later). */
export function nextWeekday(today: IsoDate, weekday: number): IsoDate {
  const delta = (weekday - isoWeekday(today) + 7) % 7;
  return addDays(today, delta === 0 ? 7 : delta);
}

/**
 * The next day/month not in the past: this year's if it is today or later, else next year's.
 * An explicit year is kept as given. Null when the day does not exist.
 */
export function nextDayMonth(
  today: IsoDate,
  day: number,
  month: number,
  year?: number,
): IsoDate | null {
  if (year !== undefined)
    return isValidDate(year, month, day) ? formatDate(year, month, day) : null;
  const { year: thisYear } = dateParts(today);
  for (const y of [thisYear, thisYear + 1, thisYear + 2, thisYear + 3, thisYear + 4]) {
    if (!isValidDate(y, month, day)) continue; // 29/02 waits for a leap year
    const candidate = formatDate(y, month, day);
    if (candidate >= today) return candidate;
  }
  return null;
}

/** The next date with this day of the month, today included ("le 3" said on the 2nd is tomorrow). */
export function nextDayOfMonth(today: IsoDate, day: number): IsoDate | null {
  if (day < 1 || day > 31) return null;
  const { year, month } = dateParts(today);
  for (let i = 0; i < 14; i++) {
    const m = ((month - 1 + i) % 12) + 1;
    const y = year + Math.floor((month - 1 + i) / 12);
    if (!isValidDate(y, m, day)) continue;
    const candidate = formatDate(y, m, day);
    if (candidate >= today) return candidate;
  }
  return null;
}
