import { describe, expect, it } from 'vitest';
import type { ClockReading } from './clock-times';
import { readBetween, readQualifiedTime, readSideBySide, readTimePhrase } from './time-phrases';

const words = (text: string) => text.split(' ');
/** What a reader of a time said in several words would give: the time ends at `end`. */
const longClock = (minutes: number, end: number): ClockReading => ({
  minutes,
  end,
  twelveHour: minutes < 720,
  inWords: true,
});

describe('ranges', () => {
  it('reads "entre A et B" and "de A à B" when B is later', () => {
    expect(readTimePhrase(words('entre 8h et 10h'), 1)).toEqual({
      start: 0,
      end: 4,
      found: { range: [480, 600] },
    });
    expect(readTimePhrase(words('de 14h a 16h'), 1)?.found.range).toEqual([840, 960]);
    expect(readTimePhrase(words('entre 10h et midi'), 1)?.found.range).toEqual([600, 720]);
    expect(readTimePhrase(words('de 9h a 10'), 1)?.found.range).toEqual([540, 600]);
    expect(readBetween(words('entre 10h et 8h'), 1, longClock(600, 2))).toBeNull();
    expect(readBetween(words('vers 8h et 10h'), 1, longClock(480, 2))).toBeNull();
  });

  it('looks for "et" after wherever the first time ends', () => {
    expect(readBetween(words('entre dix heures et 11h'), 1, longClock(600, 3))).toEqual({
      start: 0,
      end: 5,
      found: { range: [600, 660] },
    });
  });

  it('reads two times side by side at most four hours apart, "à" or "de" before them', () => {
    expect(readTimePhrase(words('9h 10h'), 0)).toEqual({
      start: 0,
      end: 2,
      found: { range: [540, 600] },
    });
    expect(readTimePhrase(words('a 8h 9h30'), 1)).toMatchObject({ start: 0, end: 3 });
    expect(readTimePhrase(words('9h midi'), 0)?.found.range).toEqual([540, 720]);
    expect(readTimePhrase(words('9h 14h'), 0)?.found.range).toBeUndefined();
    expect(readTimePhrase(words('10h 9h'), 0)?.found.range).toBeUndefined();
  });

  it('does not start a side-by-side range with a time said in words', () => {
    expect(readTimePhrase(words('midi 14h'), 0)?.found).toEqual({
      time: { minutes: 720, modifier: 'exact', twelveHour: false },
    });
    expect(readSideBySide(words('dix heures 11h'), 0, longClock(600, 2))).toBeNull();
  });
});

describe('qualifiers', () => {
  const modifier = (text: string, i: number) =>
    readTimePhrase(words(text), i)?.found.time?.modifier;

  it('reads the word before the time, the longest phrase first', () => {
    expect(modifier('9h', 0)).toBe('exact');
    expect(modifier('a 9h', 1)).toBe('exact');
    expect(modifier('vers 9h', 1)).toBe('approximate');
    expect(modifier('avant 9h', 1)).toBe('before');
    expect(modifier('apres 14h', 1)).toBe('after');
    expect(modifier('des 14h', 1)).toBe('after');
    expect(readTimePhrase(words('a partir de 10h'), 3)).toMatchObject({
      start: 0,
      found: { time: { modifier: 'after' } },
    });
    expect(readTimePhrase(words('aux alentours de 10h'), 3)).toMatchObject({
      start: 0,
      found: { time: { modifier: 'approximate' } },
    });
  });

  it('leaves a lone "de" before a time to the places', () => {
    expect(readTimePhrase(words('de 9h'), 1)).toMatchObject({ start: 1, end: 2 });
  });

  it('lets environ after the time win over the word before it', () => {
    expect(readTimePhrase(words('avant 9h environ'), 1)).toEqual({
      start: 0,
      end: 3,
      found: { time: { minutes: 540, modifier: 'approximate', twelveHour: true } },
    });
    expect(modifier('9h env', 0)).toBe('approximate');
  });

  it('qualifies a time said in several words the same way', () => {
    expect(readQualifiedTime(words('vers dix heures environ'), 1, longClock(600, 3))).toEqual({
      start: 0,
      end: 4,
      found: { time: { minutes: 600, modifier: 'approximate', twelveHour: true } },
    });
  });

  it('reads nothing where there is no clock time', () => {
    expect(readTimePhrase(words('vers cahors'), 1)).toBeNull();
    expect(readTimePhrase(words('a 3 personnes'), 1)).toBeNull();
  });
});
