import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatClockTime } from '../format';
import { isCalendarDate, minutesOfDay, parseClockTime } from './time';

describe('parseClockTime', () => {
  it('reads the ways people write a time', () => {
    expect(parseClockTime('8h30')).toBe('08:30');
    expect(parseClockTime('8h')).toBe('08:00');
    expect(parseClockTime('08:30')).toBe('08:30');
    expect(parseClockTime('8:30')).toBe('08:30');
    expect(parseClockTime(' 14H05 ')).toBe('14:05');
    expect(parseClockTime('0h')).toBe('00:00');
    expect(parseClockTime('23h59')).toBe('23:59');
  });

  it('refuses what is not a time of day', () => {
    for (const raw of ['', '8', '8:', '24h', '8h60', '830', 'huit heures', '8h3', '-1h']) {
      expect(parseClockTime(raw)).toBeNull();
    }
  });

  it('gives back the same time after formatting it the French way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const stored = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(parseClockTime(formatClockTime(stored))).toBe(stored);
        expect(minutesOfDay(stored)).toBe(h * 60 + m);
      }),
    );
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates and refuses impossible ones', () => {
    expect(isCalendarDate('2026-11-26')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26/11/2026')).toBe(false);
  });
});
