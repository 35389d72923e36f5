import { describe, expect, it } from 'vitest';
import { firstReading, type TokenReader } from './reading';

const MONDAY = '2026-11-23';
const never: TokenReader = () => null;
const reads =
  (word: string, part: 'morning' | 'evening'): TokenReader =>
  (tokens, i) =>
    tokens[i] === word ? { start: i, end: i + 1, found: { part } } : null;

describe('a table of readers', () => {
  it('gives the reading of the first reader in the table that reads something', () => {
    const table = [never, reads('soir', 'evening'), reads('soir', 'morning')];
    expect(firstReading(table, ['demain', 'soir'], 1, MONDAY)).toEqual({
      start: 1,
      end: 2,
      found: { part: 'evening' },
    });
  });

  it('gives null when no reader reads anything there', () => {
    expect(firstReading([never, reads('soir', 'evening')], ['demain'], 0, MONDAY)).toBeNull();
  });
});
