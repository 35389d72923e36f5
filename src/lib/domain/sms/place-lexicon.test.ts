// Typo look-ups of the place lexicon against a scan of every name, on the generated gazetteer of
// the Lot: the buckets miss no name within the typo budget, and the per-message memo changes
// neither the answer nor what is left of the allowance.
// eslint-disable-next-line no-restricted-imports -- the test (not the module) reads the generated gazetteer
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance, typoBudget } from '../gazetteer/edit-distance';
import { normalizeName } from '../gazetteer/normalize';
import type { GazetteerData } from '../gazetteer/types';
import {
  buildPlaceLexicon,
  lookupFuzzy,
  type LexiconEntry,
  type PlaceLexicon,
  type TypoAllowance,
} from './place-lexicon';

const file = new URL('../../../../data/gazetteer.json', import.meta.url);
if (!existsSync(file)) {
  throw new Error('data/gazetteer.json is missing: run `npm run gazetteer -- --departement 46`.');
}
const LOT = JSON.parse(readFileSync(file, 'utf8')) as GazetteerData;
const lot = buildPlaceLexicon(LOT);
const keys = [...lot.byKey.keys()];

/** Every key of the same word count (0: compared without spaces), by the rule closestName states. */
function scanClosest(
  lexicon: PlaceLexicon,
  phrase: string,
  words: number,
): { distance: number; entries: LexiconEntry[] } | null {
  const budget = typoBudget(phrase.replace(/ /g, '').length);
  if (budget === 0) return null;
  let best: { distance: number; entries: LexiconEntry[] } | null = null;
  for (const [key, list] of lexicon.byKey) {
    const text = words === 0 ? key.replace(/ /g, '') : key;
    if (words !== 0 && key.split(' ').length !== words) continue;
    if (text[0] !== phrase[0]) continue;
    const distance = boundedEditDistance(phrase, text, budget);
    const entry = list[0]!;
    if (distance > budget) continue;
    if (entry.commune === null && (distance > 1 || phrase.length < 6)) continue;
    if (best === null || distance < best.distance) best = { distance, entries: [entry] };
    else if (distance === best.distance) best.entries.push(entry);
  }
  return best;
}

/** The entries a full scan may answer: the closest, then the territory, then the most populated. */
function scanFuzzy(lexicon: PlaceLexicon, phrase: string): LexiconEntry[] {
  const found = scanClosest(lexicon, phrase, phrase.split(' ').length) ??
    scanClosest(lexicon, phrase.replace(/ /g, ''), 0) ?? { entries: [] };
  const rank = (e: LexiconEntry) => [e.commune === null ? 1 : 0, -e.weight] as const;
  const first = found.entries.map(rank).sort((a, b) => a[0] - b[0] || a[1] - b[1])[0];
  return found.entries.filter((e) => first && rank(e)[0] === first[0] && rank(e)[1] === first[1]);
}

const letter = fc.constantFrom(...'abcdeilmnorstu ');
/** A key of the lexicon with up to three random edits, or random letters. */
const phrase = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...keys),
      fc.array(fc.tuple(fc.nat(), fc.nat(2), letter), { maxLength: 3 }),
    )
    .map(([key, edits]) => {
      let s = key;
      for (const [at, kind, c] of edits) {
        const i = at % (s.length + 1);
        s = kind === 0 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + c + s.slice(i + kind - 1);
      }
      return normalizeName(s);
    }),
  fc.string({ unit: letter, minLength: 1, maxLength: 30 }).map(normalizeName),
);

describe('a typo look-up in the place lexicon', () => {
  it('answers what a scan of every name answers, so its buckets miss no close name', () => {
    fc.assert(
      fc.property(phrase, (p) => {
        fc.pre(p !== '');
        const got = lookupFuzzy(lot, p, { left: Infinity });
        const expected = scanFuzzy(lot, p);
        if (expected.length === 0) expect(got).toBeNull();
        else
          expect(expected.map((e) => e.commune?.insee ?? e.key)).toContain(
            got?.commune?.insee ?? got?.key,
          );
      }),
      { numRuns: 600 },
    );
  });

  it('answers a repeated phrase from its memo with the same entry and the same cost', () => {
    // A small allowance runs out midway, where the memo must not answer what the search could not.
    const phrases = fc.array(phrase, { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        phrases,
        fc.nat(600),
        fc.array(fc.nat(11), { maxLength: 40 }),
        (pool, left, order) => {
          const plain: TypoAllowance = { left };
          const memo: TypoAllowance = { left, seen: new Map() };
          for (const k of order) {
            const p = pool[k % pool.length]!;
            if (p === '') continue;
            expect(lookupFuzzy(lot, p, memo)).toBe(lookupFuzzy(lot, p, plain));
            expect(memo.left).toBe(plain.left);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
