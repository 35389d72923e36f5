// Parts of the day: matin, après-midi, soir… with the words people put before them; "ce soir",
// "cet aprem", "ce midi" also say the date: today.
import type { IsoDate } from '../calendar';
import { PARTS } from '../date-words';
import type { Reading } from './reading';

/** "matin", "le matin", "du soir", "en soirée", "dans la matinée", "de l'après-midi". */
export function readDayPart(tokens: readonly string[], i: number): Reading | null {
  const part = PARTS[tokens[i]!];
  if (part === undefined) return null;
  const prev = tokens[i - 1];
  let start = i;
  if (prev === 'le' || prev === 'en' || prev === 'la' || prev === 'dans' || prev === 'du')
    start = i - 1;
  // "dans la matinée", "dans l'après-midi", "deux heures de l'après-midi".
  const before = tokens[i - 2];
  if ((prev === 'la' || prev === 'l') && (before === 'dans' || before === 'de')) start = i - 2;
  return { start, end: i + 1, found: { part } };
}

const THIS = new Set(['ce', 'cet', 'cette']);

/** "ce" before a part of the day or midi is today; the part or the time is read next. */
export function readThisPartOfDay(
  tokens: readonly string[],
  i: number,
  today: IsoDate,
): Reading | null {
  const next = tokens[i + 1] ?? '';
  if (!THIS.has(tokens[i]!) || (PARTS[next] === undefined && next !== 'midi')) return null;
  return { start: i, end: i + 1, found: { relativeDate: today } };
}
