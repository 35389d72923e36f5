// Properties of the date and time reading in whole SMS: every weekday however it is shortened,
// every clock time from 5h to 22h in digits and in words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../schedule/calendar';
import { buildPlaceLexicon } from './place-lexicon';
import { parseSms, toParseLine } from './parse-sms';
import { TEST_GAZETTEER } from './test-gazetteer';

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);
const MONDAY = '2026-11-23';
const now = new Date('2026-11-23T10:15:00+01:00');
const read = (text: string) => toParseLine(parseSms(text, { now, lexicon }));
const minutes = (hhmm: string | null) =>
  hhmm === null ? NaN : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
/** The French words for 1 to 23, as people write them (with or without hyphens). */
const HOURS = [
  'une',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
  'vingt',
  'vingt et une',
  'vingt-deux',
  'vingt-trois',
];
const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);

describe('weekdays in an SMS', () => {
  it('reads every weekday, whole or shortened to three letters or more, in any case', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.nat(),
        fc.constantFrom(
          (s: string) => s,
          (s: string) => s.toUpperCase(),
          capitalised,
        ),
        fc.constantFrom('', '.'),
        (k, cut, shape, dot) => {
          const name = WEEKDAYS[k]!;
          const said = shape(name.slice(0, 3 + (cut % (name.length - 2)))) + dot;
          // The next such day strictly after Monday 23 November: 1 to 7 days later.
          expect(read(`Cajarc Figeac ${said} 9h`).date, said).toBe(
            addDays(MONDAY, k === 0 ? 7 : k),
          );
        },
      ),
    );
  });

  it('reads a weekday with one letter swapped or doubled', () => {
    for (const [k, name] of WEEKDAYS.entries()) {
      for (let at = 1; at < name.length - 1; at++) {
        const swapped = name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
        const doubled = name.slice(0, at) + name[at] + name.slice(at);
        for (const said of [swapped, doubled])
          expect(read(`Cajarc Figeac ${said} 9h`).date, said).toBe(
            addDays(MONDAY, k === 0 ? 7 : k),
          );
      }
    }
  });
});

describe('clock times in an SMS', () => {
  /** The ways to write hour:quarter×15: 9h30, 9:30, 9 h 30, neuf heures trente, et demie… */
  const cases = (hour: number, quarter: number): string[] => {
    const m = String(quarter * 15).padStart(2, '0');
    const words = `${HOURS[hour - 1]!} heures`;
    const said = [`${hour}h${quarter === 0 ? '' : m}`, `${hour}:${m}`, `${hour} h ${m}`];
    if (quarter === 0) said.push(words);
    if (quarter === 1) said.push(`${words} et quart`, `${words} quinze`);
    if (quarter === 2) said.push(`${words} et demie`, `${words} trente`);
    if (quarter === 3) said.push(`${words} quarante-cinq`, `${HOURS[hour]!} heures moins le quart`);
    return said;
  };

  it('reads every time from 5h to 22h, in digits and in words, as a window around it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 22 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (hour, quarter, upper) => {
          fc.pre(hour < 22 || quarter === 0);
          for (const said of cases(hour, quarter)) {
            const text = `Cahors Figeac demain ${upper ? said.toUpperCase() : said}`;
            const line = read(text);
            const at = hour * 60 + quarter * 15;
            expect(minutes(line.earliest), text).toBeLessThanOrEqual(at);
            expect(minutes(line.latest), text).toBeGreaterThanOrEqual(at);
            expect(minutes(line.latest) - minutes(line.earliest), text).toBeLessThanOrEqual(90);
            expect(line).toMatchObject({ from: '46042', to: '46102', date: '2026-11-24' });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads an hour in words on a 12-hour clock when the part of the day says so', () => {
    expect(read('Cahors Figeac demain deux heures de l après-midi')).toMatchObject({
      earliest: '13:30',
      latest: '14:30',
    });
    expect(read('Cahors Figeac demain huit heures du soir')).toMatchObject({
      earliest: '19:30',
      latest: '20:30',
    });
    expect(read('Cahors Figeac demain vers neuf heures du matin')).toMatchObject({
      earliest: '08:15',
      latest: '09:45',
    });
  });
});
