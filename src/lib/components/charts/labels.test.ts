import { describe, expect, it } from 'vitest';
import { decimal, monthLabel, percent } from './labels';

describe('the territory labels', () => {
  it('writes numbers the French way, at the precision asked for each time', () => {
    expect(decimal(1234.56)).toBe('1\u202f234,6');
    expect(decimal(1234.56, 0)).toBe('1\u202f235');
    expect(decimal(2.5, 2)).toBe('2,5');
    expect(decimal(1234.56)).toBe('1\u202f234,6');
    expect(decimal(null)).toBe('—');
  });

  it('writes shares as rounded percents and months in short French', () => {
    expect(percent(0.625)).toBe('63 %');
    expect(percent(null)).toBe('—');
    expect(monthLabel('2026-11')).toBe('nov. 2026');
  });
});
