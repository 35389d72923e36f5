// A weekday is the next such day after today ("lundi" said on a Monday is next Monday); a day of
// the month said with it ("lundi 30") is more precise when it falls on that weekday.
import { isoWeekday, nextDayOfMonth, nextWeekday, type IsoDate } from '../calendar';
import { MONTHS, isNumber, weekdayOf } from '../date-words';
import type { Reading } from './reading';

/** "lundi", "ce lundi", "le jeudi", "mardi prochain", "lundi 30". */
export function readWeekday(tokens: readonly string[], i: number, today: IsoDate): Reading | null {
  const weekday = weekdayOf(tokens[i]!);
  if (weekday === null) return null;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const start = prev === 'ce' || prev === 'le' ? i - 1 : i;
  const weekdayDate = nextWeekday(today, weekday);
  if (next === 'prochain' || next === 'prochaine') {
    return { start, end: i + 2, found: { weekdayDate } };
  }
  // "lundi 9" when the 9th is not a Monday is more likely an hour than a date; "lundi 10
  // décembre" is left to the day-and-month reader.
  const day = isNumber(next, 31);
  if (day !== null && MONTHS[tokens[i + 2] ?? ''] === undefined) {
    const calendarDate = nextDayOfMonth(today, day);
    if (calendarDate !== null && isoWeekday(calendarDate) === weekday) {
      return { start, end: i + 2, found: { weekdayDate, calendarDate } };
    }
  }
  return { start, end: i + 1, found: { weekdayDate } };
}
