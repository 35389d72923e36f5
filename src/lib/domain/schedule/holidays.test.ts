import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoWeekday } from './calendar';
import {
  addWorkingDays,
  easterSunday,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
} from './holidays';

describe('French public holidays', () => {
  it('finds Easter Sunday on the dates the almanacs give', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('lists the eleven holidays of 2026 with Easter Monday, Ascension and Whit Monday', () => {
    expect(frenchPublicHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('knows that Christmas and 14 July are holidays and an ordinary Tuesday is not', () => {
    expect(isFrenchPublicHoliday('2026-12-25')).toBe(true);
    expect(isFrenchPublicHoliday('2027-07-14')).toBe(true);
    expect(isFrenchPublicHoliday('2026-11-24')).toBe(false);
  });

  it('always puts Easter Monday and Whit Monday on a Monday and Ascension on a Thursday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const byName = new Map(frenchPublicHolidays(year).map((h) => [h.name, h.date]));
        expect(isoWeekday(byName.get('Lundi de Pâques')!)).toBe(1);
        expect(isoWeekday(byName.get('Lundi de Pentecôte')!)).toBe(1);
        expect(isoWeekday(byName.get('Ascension')!)).toBe(4);
        const easter = easterSunday(year);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
        expect(frenchPublicHolidays(year)).toHaveLength(11);
      }),
    );
  });
});

describe('addWorkingDays', () => {
  it('goes from a Friday to the Monday and Tuesday after', () => {
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-04', 2)).toBe('2026-12-08');
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-01', 1)).toBe('2026-12-02');
  });

  it('skips Christmas and New Year’s Day', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('always lands on a weekday that is no holiday, after the date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 10 }),
        (instant, days) => {
          const from = instant.toISOString().slice(0, 10);
          const day = addWorkingDays(from, days);
          expect(day > from).toBe(true);
          expect(isoWeekday(day)).toBeLessThanOrEqual(5);
          expect(isFrenchPublicHoliday(day)).toBe(false);
        },
      ),
    );
  });
});
