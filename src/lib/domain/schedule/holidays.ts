// French public holidays (jours fériés légaux, Code du travail L3133-1) for mainland France.
// Alsace-Moselle's two extra days (Good Friday, 26 December) are left to a territory setting.
import { addDays, formatDate, isoWeekday, type IsoDate } from './calendar';

export interface PublicHoliday {
  readonly date: IsoDate;
  readonly name: string;
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(year, month, day);
}

/** The eleven public holidays of a year, sorted by date. */
export function frenchPublicHolidays(year: number): readonly PublicHoliday[] {
  const easter = easterSunday(year);
  const list: PublicHoliday[] = [
    { date: formatDate(year, 1, 1), name: "Jour de l'an" },
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: formatDate(year, 5, 1), name: 'Fête du Travail' },
    { date: formatDate(year, 5, 8), name: 'Victoire 1945' },
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: formatDate(year, 7, 14), name: 'Fête nationale' },
    { date: formatDate(year, 8, 15), name: 'Assomption' },
    { date: formatDate(year, 11, 1), name: 'Toussaint' },
    { date: formatDate(year, 11, 11), name: 'Armistice 1918' },
    { date: formatDate(year, 12, 25), name: 'Noël' },
  ];
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

// Matching asks this for every candidate date: one set per year, computed once.
const holidaySets = new Map<number, ReadonlySet<IsoDate>>();

/** True when the date is a French public holiday. */
export function isFrenchPublicHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidaySets.get(year);
  if (set === undefined) {
    set = new Set(frenchPublicHolidays(year).map((h) => h.date));
    holidaySets.set(year, set);
  }
  return set.has(date);
}

/** The day `days` working days after `date`: Monday to Friday, French public holidays skipped. */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  let day = date;
  for (let left = days; left > 0;) {
    day = addDays(day, 1);
    if (isoWeekday(day) <= 5 && !isFrenchPublicHoliday(day)) left -= 1;
  }
  return day;
}
