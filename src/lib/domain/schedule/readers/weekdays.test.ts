import { describe, expect, it } from 'vitest';
import { readWeekday } from './weekdays';

const MONDAY = '2026-11-23';
const words = (text: string) => text.split(' ');

describe('weekdays', () => {
  it('reads a weekday as the next such day, today excluded', () => {
    expect(readWeekday(['mardi'], 0, MONDAY)).toEqual({
      start: 0,
      end: 1,
      found: { weekdayDate: '2026-11-24' },
    });
    expect(readWeekday(['lundi'], 0, MONDAY)?.found.weekdayDate).toBe('2026-11-30');
    expect(readWeekday(['samdi'], 0, MONDAY)?.found.weekdayDate).toBe('2026-11-28');
  });

  it('takes "ce" or "le" before it and "prochain" after it, which add nothing', () => {
    expect(readWeekday(words('ce jeudi'), 1, MONDAY)).toEqual({
      start: 0,
      end: 2,
      found: { weekdayDate: '2026-11-26' },
    });
    expect(readWeekday(words('le jeudi prochain'), 1, MONDAY)).toEqual({
      start: 0,
      end: 3,
      found: { weekdayDate: '2026-11-26' },
    });
    expect(readWeekday(words('mardi prochaine'), 0, MONDAY)?.end).toBe(2);
  });

  it('adds the day of the month said after it when that day is this weekday', () => {
    expect(readWeekday(words('lundi 7'), 0, MONDAY)).toEqual({
      start: 0,
      end: 2,
      found: { weekdayDate: '2026-11-30', calendarDate: '2026-12-07' },
    });
  });

  it('leaves a number that is not this weekday, or is followed by a month, to other readers', () => {
    expect(readWeekday(words('lundi 9'), 0, MONDAY)).toEqual({
      start: 0,
      end: 1,
      found: { weekdayDate: '2026-11-30' },
    });
    expect(readWeekday(words('jeudi 3 decembre'), 0, MONDAY)?.end).toBe(1);
  });

  it('reads nothing in other words', () => {
    expect(readWeekday(['semaine'], 0, MONDAY)).toBeNull();
  });
});
