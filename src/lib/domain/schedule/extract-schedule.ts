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
import { fromMinutes, type HhMm, type TimeSettings } from './time-settings';

export type DayPart = 'morning' | 'afternoon' | 'evening';

export interface ScheduleReading {
  readonly date: IsoDate | null;
  readonly earliest: HhMm | null;
  readonly latest: HhMm | null;
  /** Indexes of the tokens that said the date or the time. */
  readonly consumed: ReadonlySet<number>;
}

export const WEEKDAYS: Readonly<Record<string, number>> = {
  lundi: 1,
  lndi: 1,
  mardi: 2,
  mercredi: 3,
  mecredi: 3,
  mercerdi: 3,
  mercredis: 3,
  jeudi: 4,
  jeudis: 4,
  vendredi: 5,
  vendredie: 5,
  vendedi: 5,
  venredi: 5,
  samedi: 6,
  samdi: 6,
  dimanche: 7,
  dimanches: 7,
};

export const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1,
  janv: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  octobre: 10,
  oct: 10,
  novembre: 11,
  nov: 11,
  decembre: 12,
  dec: 12,
};

const PARTS: Readonly<Record<string, DayPart>> = {
  matin: 'morning',
  matinee: 'morning',
  apresmidi: 'afternoon',
  soir: 'evening',
  soiree: 'evening',
};

const APPROXIMATE = new Set(['vers', 'environ', 'alentours', 'autour', 'approximativement', 'env']);
const TIME_RE = /^(\d{1,2})(?:h(\d{2})?|:(\d{2}))$/;
const DAY_MONTH_RE = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/;

type Modifier = 'exact' | 'approximate' | 'before' | 'after';

interface TimeHit {
  readonly minutes: number;
  readonly modifier: Modifier;
  /** An hour written without "h" may be 12-hour ("soir 7h" is 19:00); "14h" is not. */
  readonly twelveHour: boolean;
}

/** The time a token says, in minutes after midnight, or null. "midi" is 12:00. */
function timeOf(token: string | undefined): number | null {
  if (token === undefined) return null;
  if (token === 'midi') return 12 * 60;
  const m = TIME_RE.exec(token);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? m[3] ?? 0);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

function isNumber(token: string | undefined, max: number): number | null {
  if (token === undefined || !/^\d{1,2}$/.test(token)) return null;
  const n = Number(token);
  return n >= 1 && n <= max ? n : null;
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
    const minutes = timeOf(t);
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

function windowOf(
  time: TimeHit | null,
  range: [number, number] | null,
  part: DayPart | null,
  settings: TimeSettings,
): [HhMm, HhMm] | null {
  if (range !== null) return [fromMinutes(range[0]), fromMinutes(range[1])];
  if (time !== null) {
    let at = time.minutes;
    // "soir 7h", "aprem 3h": people count hours on a 12-hour clock.
    if ((part === 'afternoon' || part === 'evening') && time.twelveHour && at >= 60) at += 12 * 60;
    const margin =
      time.modifier === 'approximate'
        ? settings.approximateMarginMinutes
        : settings.exactMarginMinutes;
    switch (time.modifier) {
      case 'exact':
      case 'approximate':
        return insideDay(at - margin, at + margin);
      case 'before':
        return insideDay(at - settings.openEndedMinutes, at);
      case 'after':
        return insideDay(at, at + settings.openEndedMinutes);
    }
  }
  if (part !== null) {
    const w = settings[part];
    return [w.earliest, w.latest];
  }
  return null;
}

const LAST_MINUTE = 23 * 60 + 59;

/** Clamps a window to the day and keeps it at least a quarter of an hour wide. */
function insideDay(earliest: number, latest: number): [HhMm, HhMm] {
  let lo = Math.max(0, earliest);
  let hi = Math.min(LAST_MINUTE, latest);
  if (hi - lo < 15) {
    if (lo + 15 <= LAST_MINUTE) hi = lo + 15;
    else lo = hi - 15;
  }
  return [fromMinutes(lo), fromMinutes(hi)];
}
