import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../documents/phone';
import { formatClockTime, formatDayAndDate, formatEuros, formatPhone } from './french';

describe('French formats', () => {
  it('writes amounts the French way, with "EUR" for SMS (no € in the GSM alphabet)', () => {
    expect(formatEuros(350)).toBe('3,50 €');
    expect(formatEuros(5)).toBe('0,05 €');
    expect(formatEuros(1200)).toBe('12 €');
    expect(formatEuros(120, 'EUR')).toBe('1,20 EUR');
    expect(formatEuros(0, 'EUR')).toBe('0 EUR');
    expect(() => formatEuros(-1)).toThrow(RangeError);
    expect(() => formatEuros(1.5, 'EUR')).toThrow(RangeError);
  });

  it('writes whole hours without minutes', () => {
    expect(formatClockTime('08:00')).toBe('8h');
    expect(formatClockTime('08:05')).toBe('8h05');
    expect(formatClockTime('17:30')).toBe('17h30');
  });

  it('names the weekday of a date', () => {
    expect(formatDayAndDate('2026-11-26')).toBe('jeudi 26/11');
    expect(formatDayAndDate('2026-11-29')).toBe('dimanche 29/11');
  });

  it('shows every valid French number as libphonenumber formats it', () => {
    const nationalNumber = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 99_999_999 }))
      .map(([first, rest]) => `0${first}${String(rest).padStart(8, '0')}`);
    fc.assert(
      fc.property(nationalNumber, (typed) => {
        const { phone } = normalizePhone(typed);
        if (phone)
          expect(formatPhone(phone)).toBe(parsePhoneNumberFromString(phone)!.formatNational());
      }),
      { numRuns: 2000 },
    );
  });

  it('shows a number from elsewhere as stored', () => {
    expect(formatPhone('+442079460958')).toBe('+442079460958');
  });
});
