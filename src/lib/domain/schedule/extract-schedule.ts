// Finds the date and the pickup window in a tokenised French message. Pure: `today` comes in.
// Tokens are lower-case and accent-free (see sms/tokenize.ts): "demain", "9h30", "3/12",
// "apresmidi". A table of small readers (readers/) is tried at each token; the first that reads
// something there says which tokens it used, and reading goes on after them. The indexes of the
// tokens used are returned so the place finder skips them.
import type { IsoDate } from './calendar';
import type { HhMm, TimeSettings } from './time-settings';
import { windowOf } from './pickup-window';
import { readDayAndMonthName, readDayMonth, readDayOfMonth } from './readers/numeric-dates';
import { readCountedDays, readDayWord, readNegatedDate } from './readers/day-words';
import { readDayPart, readThisPartOfDay } from './readers/day-parts';
import { firstReading, type Found, type TokenReader } from './readers/reading';
import { readTimePhrase } from './readers/time-phrases';
import { readWeekday } from './readers/weekdays';

export interface ScheduleReading {
  readonly date: IsoDate | null;
  readonly earliest: HhMm | null;
  readonly latest: HhMm | null;
  /** Indexes of the tokens that said the date or the time. */
  readonly consumed: ReadonlySet<number>;
}

/**
 * Tried in this order at each token. Each reader looks at a few tokens around one position, so
 * reading a message is linear in its length. A new phrasing is one more reader here.
 */
const SCHEDULE_READERS: readonly TokenReader[] = [
  readNegatedDate,
  readDayWord,
  readCountedDays,
  readWeekday,
  readDayMonth,
  readDayAndMonthName,
  readDayOfMonth,
  readThisPartOfDay,
  readDayPart,
  readTimePhrase,
];

export function extractSchedule(
  tokens: readonly string[],
  today: IsoDate,
  settings: TimeSettings,
): ScheduleReading {
  const consumed = new Set<number>();
  let found: Found = {};
  for (let i = 0; i < tokens.length;) {
    const reading = firstReading(SCHEDULE_READERS, tokens, i, today);
    if (reading === null) {
      i++;
      continue;
    }
    for (let k = reading.start; k < reading.end; k++) consumed.add(k);
    // The first date and the first time said win ("9h retour 17h": the return is another request).
    found = { ...reading.found, ...found };
    i = reading.end;
  }
  // A date said as a day of the calendar is the most precise, then one said from today.
  const date = found.calendarDate ?? found.relativeDate ?? found.weekdayDate ?? null;
  const window = windowOf(found.time ?? null, found.range ?? null, found.part ?? null, settings);
  return { date, earliest: window?.[0] ?? null, latest: window?.[1] ?? null, consumed };
}
