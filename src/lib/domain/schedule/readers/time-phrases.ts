// A clock time and the words around it: a range ("entre 8h et 10h", "9h-10h") or one time with
// its qualifier ("vers 9h", "avant 9h", "à partir de 10h", "9h environ"). Any clock reader's
// time takes any of these words.
import type { Modifier } from '../pickup-window';
import { readClock, type ClockReading } from './clock-times';
import { saysAt, type Reading } from './reading';

/** Words said with a time, and what they do to it. */
interface Qualifier {
  readonly words: readonly string[];
  readonly modifier: Modifier;
}

/** Said just before the time; the first that matches wins, so longer phrases come first. */
const SAID_BEFORE: readonly Qualifier[] = [
  { words: ['aux', 'alentours', 'de'], modifier: 'approximate' },
  { words: ['aux', 'autour', 'de'], modifier: 'approximate' },
  { words: ['alentours', 'de'], modifier: 'approximate' },
  { words: ['autour', 'de'], modifier: 'approximate' },
  { words: ['a', 'partir', 'de'], modifier: 'after' },
  ...['vers', 'environ', 'alentours', 'autour', 'approximativement', 'env'].map((w) => ({
    words: [w],
    modifier: 'approximate' as const,
  })),
  { words: ['avant'], modifier: 'before' },
  { words: ['apres'], modifier: 'after' },
  { words: ['des'], modifier: 'after' },
  { words: ['a'], modifier: 'exact' },
  { words: ['pour'], modifier: 'exact' },
];

/** Said just after the time; it wins over the words before ("avant 9h environ" is approximate). */
const SAID_AFTER: readonly Qualifier[] = [
  { words: ['environ'], modifier: 'approximate' },
  { words: ['env'], modifier: 'approximate' },
];

/** "entre 8h et 10h", "de 14h à 16h": the second time must be later. */
export function readBetween(
  tokens: readonly string[],
  i: number,
  first: ClockReading,
): Reading | null {
  const opener = tokens[i - 1];
  const joiner = tokens[first.end];
  if ((opener !== 'entre' && opener !== 'de') || (joiner !== 'et' && joiner !== 'a')) return null;
  const second = readClock(tokens, first.end + 1);
  if (second === null || second.minutes <= first.minutes) return null;
  return { start: i - 1, end: second.end, found: { range: [first.minutes, second.minutes] } };
}

/** "9h-10h", "8h/9h30" (the tokenizer drops the dash): side by side, at most 4 hours apart. */
export function readSideBySide(
  tokens: readonly string[],
  i: number,
  first: ClockReading,
): Reading | null {
  if (first.inWords) return null;
  const second = readClock(tokens, first.end);
  if (second === null || second.minutes <= first.minutes) return null;
  if (second.minutes - first.minutes > 4 * 60) return null;
  const prev = tokens[i - 1];
  const start = prev === 'entre' || prev === 'de' || prev === 'a' ? i - 1 : i;
  return { start, end: second.end, found: { range: [first.minutes, second.minutes] } };
}

/** One time and its qualifiers: "à 9h" exact, "vers 9h" approximate, "avant 9h"… */
export function readQualifiedTime(
  tokens: readonly string[],
  i: number,
  clock: ClockReading,
): Reading {
  const before = SAID_BEFORE.find((q) => saysAt(tokens, i - q.words.length, q.words));
  const after = SAID_AFTER.find((q) => saysAt(tokens, clock.end, q.words));
  const modifier = after?.modifier ?? before?.modifier ?? 'exact';
  const time = { minutes: clock.minutes, modifier, twelveHour: clock.twelveHour };
  return {
    start: i - (before?.words.length ?? 0),
    end: clock.end + (after?.words.length ?? 0),
    found: { time },
  };
}

type RangeReader = (tokens: readonly string[], i: number, first: ClockReading) => Reading | null;

const RANGE_READERS: readonly RangeReader[] = [readBetween, readSideBySide];

/** A clock time at tokens[i] with what is said around it: a range first, else one time. */
export function readTimePhrase(tokens: readonly string[], i: number): Reading | null {
  const clock = readClock(tokens, i);
  if (clock === null) return null;
  for (const read of RANGE_READERS) {
    const range = read(tokens, i, clock);
    if (range !== null) return range;
  }
  return readQualifiedTime(tokens, i, clock);
}
