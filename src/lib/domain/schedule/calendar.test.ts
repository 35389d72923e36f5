import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  isoWeekday,
  localDateOf,
  localTimeOf,
  nextDayMonth,
  nextDayOfMonth,
  nextWeekday,
} from './calendar';

describe('calendar dates in Europe/Paris', () => {
  it('takes the Paris date of an instant, not the UTC one, around midnight', () => {
    // 23:30 UTC on 23 November is 00:30 on the 24th in Paris (UTC+1 in winter).
    expect(localDateOf(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    // 22:30 UTC on 1 July is 00:30 on the 2nd in Paris (UTC+2 in summer).
    expect(localDateOf(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
    expect(localTimeOf(new Date('2026-07-01T22:30:00Z'))).toBe('00:30');
  });

  it('follows the switch to summer time on the last Sunday of March', () => {
    expect(localTimeOf(new Date('2026-03-29T00:30:00Z'))).toBe('01:30');
    expect(localTimeOf(new Date('2026-03-29T01:30:00Z'))).toBe('03:30');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('takes "lundi" said on a Monday as next Monday', () => {
    expect(nextWeekday('2026-11-23', 1)).toBe('2026-11-30');
    expect(nextWeekday('2026-11-23', 2)).toBe('2026-11-24');
    expect(nextWeekday('2026-11-23', 7)).toBe('2026-11-29');
  });

  it('puts a weekday strictly after today and at most seven days ahead', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20000 }),
        fc.integer({ min: 1, max: 7 }),
        (offset, weekday) => {
          const today = addDays('2000-01-01', offset);
          const next = nextWeekday(today, weekday);
          expect(isoWeekday(next)).toBe(weekday);
          expect(next > today).toBe(true);
          expect(next <= addDays(today, 7)).toBe(true);
        },
      ),
    );
  });

  it('reads a day and month as the next one not in the past', () => {
    expect(nextDayMonth('2026-11-23', 3, 12)).toBe('2026-12-03');
    expect(nextDayMonth('2026-11-23', 23, 11)).toBe('2026-11-23');
    expect(nextDayMonth('2026-11-23', 4, 1)).toBe('2027-01-04');
    expect(nextDayMonth('2026-11-23', 22, 11)).toBe('2027-11-22');
    expect(nextDayMonth('2026-11-23', 31, 11)).toBeNull();
    expect(nextDayMonth('2026-11-23', 29, 2)).toBe('2028-02-29');
  });

  it('reads "le 3" as the next third of a month', () => {
    expect(nextDayOfMonth('2026-11-23', 3)).toBe('2026-12-03');
    expect(nextDayOfMonth('2026-11-23', 25)).toBe('2026-11-25');
    expect(nextDayOfMonth('2027-01-30', 31)).toBe('2027-01-31');
    expect(nextDayOfMonth('2027-02-01', 30)).toBe('2027-03-30');
  });
});
