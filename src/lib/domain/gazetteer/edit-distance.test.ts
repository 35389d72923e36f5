import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance, letterMask, maskDistanceBound, typoBudget } from './edit-distance';

/** Unbounded reference implementation (optimal string alignment). */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

describe('boundedEditDistance', () => {
  it('counts a transposition as one edit', () => {
    expect(boundedEditDistance('gramta', 'gramat', 1)).toBe(1);
    expect(boundedEditDistance('figeak', 'figeac', 1)).toBe(1);
    expect(boundedEditDistance('figeac', 'figeac', 2)).toBe(0);
  });

  it('answers max + 1 beyond the bound', () => {
    expect(boundedEditDistance('cahors', 'figeac', 2)).toBe(3);
    expect(boundedEditDistance('a', 'abcd', 1)).toBe(2);
  });

  it('agrees with the unbounded distance up to the bound, on long and short words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 40 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(boundedEditDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
      }),
    );
  });
});

describe('maskDistanceBound', () => {
  it('never exceeds the real distance, so skipping on it loses no match', () => {
    const word = fc.string({
      unit: fc.constantFrom('a', 'b', 'c', 'e', 'z', '1', '7', ' '),
      maxLength: 20,
    });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(maskDistanceBound(letterMask(a), letterMask(b))).toBeLessThanOrEqual(
          reference(a, b),
        );
      }),
    );
  });

  it('sees that "cahors" and "figeac" are far apart', () => {
    expect(maskDistanceBound(letterMask('cahors'), letterMask('figeac'))).toBeGreaterThanOrEqual(3);
  });
});

describe('typoBudget', () => {
  it('allows no typo under 4 letters, one up to 7, two beyond', () => {
    expect([3, 4, 7, 8].map(typoBudget)).toEqual([0, 1, 1, 2]);
  });
});
