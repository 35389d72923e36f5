// Clock times: "9h", "9h30", "14:30", "midi", a bare hour after vers/à ("vers 9"), and a whole
// hour with "et demie", "et quart", "moins le quart". Each reader says where the time ends, so
// that a time said in several words fits the same ranges and qualifiers.
import { saysAt } from './reading';

export interface ClockReading {
  /** Minutes after midnight. */
  readonly minutes: number;
  /** Index after the last token of the time. */
  readonly end: number;
  /** An hour before noon may be on a 12-hour clock ("soir 7h" is 19:00); "14h" and midi are not. */
  readonly twelveHour: boolean;
  /** "midi": not the first half of "9h-10h"-style ranges. */
  readonly inWords: boolean;
}

export type ClockReader = (tokens: readonly string[], i: number) => ClockReading | null;

const HOUR_TOKEN = /^(\d{1,2})(?:h(\d{2})?|:(\d{2}))$/;

/** "9h", "9h30", "14:30", "0h00" (tokens as sms/tokenize.ts writes them). */
export function readHourToken(tokens: readonly string[], i: number): ClockReading | null {
  const m = HOUR_TOKEN.exec(tokens[i] ?? '');
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? 0);
  if (hour > 23 || minute > 59) return null;
  const minutes = hour * 60 + minute;
  return { minutes, end: i + 1, twelveHour: minutes < 12 * 60, inWords: false };
}

export function readNoon(tokens: readonly string[], i: number): ClockReading | null {
  if (tokens[i] !== 'midi') return null;
  return { minutes: 12 * 60, end: i + 1, twelveHour: false, inWords: true };
}

/** Words that may follow a bare hour without making it a count ("à 9 svp", not "à 9 personnes"). */
const BARE_HOUR_FOLLOWERS = new Set([
  'svp',
  'merci',
  'environ',
  'demain',
  'matin',
  'soir',
  'depuis',
  'de',
  'pour',
  'et',
  'du',
]);

/** "vers 9", "à 10": an hour without "h", only after vers/à and in waking hours (6 to 21). */
export function readBareHour(tokens: readonly string[], i: number): ClockReading | null {
  const prev = tokens[i - 1];
  const token = tokens[i] ?? '';
  const next = tokens[i + 1];
  if ((prev !== 'vers' && prev !== 'a') || !/^\d{1,2}$/.test(token)) return null;
  if (next !== undefined && /^[a-z]/.test(next) && !BARE_HOUR_FOLLOWERS.has(next)) return null;
  const hour = Number(token);
  if (hour < 6 || hour > 21) return null;
  return { minutes: hour * 60, end: i + 1, twelveHour: hour < 12, inWords: false };
}

const FRACTIONS: readonly { readonly words: readonly string[]; readonly minutes: number }[] = [
  { words: ['et', 'demie'], minutes: 30 },
  { words: ['et', 'demi'], minutes: 30 },
  { words: ['et', 'quart'], minutes: 15 },
  { words: ['moins', 'le', 'quart'], minutes: -15 },
  { words: ['moins', 'quart'], minutes: -15 },
];

/** "9h et demie", "midi et quart", "10h moins le quart", "à 9 et demie": only after a whole hour. */
export function readHourAndFraction(tokens: readonly string[], i: number): ClockReading | null {
  const hour = readHourToken(tokens, i) ?? readNoon(tokens, i) ?? readBareHour(tokens, i);
  if (hour === null || hour.minutes % 60 !== 0) return null;
  const fraction = FRACTIONS.find((f) => saysAt(tokens, hour.end, f.words));
  if (fraction === undefined || hour.minutes + fraction.minutes < 0) return null;
  return {
    ...hour,
    minutes: hour.minutes + fraction.minutes,
    end: hour.end + fraction.words.length,
  };
}

/** Tried in this order; a reader of a longer phrasing goes before one of its beginning. */
const CLOCK_READERS: readonly ClockReader[] = [
  readHourAndFraction,
  readHourToken,
  readNoon,
  readBareHour,
];

/** The clock time that starts at tokens[i], or null. */
export function readClock(tokens: readonly string[], i: number): ClockReading | null {
  for (const read of CLOCK_READERS) {
    const clock = read(tokens, i);
    if (clock !== null) return clock;
  }
  return null;
}
