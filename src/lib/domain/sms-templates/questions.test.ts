import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DRAFT_DROPPED_SMS,
  HANDED_OVER_SMS,
  handOverTaskText,
  questionSms,
  requestNotedSms,
  type KnownSoFar,
  type Question,
} from './questions';
import { countSegments, isGsm7 } from './segments';

const QUESTIONS: readonly Question[] = ['places', 'from', 'to', 'date-time', 'date', 'time'];
const name = fc.oneof(
  fc.constantFrom(
    'Saint-Cirq-Lapopie',
    'Cœur de Causse',
    'Lacapelle-Marival',
    'Saint-Jean-de-Laur',
    'Bétaille',
    'Crêt',
  ),
  fc.string({ minLength: 1, maxLength: 60 }),
);
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 5, 15, 30, 45, 59))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const known: fc.Arbitrary<KnownSoFar> = fc.record({
  fromName: fc.option(name),
  toName: fc.option(name),
  date: fc.option(fc.constantFrom('2026-11-26', '2026-12-31', '2027-02-28')),
  earliest: fc.option(time),
  latest: fc.option(time),
});

describe('the dialogue’s questions', () => {
  it('say what was understood and ask for what is missing', () => {
    const k = {
      fromName: 'Cajarc',
      toName: 'Figeac',
      date: '2026-12-03',
      earliest: '08:30',
      latest: '09:30',
    };
    expect(questionSms('time', { ...k, earliest: null, latest: null }, false)).toBe(
      'Maillage : Cajarc - Figeac jeudi 03/12, à quelle heure ? Ex : 9h, ou PEU IMPORTE',
    );
    expect(questionSms('from', { ...k, fromName: null }, true)).toBe(
      "Maillage : nous n'avons pas compris. Pour aller à Figeac, vous partez de quelle commune ?",
    );
    expect(requestNotedSms(k)).toBe(
      "Maillage : c'est noté, Cajarc - Figeac jeudi 03/12 vers 9h. Nous cherchons un conducteur.",
    );
  });

  it('each fit in one GSM 7-bit SMS, whatever the names, day and window', () => {
    fc.assert(
      fc.property(known, fc.constantFrom(...QUESTIONS), fc.boolean(), (k, q, again) => {
        for (const text of [questionSms(q, k, again), requestNotedSms(k)]) {
          expect(isGsm7(text), text).toBe(true);
          expect(countSegments(text).segments, text).toBe(1);
        }
      }),
    );
    for (const text of [HANDED_OVER_SMS, DRAFT_DROPPED_SMS])
      expect(countSegments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('give the coordinators what was understood when the dialogue hands over', () => {
    expect(
      handOverTaskText({
        phone: '+33639980302',
        firstName: null,
        text: 'jsp',
        known: { fromName: null, toName: 'Figeac', date: null, earliest: null, latest: null },
      }),
    ).toBe(
      'Demande par SMS incomplète après deux questions (06 39 98 03 02) : « jsp ». Compris : ? → Figeac, jour inconnu. Appeler la personne pour la compléter.',
    );
  });
});
