import { describe, expect, it } from 'vitest';
import { readDayAndMonthName, readDayMonth, readDayOfMonth } from './numeric-dates';

const MONDAY = '2026-11-23';
const words = (text: string) => text.split(' ');

describe('day/month numbers', () => {
  it('reads the next such date not in the past, today included', () => {
    expect(readDayMonth(['3/12'], 0, MONDAY)).toEqual({
      start: 0,
      end: 1,
      found: { calendarDate: '2026-12-03' },
    });
    expect(readDayMonth(['23/11'], 0, MONDAY)?.found.calendarDate).toBe(MONDAY);
    expect(readDayMonth(['20.11'], 0, MONDAY)?.found.calendarDate).toBe('2027-11-20');
    expect(readDayMonth(['29/02'], 0, MONDAY)?.found.calendarDate).toBe('2028-02-29');
  });

  it('keeps a year written in two or four digits', () => {
    expect(readDayMonth(['4/12/2027'], 0, MONDAY)?.found.calendarDate).toBe('2027-12-04');
    expect(readDayMonth(['1-1-27'], 0, MONDAY)?.found.calendarDate).toBe('2027-01-01');
  });

  it('takes "le" or "du" before it', () => {
    expect(readDayMonth(words('le 3/12'), 1, MONDAY)?.start).toBe(0);
    expect(readDayMonth(words('du 3/12'), 1, MONDAY)?.start).toBe(0);
    expect(readDayMonth(words('au 3/12'), 1, MONDAY)?.start).toBe(1);
  });

  it('reads nothing in a day that does not exist', () => {
    expect(readDayMonth(['31/11'], 0, MONDAY)).toBeNull();
    expect(readDayMonth(['29/02/2027'], 0, MONDAY)).toBeNull();
    expect(readDayMonth(['9h30'], 0, MONDAY)).toBeNull();
  });
});

describe('a day and a month name', () => {
  it('reads "2 decembre", with "le" before and a year after', () => {
    expect(readDayAndMonthName(words('2 decembre'), 0, MONDAY)).toEqual({
      start: 0,
      end: 2,
      found: { calendarDate: '2026-12-02' },
    });
    expect(readDayAndMonthName(words('le 5 janv'), 1, MONDAY)).toEqual({
      start: 0,
      end: 3,
      found: { calendarDate: '2027-01-05' },
    });
    expect(readDayAndMonthName(words('le 2 decembre 2027'), 1, MONDAY)).toEqual({
      start: 0,
      end: 4,
      found: { calendarDate: '2027-12-02' },
    });
  });

  it('reads nothing without a month name, or in a day that does not exist', () => {
    expect(readDayAndMonthName(words('2 personnes'), 0, MONDAY)).toBeNull();
    expect(readDayAndMonthName(words('31 novembre'), 0, MONDAY)).toBeNull();
    expect(readDayAndMonthName(words('32 decembre'), 0, MONDAY)).toBeNull();
  });
});

describe('"le" and a day of the month', () => {
  it('reads "le 3" as the next third of a month', () => {
    expect(readDayOfMonth(words('le 3'), 1, MONDAY)).toEqual({
      start: 0,
      end: 2,
      found: { calendarDate: '2026-12-03' },
    });
    expect(readDayOfMonth(words('le 23 a 9h'), 1, MONDAY)?.found.calendarDate).toBe(MONDAY);
  });

  it('reads nothing without "le", before a time, or before what is counted', () => {
    expect(readDayOfMonth(words('a 3'), 1, MONDAY)).toBeNull();
    expect(readDayOfMonth(words('le 3 9h'), 1, MONDAY)).toBeNull();
    expect(readDayOfMonth(words('le 3 personnes'), 1, MONDAY)).toBeNull();
    expect(readDayOfMonth(words('le 3 km'), 1, MONDAY)).toBeNull();
    expect(readDayOfMonth(words('le 32'), 1, MONDAY)).toBeNull();
  });

  it('reads nothing when a month follows: "le 31 novembre" is a day that does not exist', () => {
    expect(readDayOfMonth(words('le 31 novembre'), 1, MONDAY)).toBeNull();
  });
});
