// What every token reader returns: the tokens it used and what they said. A reader is a small
// pure function tried at one position; extract-schedule.ts lists them and combines what they find.
import type { IsoDate } from '../calendar';
import type { DayPart, TimeHit } from '../pickup-window';

/** What a reading said. Each field is kept from the first reading that gives it. */
export interface Found {
  /** Said as a day of the calendar: "3/12", "2 décembre", "le 3", "lundi 30". */
  readonly calendarDate?: IsoDate;
  /** Said from today: demain, aujourd'hui, dans 3 jours, ce soir. */
  readonly relativeDate?: IsoDate;
  /** Said as a weekday: the next such day after today. */
  readonly weekdayDate?: IsoDate;
  readonly part?: DayPart;
  readonly time?: TimeHit;
  /** "entre 8h et 10h": minutes after midnight, first < second. */
  readonly range?: readonly [number, number];
}

/**
 * Tokens `start` to `end - 1` said `found`. A reading is tried at one index `i` with
 * `start <= i < end`: it may take a few words just before it ("le" 3/12, "vers" 9h), and the
 * next reader is tried at `end`.
 */
export interface Reading {
  readonly start: number;
  readonly end: number;
  readonly found: Found;
}

/** Reads what starts at tokens[i], looking at a few tokens around it at most (never the whole message). */
export type TokenReader = (tokens: readonly string[], i: number, today: IsoDate) => Reading | null;

/** The first reading of a table of readers at `i`, or null. */
export function firstReading(
  readers: readonly TokenReader[],
  tokens: readonly string[],
  i: number,
  today: IsoDate,
): Reading | null {
  for (const read of readers) {
    const reading = read(tokens, i, today);
    if (reading !== null) return reading;
  }
  return null;
}

/** True when `words` are the tokens from index `at` on. */
export const saysAt = (tokens: readonly string[], at: number, words: readonly string[]): boolean =>
  at >= 0 && words.every((w, k) => tokens[at + k] === w);
