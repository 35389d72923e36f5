// Dates said with numbers: "3/12", "30.11", "4/12/2027", "2 décembre", "le 1er déc 2027",
// "le 3". Without a year, the next such date not in the past (today counts).
import { nextDayMonth, nextDayOfMonth, type IsoDate } from '../calendar';
import { DAY_MONTH_RE, MONTHS, isNumber } from '../date-words';
import { readClock } from './clock-times';
import type { Reading } from './reading';

/** "le 3/12", "du 3/12": the article belongs to the date. */
const startWithArticle = (tokens: readonly string[], i: number): number =>
  tokens[i - 1] === 'le' || tokens[i - 1] === 'du' ? i - 1 : i;

/** "3/12", "30.11", "4/12/2027", "1/1/27". */
export function readDayMonth(tokens: readonly string[], i: number, today: IsoDate): Reading | null {
  const m = DAY_MONTH_RE.exec(tokens[i]!);
  if (!m) return null;
  const rawYear = m[3];
  const year =
    rawYear === undefined ? undefined : Number(rawYear) + (rawYear.length === 2 ? 2000 : 0);
  const calendarDate = nextDayMonth(today, Number(m[1]), Number(m[2]), year);
  if (calendarDate === null) return null;
  return { start: startWithArticle(tokens, i), end: i + 1, found: { calendarDate } };
}

/** "2 décembre", "le 1er déc", "le 2 décembre 2027". */
export function readDayAndMonthName(
  tokens: readonly string[],
  i: number,
  today: IsoDate,
): Reading | null {
  const day = isNumber(tokens[i], 31);
  const month = MONTHS[tokens[i + 1] ?? ''];
  if (day === null || month === undefined) return null;
  const yearToken = tokens[i + 2];
  const year = yearToken !== undefined && /^\d{4}$/.test(yearToken) ? Number(yearToken) : undefined;
  const calendarDate = nextDayMonth(today, day, month, year);
  if (calendarDate === null) return null;
  const end = year === undefined ? i + 2 : i + 3;
  return { start: startWithArticle(tokens, i), end, found: { calendarDate } };
}

/** Words after "le 3" that make it a count, not a date. */
const COUNTED = /^(personnes?|places?|km)$/;

/** "le 3" alone: the next 3rd of a month. With a month after it, it is that month or nothing. */
export function readDayOfMonth(
  tokens: readonly string[],
  i: number,
  today: IsoDate,
): Reading | null {
  const day = isNumber(tokens[i], 31);
  if (day === null || tokens[i - 1] !== 'le') return null;
  const next = tokens[i + 1] ?? '';
  if (readClock(tokens, i + 1) !== null || COUNTED.test(next) || MONTHS[next] !== undefined) {
    return null;
  }
  const calendarDate = nextDayOfMonth(today, day);
  return calendarDate === null ? null : { start: i - 1, end: i + 1, found: { calendarDate } };
}
