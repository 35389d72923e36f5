import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../calendar';
import { readCountedDays, readDayWord, readNegatedDate } from './day-words';

const MONDAY = '2026-11-23';
const words = (text: string) => text.split(' ');

describe('day words', () => {
  it("reads aujourd'hui, demain and après-demain as today, today + 1 and today + 2", () => {
    expect(readDayWord(['aujourdhui'], 0, MONDAY)).toEqual({
      start: 0,
      end: 1,
      found: { relativeDate: MONDAY },
    });
    expect(readDayWord(['demain'], 0, MONDAY)?.found).toEqual({ relativeDate: '2026-11-24' });
    expect(readDayWord(['apresdemain'], 0, MONDAY)?.found).toEqual({
      relativeDate: '2026-11-25',
    });
  });

  it('reads "apres demain" left in two tokens as one date', () => {
    expect(readDayWord(words('apres demain'), 0, MONDAY)).toEqual({
      start: 0,
      end: 2,
      found: { relativeDate: '2026-11-25' },
    });
  });

  it('reads nothing in other words', () => {
    expect(readDayWord(words('apres 14h'), 0, MONDAY)).toBeNull();
    expect(readDayWord(['demainmatin'], 0, MONDAY)).toBeNull();
  });
});

describe('counted days', () => {
  it('counts days and weeks from today, over the three tokens', () => {
    expect(readCountedDays(words('dans 3 jours'), 0, MONDAY)).toEqual({
      start: 0,
      end: 3,
      found: { relativeDate: '2026-11-26' },
    });
    expect(readCountedDays(words('dans un jour'), 0, MONDAY)?.found.relativeDate).toBe(
      '2026-11-24',
    );
    expect(readCountedDays(words('dans une semaine'), 0, MONDAY)?.found.relativeDate).toBe(
      '2026-11-30',
    );
  });

  it('keeps to 60 days and 8 weeks, and to counts written in digits', () => {
    expect(readCountedDays(words('dans 60 jours'), 0, MONDAY)).not.toBeNull();
    expect(readCountedDays(words('dans 61 jours'), 0, MONDAY)).toBeNull();
    expect(readCountedDays(words('dans 8 semaines'), 0, MONDAY)).not.toBeNull();
    expect(readCountedDays(words('dans 9 semaines'), 0, MONDAY)).toBeNull();
    expect(readCountedDays(words('dans 0 jours'), 0, MONDAY)).toBeNull();
    expect(readCountedDays(words('dans 1e1 jours'), 0, MONDAY)).toBeNull();
    expect(readCountedDays(words('dans la matinee'), 0, MONDAY)).toBeNull();
    expect(readCountedDays(words('dans 3'), 0, MONDAY)).toBeNull();
  });

  it('always lands n days after today', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (n) => {
        const reading = readCountedDays(['dans', String(n), 'jours'], 0, MONDAY);
        expect(reading?.found.relativeDate).toBe(addDays(MONDAY, n));
      }),
    );
  });
});

describe('negated dates', () => {
  it('reads the date a negation cancels, and keeps nothing of it', () => {
    expect(readNegatedDate(words('pas demain'), 0, MONDAY)).toEqual({
      start: 0,
      end: 2,
      found: {},
    });
    expect(readNegatedDate(words('sauf samedi'), 0, MONDAY)).toEqual({
      start: 0,
      end: 2,
      found: {},
    });
  });

  it('covers all the words of the cancelled date', () => {
    expect(readNegatedDate(words('pas lundi prochain'), 0, MONDAY)?.end).toBe(3);
    expect(readNegatedDate(words('pas lundi 30'), 0, MONDAY)?.end).toBe(3);
  });

  it('leaves a negation before anything else alone', () => {
    expect(readNegatedDate(words('pas le 3/12'), 0, MONDAY)).toBeNull();
    expect(readNegatedDate(words('pas possible'), 0, MONDAY)).toBeNull();
    expect(readNegatedDate(['pas'], 0, MONDAY)).toBeNull();
  });
});
