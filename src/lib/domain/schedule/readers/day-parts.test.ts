import { describe, expect, it } from 'vitest';
import { readDayPart, readThisPartOfDay } from './day-parts';

const MONDAY = '2026-11-23';
const words = (text: string) => text.split(' ');

describe('parts of the day', () => {
  it('reads matin, apresmidi, soir and their variants', () => {
    expect(readDayPart(['matin'], 0)).toEqual({ start: 0, end: 1, found: { part: 'morning' } });
    expect(readDayPart(['matinee'], 0)?.found.part).toBe('morning');
    expect(readDayPart(['apresmidi'], 0)?.found.part).toBe('afternoon');
    expect(readDayPart(['soiree'], 0)?.found.part).toBe('evening');
  });

  it('takes le, en, la and "dans la" before it', () => {
    expect(readDayPart(words('le matin'), 1)?.start).toBe(0);
    expect(readDayPart(words('en soiree'), 1)?.start).toBe(0);
    expect(readDayPart(words('dans la matinee'), 2)?.start).toBe(0);
    expect(readDayPart(words('demain matin'), 1)?.start).toBe(1);
  });

  it('reads nothing in midi, which is a time', () => {
    expect(readDayPart(['midi'], 0)).toBeNull();
  });
});

describe('"ce" before a part of the day', () => {
  it('reads ce, cet and cette before a part of the day or midi as today, alone', () => {
    expect(readThisPartOfDay(words('ce soir'), 0, MONDAY)).toEqual({
      start: 0,
      end: 1,
      found: { relativeDate: MONDAY },
    });
    expect(readThisPartOfDay(words('cet apresmidi'), 0, MONDAY)).not.toBeNull();
    expect(readThisPartOfDay(words('cette matinee'), 0, MONDAY)).not.toBeNull();
    expect(readThisPartOfDay(words('ce midi'), 0, MONDAY)).not.toBeNull();
    expect(readThisPartOfDay(words('cette midi'), 0, MONDAY)).not.toBeNull();
  });

  it('reads nothing before other words', () => {
    expect(readThisPartOfDay(words('ce lundi'), 0, MONDAY)).toBeNull();
    expect(readThisPartOfDay(['ce'], 0, MONDAY)).toBeNull();
    expect(readThisPartOfDay(words('le soir'), 0, MONDAY)).toBeNull();
  });
});
