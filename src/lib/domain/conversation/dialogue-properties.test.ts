import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments } from '../sms-templates';
import { dialogue, INSEE } from './test-facts';

const PLACES = [
  ['Cahors', INSEE.cahors],
  ['Cajarc', INSEE.cajarc],
  ['Figeac', INSEE.figeac],
  ['Gramat', INSEE.gramat],
  ['Payrac', INSEE.payrac],
  ['Souillac', INSEE.souillac],
] as const;
const DAYS = [
  ['mardi', '2026-11-24'],
  ['jeu', '2026-11-26'],
  ['demain', '2026-11-24'],
  ['vendredi 27/11', '2026-11-27'],
  ['le 3/12', '2026-12-03'],
] as const;
const TIMES = [
  ['9h', '08:30', '09:30'],
  ['a 14h30', '14:00', '15:00'],
  ['vers 10h', '09:15', '10:45'],
  ['le matin', '07:00', '12:00'],
  ['peu importe l heure', '07:00', '19:00'],
] as const;

const trip = fc
  .tuple(
    fc.constantFrom(...PLACES),
    fc.constantFrom(...PLACES),
    fc.constantFrom(...DAYS),
    fc.constantFrom(...TIMES),
  )
  .filter(([from, to]) => from[1] !== to[1]);

describe('a request told in pieces', () => {
  it('is the same request whatever the order of the pieces, with one question after each but the last', () => {
    fc.assert(
      fc.property(
        trip,
        fc.func(fc.integer()),
        fc.boolean(),
        ([from, to, day, time], order, together) => {
          const pieces = together
            ? [`${from[0]} ${to[0]}`, day[0], time[0]]
            : [`de ${from[0]}`, `pour ${to[0]}`, day[0], time[0]];
          const shuffled = pieces
            .map((p, i) => ({ p, k: order(i) }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.p);
          const decisions = dialogue(shuffled);
          const last = decisions.at(-1);
          expect(last).toMatchObject({
            kind: 'new-request',
            request: {
              fromInsee: from[1],
              toInsee: to[1],
              date: day[1],
              earliest: time[1],
              latest: time[2],
            },
          });
          for (const d of decisions.slice(0, -1)) {
            expect(d.kind === 'draft' || d.kind === 'to-coordinators', JSON.stringify(d)).toBe(
              true,
            );
            const reply = 'reply' in d ? d.reply : null;
            expect(reply?.purpose).toBe('question');
            expect(countSegments(reply!.text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never asks for what it was already told', () => {
    fc.assert(
      fc.property(trip, fc.nat(3), ([from, to, day, time], skip) => {
        const pieces = [`de ${from[0]}`, `pour ${to[0]}`, day[0], time[0]];
        const told = pieces.filter((_, i) => i !== skip).join(' ');
        const wanted = ['from', 'to', 'date', 'time'][skip];
        const asked = dialogue([told])[0]!;
        expect(asked).toMatchObject({ kind: 'draft', outcome: `asked-${wanted}` });
      }),
    );
  });
});
