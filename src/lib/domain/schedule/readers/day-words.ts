// Dates said from today: aujourd'hui, demain, après-demain, dans 3 jours; and a negated one
// ("pas demain, jeudi"), which is read so that it is not the date.
import { addDays, type IsoDate } from '../calendar';
import { daysFromTodayOf } from '../date-words';
import { firstReading, type Reading, type TokenReader } from './reading';
import { readWeekday } from './weekdays';

/** aujourdhui, demain, apresdemain (tokens as sms/tokenize.ts folds them), "apres demain". */
export function readDayWord(tokens: readonly string[], i: number, today: IsoDate): Reading | null {
  const t = tokens[i]!;
  if (t === 'apres' && tokens[i + 1] === 'demain') {
    return { start: i, end: i + 2, found: { relativeDate: addDays(today, 2) } };
  }
  const days = daysFromTodayOf(t);
  if (days === null) return null;
  return { start: i, end: i + 1, found: { relativeDate: addDays(today, days) } };
}

/** "dans 3 jours" (1 to 60), "dans une semaine", "dans 2 semaines" (1 to 8). */
export function readCountedDays(
  tokens: readonly string[],
  i: number,
  today: IsoDate,
): Reading | null {
  if (tokens[i] !== 'dans') return null;
  const said = tokens[i + 1] ?? '';
  const count = said === 'un' || said === 'une' ? 1 : /^\d+$/.test(said) ? Number(said) : 0;
  const unit = tokens[i + 2];
  const days =
    (unit === 'jour' || unit === 'jours') && count >= 1 && count <= 60
      ? count
      : (unit === 'semaine' || unit === 'semaines') && count >= 1 && count <= 8
        ? 7 * count
        : null;
  if (days === null) return null;
  return { start: i, end: i + 3, found: { relativeDate: addDays(today, days) } };
}

const NEGATIONS = new Set(['pas', 'sauf']);
/** The dates a negation cancels: a day word or a weekday ("pas lundi prochain"). */
const NEGATABLE: readonly TokenReader[] = [readDayWord, readWeekday];

/** "pas demain", "sauf lundi": the date is read, and dropped. */
export function readNegatedDate(
  tokens: readonly string[],
  i: number,
  today: IsoDate,
): Reading | null {
  if (!NEGATIONS.has(tokens[i]!) || i + 1 >= tokens.length) return null;
  const negated = firstReading(NEGATABLE, tokens, i + 1, today);
  return negated === null ? null : { start: i, end: negated.end, found: {} };
}
