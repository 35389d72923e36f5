// Whatever a 2,000-character SMS holds, the reader answers: no exception, and what it writes
// into a request is valid (a real date, clock times, communes of the gazetteer or null).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SMS_LENGTH } from './limits';
import { buildPlaceLexicon } from './place-lexicon';
import { parseSms, toParseLine } from './parse-sms';
import { TEST_GAZETTEER } from './test-gazetteer';

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);
const now = new Date('2026-11-23T10:15:00+01:00');
const insees = new Set(TEST_GAZETTEER.communes.map((c) => c.insee));
const names = TEST_GAZETTEER.communes.flatMap((c) => [c.name, ...c.aliases]);
// Words that name an object's own properties once read as a spelling ("constructor" threw) or a
// month (an invalid date): they are mixed in with names, dates, times, emoji and punctuation.
const PIECES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'le 3',
  '12/11',
  '9h30',
  'demain',
  'matin',
  'vingt',
  'de',
  'à',
  "l'",
  '-',
  '->',
  'st-',
  '😀',
  '🇫🇷',
  ' ',
];
const piece = fc.oneof(
  fc.constantFrom(...PIECES),
  fc.constantFrom(...names),
  // A name with one letter changed, dropped or doubled: a typo to look up.
  fc
    .tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom('', 'e', 'aa'))
    .map(([n, at, c]) => n.slice(0, at % n.length) + c + n.slice((at % n.length) + 1)),
  fc.string({ maxLength: 6 }),
);
const message = fc
  .array(fc.tuple(piece, fc.constantFrom(' ', '', '-', ', ')), { minLength: 1, maxLength: 40 })
  .map((parts) => {
    const unit = parts.map(([p, sep]) => p + sep).join('');
    return unit
      .repeat(Math.ceil(MAX_SMS_LENGTH / Math.max(1, unit.length)))
      .slice(0, MAX_SMS_LENGTH);
  });

describe('reading an adversarial SMS of 2,000 characters', () => {
  it('answers without throwing, with a real date, clock times and known communes', () => {
    fc.assert(
      fc.property(message, (text) => {
        const line = toParseLine(parseSms(text, { now, lexicon }));
        if (line.date !== null) {
          expect(line.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${line.date}T12:00:00Z`).toISOString().slice(0, 10)).toBe(line.date);
        }
        for (const time of [line.earliest, line.latest])
          if (time !== null) expect(time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        for (const insee of [line.from, line.to])
          if (insee !== null) expect(insees).toContain(insee);
      }),
      { numRuns: 150 },
    );
  });

  it('reads "constructor" as a word, neither a spelling nor a month', () => {
    expect(
      toParseLine(parseSms('de Cahors à Figeac le 3 constructor', { now, lexicon })),
    ).toMatchObject({
      from: '46042',
      to: '46102',
      date: '2026-12-03',
    });
  });
});
