// The phone-call entry's "when" field: the words a caller says ("jeudi 9h", "demain matin",
// "26/11 entre 8h et 9h30") read as the SMS are, into a date and a pickup window.
import { localDateOf } from '$lib/domain/schedule/calendar';
import { extractSchedule } from '$lib/domain/schedule/extract-schedule';
import { DEFAULT_TIME_SETTINGS, type TimeSettings } from '$lib/domain/schedule/time-settings';
import { tokenizeSms } from '$lib/domain/sms/tokenize';

export interface When {
  readonly date: string | null;
  readonly earliest: string | null;
  readonly latest: string | null;
}

/** A day said without a time is the whole day, as for an SMS (worker `dayWindow`). */
const DAY = { earliest: '07:00', latest: '19:00' } as const;

export function readWhen(
  text: string,
  now: Date,
  settings: TimeSettings = DEFAULT_TIME_SETTINGS,
): When {
  const reading = extractSchedule(tokenizeSms(text), localDateOf(now), settings);
  if (reading.date !== null && reading.earliest === null) return { date: reading.date, ...DAY };
  return { date: reading.date, earliest: reading.earliest, latest: reading.latest };
}
