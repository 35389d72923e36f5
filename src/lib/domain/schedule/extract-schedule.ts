// Finds the date and the pickup window in a tokenised French message. Pure: `today` comes in.
// Tokens are lower-case and accent-free (see sms/tokenize.ts): "demain", "9h30", "3/12",
// "apresmidi". The indexes of the tokens it used are returned so the place finder skips them.
import {
  addDays,
  isoWeekday,
  nextDayMonth,
  nextDayOfMonth,
  nextWeekday,
  type IsoDate,
} from './calendar';
import type { HhMm, TimeSettings } from './time-settings';
import { APPROXIMATE, DAY_MONTH_RE, MONTHS, PARTS, WEEKDAYS, isNumber, timeOf } from './date-words';
import { windowOf, type DayPart, type Modifier, type TimeHit } from './pickup-window';

export interface ScheduleReading {
  readonly date: IsoDate | null;
  readonly earliest: HhMm | null;
  readonly latest: HhMm | null;
  /** Indexes of the tokens that said the date or the time. */
  readonly consumed: ReadonlySet<number>;
}

export function extractSchedule(
  tokens: readonly string[],
  today: IsoDate,
  settings: TimeSettings,
): ScheduleReading {
  const consumed = new Set<number>();
  let explicitDate: IsoDate | null = null; // "3/12", "2 decembre", "le 3"
  let relativeDate: IsoDate | null = null; // demain, aujourd'hui
  let weekdayDate: IsoDate | null = null;
  let part: DayPart | null = null;
  let time: TimeHit | null = null;
  let range: [number, number] | null = null;

  const take = (...indexes: number[]): void => indexes.forEach((k) => consumed.add(k));

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // "pas demain, jeudi": a date said with a negation is not the date.
    const negated = prev === 'pas' || prev === 'sauf';
    if (
      negated &&
      (t === 'aujourdhui' || t === 'demain' || t === 'apresdemain' || WEEKDAYS[t] !== undefined)
    ) {
      take(i - 1, i);
      continue;
    }

    // Dates.
    if (t === 'aujourdhui') {
      relativeDate ??= today;
      take(i);
      continue;
    }
    if (t === 'demain') {
      if (prev === 'apres' && !consumed.has(i - 1)) {
        relativeDate ??= addDays(today, 2);
        take(i - 1, i);
      } else {
        relativeDate ??= addDays(today, 1);
        take(i);
      }
      continue;
    }
    if (t === 'apresdemain') {
      relativeDate ??= addDays(today, 2);
      take(i);
      continue;
    }
    // "dans 3 jours", "dans une semaine"
    if (t === 'dans') {
      const count = next === 'une' || next === 'un' ? 1 : Number(next);
      const unit = tokens[i + 2];
      if (
        Number.isInteger(count) &&
        count >= 1 &&
        count <= 60 &&
        (unit === 'jours' || unit === 'jour')
      ) {
        relativeDate ??= addDays(today, count);
        take(i, i + 1, i + 2);
        i += 2;
        continue;
      }
      if (
        Number.isInteger(count) &&
        count >= 1 &&
        count <= 8 &&
        (unit === 'semaine' || unit === 'semaines')
      ) {
        relativeDate ??= addDays(today, 7 * count);
        take(i, i + 1, i + 2);
        i += 2;
        continue;
      }
    }
    const weekday = WEEKDAYS[t];
    if (weekday !== undefined) {
      weekdayDate ??= nextWeekday(today, weekday);
      take(i);
      if (next === 'prochain' || next === 'prochaine') take(i + 1);
      if (prev === 'ce' || prev === 'le') take(i - 1);
      // "lundi 30": the day of the month is more precise, when it is that weekday ("lundi 9"
      // when the 9th is not a Monday is more likely an hour than a date).
      const dom = isNumber(next, 31);
      if (dom !== null && MONTHS[tokens[i + 2] ?? ''] === undefined) {
        const date = nextDayOfMonth(today, dom);
        if (date !== null && isoWeekday(date) === weekday) {
          explicitDate ??= date;
          take(i + 1);
        }
      }
      continue;
    }
    const dm = DAY_MONTH_RE.exec(t);
    if (dm) {
      const day = Number(dm[1]);
      const month = Number(dm[2]);
      const rawYear = dm[3];
      const year =
        rawYear === undefined
          ? undefined
          : rawYear.length === 2
            ? 2000 + Number(rawYear)
            : Number(rawYear);
      const date = nextDayMonth(today, day, month, year);
      if (date !== null) {
        explicitDate ??= date;
        take(i);
        if (prev === 'le' || prev === 'du') take(i - 1);
        continue;
      }
    }
    const dayNumber = isNumber(t, 31);
    if (dayNumber !== null) {
      const month = MONTHS[next ?? ''];
      if (month !== undefined) {
        const yearToken = tokens[i + 2];
        const year =
          yearToken !== undefined && /^\d{4}$/.test(yearToken) ? Number(yearToken) : undefined;
        const date = nextDayMonth(today, dayNumber, month, year);
        if (date !== null) {
          explicitDate ??= date;
          take(i, i + 1);
          if (year !== undefined) take(i + 2);
          if (prev === 'le' || prev === 'du') take(i - 1);
          continue;
        }
      }
      // "le 3" alone: the next 3rd of a month.
      if (prev === 'le' && timeOf(next) === null && !/^(personnes?|places?|km)$/.test(next ?? '')) {
        const date = nextDayOfMonth(today, dayNumber);
        if (date !== null) {
          explicitDate ??= date;
          take(i - 1, i);
          continue;
        }
      }
    }

    // Parts of the day ("ce soir" is also a date: today).
    const p = PARTS[t];
    if (p !== undefined) {
      part ??= p;
      take(i);
      if (prev === 'ce' || prev === 'cet' || prev === 'cette') {
        relativeDate ??= today;
        take(i - 1);
      } else if (prev === 'le' || prev === 'en' || prev === 'la' || prev === 'dans') {
        take(i - 1);
        if (prev === 'la' && tokens[i - 2] === 'dans') take(i - 2);
      }
      continue;
    }

    // Times.
    const minutes = timeOf(t) ?? bareHour(t, prev, next);
    if (minutes === null) continue;
    if (t === 'midi' && (prev === 'ce' || prev === 'cet')) {
      relativeDate ??= today;
      take(i - 1);
    }
    // "entre 8h et 10h", "de 9h a 10h"
    const second = tokens[i + 1] === 'et' || tokens[i + 1] === 'a' ? timeOf(tokens[i + 2]) : null;
    if ((prev === 'entre' || prev === 'de') && second !== null && second > minutes) {
      range ??= [minutes, second];
      take(i - 1, i, i + 1, i + 2);
      i += 2;
      continue;
    }
    // "9h-10h", "8h/9h": two times side by side, a few hours apart at most.
    const adjacent = timeOf(next);
    if (adjacent !== null && adjacent > minutes && adjacent - minutes <= 4 * 60 && t !== 'midi') {
      range ??= [minutes, adjacent];
      take(i, i + 1);
      if (prev === 'entre' || prev === 'de' || prev === 'a') take(i - 1);
      i += 1;
      continue;
    }
    let modifier: Modifier = 'exact';
    if (prev !== undefined && APPROXIMATE.has(prev)) {
      modifier = 'approximate';
      take(i - 1);
    } else if (prev === 'de' && (tokens[i - 2] === 'autour' || tokens[i - 2] === 'alentours')) {
      modifier = 'approximate';
      take(i - 1, i - 2);
      if (tokens[i - 3] === 'aux') take(i - 3);
    } else if (prev === 'avant') {
      modifier = 'before';
      take(i - 1);
    } else if (prev === 'apres' || prev === 'des') {
      modifier = 'after';
      take(i - 1);
    } else if (prev === 'de' && tokens[i - 2] === 'partir' && tokens[i - 3] === 'a') {
      modifier = 'after';
      take(i - 3, i - 2, i - 1);
    } else if (prev === 'a' || prev === 'pour' || prev === 'vers') {
      take(i - 1);
    }
    if (next === 'environ' || next === 'env') {
      modifier = 'approximate';
      take(i + 1);
    }
    take(i);
    time ??= { minutes, modifier, twelveHour: t !== 'midi' && minutes < 12 * 60 };
  }

  const date = explicitDate ?? relativeDate ?? weekdayDate;
  const window = windowOf(time, range, part, settings);
  return { date, earliest: window?.[0] ?? null, latest: window?.[1] ?? null, consumed };
}

/** "vers 9", "à 10": an hour without "h", only after vers/à and in waking hours. */
function bareHour(
  token: string,
  prev: string | undefined,
  next: string | undefined,
): number | null {
  if (prev !== 'vers' && prev !== 'a') return null;
  if (
    !/^\d{1,2}$/.test(token) ||
    (next !== undefined && /^[a-z]/.test(next) && !BARE_HOUR_FOLLOWERS.has(next))
  ) {
    return null;
  }
  const hour = Number(token);
  return hour >= 6 && hour <= 21 ? hour * 60 : null;
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
