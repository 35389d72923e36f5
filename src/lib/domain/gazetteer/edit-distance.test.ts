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

  it('agrees with the unbounded distance on near-equal long phrases, where only the band counts', () => {
    // Phrases a few edits apart, as typos are: the cells near the diagonal decide the distance.
    const letter = fc.constantFrom('a', 'b', 'e', 's', ' ');
    const edit = fc.record({ at: fc.nat(), kind: fc.nat(3), c: letter });
    fc.assert(
      fc.property(
        fc.string({ unit: letter, minLength: 1, maxLength: 60 }),
        fc.array(edit, { maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (a, edits, max) => {
          let b = a;
          for (const { at, kind, c } of edits) {
            const i = at % (b.length + 1);
            if (kind === 0) b = b.slice(0, i) + c + b.slice(i);
            else if (kind === 1) b = b.slice(0, i) + b.slice(i + 1);
            else if (kind === 2) b = b.slice(0, i) + c + b.slice(i + 1);
            else b = b.slice(0, i) + b.slice(i + 1, i + 2) + b.slice(i, i + 1) + b.slice(i + 2);
          }
          expect(boundedEditDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
          expect(boundedEditDistance(b, a, max)).toBe(Math.min(reference(b, a), max + 1));
        },
      ),
      { numRuns: 500 },
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
