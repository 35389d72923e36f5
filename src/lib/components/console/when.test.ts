import { describe, expect, it } from 'vitest';
import { readWhen } from './when';

const MONDAY = new Date('2026-11-23T10:00:00Z');

describe('reading when a caller wants to go', () => {
  it('reads a weekday and an hour as the next such day and a window around it', () => {
    expect(readWhen('jeudi 9h', MONDAY)).toEqual({
      date: '2026-11-26',
      earliest: '08:30',
      latest: '09:30',
    });
  });

  it('reads tomorrow morning, and a range between two times', () => {
    expect(readWhen('demain matin', MONDAY)).toEqual({
      date: '2026-11-24',
      earliest: '07:00',
      latest: '12:00',
    });
    expect(readWhen('26/11 entre 8h et 9h30', MONDAY)).toMatchObject({
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
  });

  it('takes the whole day for a day said without a time, and nothing from words without a day', () => {
    expect(readWhen('jeudi', MONDAY)).toEqual({
      date: '2026-11-26',
      earliest: '07:00',
      latest: '19:00',
    });
    expect(readWhen('bonjour', MONDAY)).toEqual({ date: null, earliest: null, latest: null });
  });
});
