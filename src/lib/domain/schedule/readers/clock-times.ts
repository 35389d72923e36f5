// Clock times: "9h", "9h30", "14:30", "midi", a bare hour after vers/à ("vers 9"), and a whole
// hour with "et demie", "et quart", "moins le quart". Each reader says where the time ends, so
// that a time said in several words fits the same ranges and qualifiers.
import { ownOnly } from '../date-words';
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

const HOUR_TOKEN = /^(\d{1,2})(?:h(\d{2})?|:(\d{2})|\.(\d{2}))$/;

/** "9h", "9h30", "14:30", "0h00", and "9.30" when it cannot be a date (tokens as tokenize.ts writes them). */
export function readHourToken(tokens: readonly string[], i: number): ClockReading | null {
  const m = HOUR_TOKEN.exec(tokens[i] ?? '');
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? m[4] ?? 0);
  if (hour > 23 || minute > 59 || (m[4] !== undefined && minute <= 12)) return null;
  const minutes = hour * 60 + minute;
  return { minutes, end: i + 1, twelveHour: minutes < 12 * 60, inWords: false };
}

export function readNoon(tokens: readonly string[], i: number): ClockReading | null {
  const t = tokens[i];
  if (t !== 'midi' && t !== 'minuit') return null;
  return { minutes: t === 'midi' ? 12 * 60 : 0, end: i + 1, twelveHour: false, inWords: true };
}

/** "neuf heures", "dix heures trente", "quatorze h 15", "deux heures" (12-hour if a part says so). */
export function readWordHour(tokens: readonly string[], i: number): ClockReading | null {
  const hour = readNumberWords(tokens, i, 23);
  if (hour === null || !HOUR_WORDS.has(tokens[hour.end] ?? '')) return null;
  let end = hour.end + 1;
  let minutes = hour.value * 60;
  const said = tokens[end] ?? '';
  const inWords = readNumberWords(tokens, end, 59);
  if (/^\d{2}$/.test(said) && Number(said) <= 59) {
    minutes += Number(said);
    end++;
  } else if (inWords !== null && MINUTE_WORDS.has(tokens[end]!)) {
    minutes += inWords.value;
    end = inWords.end;
  }
  return { minutes, end, twelveHour: hour.value < 12, inWords: true };
}

const HOUR_WORDS = new Set(['heure', 'heures', 'heur', 'heurs', 'h', 'hr', 'hrs']);
/** Numbers that start a count of minutes after an hour in words ("neuf heures trente"). */
const MINUTE_WORDS = new Set(['cinq', 'dix', 'quinze', 'vingt', 'trente', 'quarante', 'cinquante']);
const UNITS: Readonly<Record<string, number>> = ownOnly({
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
});
const TENS: Readonly<Record<string, number>> = ownOnly({
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
});

/** A number from 1 to `max` in French words over one to three tokens ("dix sept", "vingt et une"). */
export function readNumberWords(
  tokens: readonly string[],
  i: number,
  max: number,
): { value: number; end: number } | null {
  const first = tokens[i] ?? '';
  const unit = UNITS[first];
  if (unit !== undefined) return unit <= max ? { value: unit, end: i + 1 } : null;
  const tens = TENS[first];
  if (tens === undefined || tens > max) return null;
  // "dix sept", "vingt deux", "vingt et un", "trente cinq".
  const joined = tokens[i + 1] === 'et' ? 2 : 1;
  const next = UNITS[tokens[i + joined] ?? ''];
  const compound = tens === 10 ? next !== undefined && next >= 7 : tens >= 20 && next !== undefined;
  if (compound && (joined === 1 || next === 1) && tens + next! <= max)
    return { value: tens + next!, end: i + joined + 1 };
  return { value: tens, end: i + 1 };
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
  { words: ['moins', 'dix'], minutes: -10 },
  { words: ['moins', 'cinq'], minutes: -5 },
  { words: ['moins', 'vingt'], minutes: -20 },
];

/** "9h et demie", "midi et quart", "10h moins le quart", "à 9 et demie": only after a whole hour. */
export function readHourAndFraction(tokens: readonly string[], i: number): ClockReading | null {
  const hour =
    readHourToken(tokens, i) ??
    readNoon(tokens, i) ??
    readWordHour(tokens, i) ??
    readBareHour(tokens, i);
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
  readWordHour,
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
