// The place finder's work grows linearly with the message, whatever it holds: a test counts its
// look-ups (timings are for bench/sms.ts). Adversarial messages repeat what made it slow before:
// runs of dashes, "saint saint…", prefixes of many names, typos, glued articles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SMS_LENGTH } from './limits';
import { buildPlaceLexicon, type WorkCounter } from './place-lexicon';
import { parseSms } from './parse-sms';
import { TEST_GAZETTEER } from './test-gazetteer';

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);
const now = new Date('2026-11-23T10:15:00+01:00');
const FRAGMENTS = [
  '-',
  'a-',
  'saint ',
  'st-',
  'la ',
  'figeak ',
  'lacapelle ',
  'vers ',
  "l'",
  '9h ',
  'de ',
  '-> ',
  'siant cirq ',
  'labastide ',
  'x',
  ' ',
  '1/',
  '=',
  'merci ',
  'cajrac ',
  'neuf heures ',
  'dix ',
];

const stepsOf = (text: string): number => {
  const work: WorkCounter = { steps: 0 };
  parseSms(text, { now, lexicon, work });
  return work.steps;
};

describe('the work of reading an SMS', () => {
  it('grows at most linearly with its length, for any mix of adversarial fragments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }),
        (parts) => {
          const unit = parts.join('');
          const short = unit.repeat(Math.ceil(500 / unit.length)).slice(0, 500);
          const long = unit
            .repeat(Math.ceil(MAX_SMS_LENGTH / unit.length))
            .slice(0, MAX_SMS_LENGTH);
          const perChar = stepsOf(long) / long.length;
          // Twenty times longer costs at most about twenty times more (never a square).
          expect(stepsOf(long)).toBeLessThanOrEqual(22 * stepsOf(short) + 200);
          expect(perChar).toBeLessThan(10);
        },
      ),
      { numRuns: 40 },
    );
  });
});
