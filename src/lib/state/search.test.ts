import { describe, expect, it } from 'vitest';
import { fullName, matchesQuery, phoneDigits } from './search';

describe('list search', () => {
  const marie = ['Marie Lacroix', 'Cardaillac'];

  it('finds a person by part of her name or her commune, whatever the accents and case', () => {
    expect(matchesQuery('marie', marie)).toBe(true);
    expect(matchesQuery('CARDAILLAC', marie)).toBe(true);
    expect(matchesQuery('mar card', marie)).toBe(true);
    expect(matchesQuery('Figeac', marie)).toBe(false);
  });

  it('finds a person by phone however the number is written', () => {
    expect(matchesQuery('05 65 40', marie, '+33565401234')).toBe(true);
    expect(matchesQuery('0565401234', marie, '+33565401234')).toBe(true);
    expect(matchesQuery('0612', marie, '+33565401234')).toBe(false);
  });

  it('matches everything on an empty query', () => {
    expect(matchesQuery('  ', marie)).toBe(true);
  });

  it('keeps the national digits of a French number', () => {
    expect(phoneDigits('+33 6 12 34 56 78')).toBe('612345678');
    expect(phoneDigits('06 12 34 56 78')).toBe('612345678');
  });

  it('writes a name with or without the last name', () => {
    expect(fullName({ firstName: 'Marie', lastName: 'Lacroix' })).toBe('Marie Lacroix');
    expect(fullName({ firstName: 'Marie' })).toBe('Marie');
  });
});
