import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutesOfDay } from '../documents/time';
import {
  countSegments,
  HELP_SMS,
  NO_PROPOSAL_SMS,
  NOTHING_TO_CANCEL_SMS,
  STOP_SMS,
} from '../sms-templates';
import { readInbound } from './read-inbound';
import { facts, INSEE, person } from './test-facts';
import type { InboundDecision } from './types';

const read = (...args: Parameters<typeof facts>) => readInbound(facts(...args));
const HOUR_AGO = '2026-11-23T08:15:00.000Z';
const DAY_AND_AN_HOUR_AGO = '2026-11-22T08:15:00.000Z';
const jean = person({ _id: 'person:jean-0001', firstName: 'Jean', roles: ['driver'] });
const gramatFigeac = {
  from: INSEE.gramat,
  to: INSEE.figeac,
  date: null,
  earliest: null,
  latest: null,
  placeEvidence: 'order' as const,
};

describe('a blocked sender', () => {
  it('goes to the coordinators with their phone and first name, and gets no answer', () => {
    expect(read('Gramat Figeac jeudi 9h', { sender: person({ blocked: true }) })).toEqual({
      kind: 'to-coordinators',
      outcome: 'blocked',
      task: 'SMS d’une personne bloquée (06 39 98 02 01, Marie) : « Gramat Figeac jeudi 9h »',
      reply: null,
      conversation: null,
    });
  });

  it('is not obeyed even for STOP or PAUSE', () => {
    for (const text of ['STOP', 'PAUSE', 'oui'])
      expect(
        read(text, { sender: person({ blocked: true }), conversation: { proposal: 'match:a' } })
          .kind,
      ).toBe('to-coordinators');
  });
});

describe('the words of the conversation', () => {
  it('pauses the sender’s trips on PAUSE, whoever sends it', () => {
    expect(read('PAUSE', { sender: jean })).toEqual({
      kind: 'pause',
      personId: 'person:jean-0001',
      conversation: null,
    });
    expect(read('pause')).toEqual({ kind: 'pause', personId: null, conversation: null });
  });

  it('resumes on REPRISE, REPRENDRE or START and undoes a STOP', () => {
    for (const text of ['REPRISE', 'reprendre', 'Start'])
      expect(read(text, { sender: jean })).toEqual({
        kind: 'resume',
        personId: 'person:jean-0001',
        conversation: { optedOut: false },
      });
  });

  it('opts the phone out on STOP and says so', () => {
    expect(read('Stop svp')).toEqual({
      kind: 'opt-out',
      outcome: 'stop',
      reply: { text: STOP_SMS, purpose: 'reply' },
      conversation: { optedOut: true },
    });
  });

  it('answers AIDE with the words to use, and MERCI with nothing', () => {
    expect(read('aide')).toEqual({
      kind: 'reply',
      outcome: 'help',
      reply: { text: HELP_SMS, purpose: 'reply' },
    });
    expect(read('merci beaucoup')).toEqual({ kind: 'thanks', outcome: 'thanks' });
  });

  it('looks for what a known sender can cancel, and tells an unknown one there is nothing', () => {
    expect(read('ANNULER', { sender: person() })).toEqual({
      kind: 'cancellation',
      personId: 'person:marie-0001',
    });
    expect(read('annuler svp')).toEqual({
      kind: 'reply',
      outcome: 'cancel-nothing',
      reply: { text: NOTHING_TO_CANCEL_SMS, purpose: 'reply' },
    });
  });
});

describe('OUI and NON', () => {
  it('answer the proposal the phone was asked about', () => {
    const asked = { sender: jean, conversation: { proposal: 'match:marie-aller' } };
    expect(read('oui', asked)).toEqual({
      kind: 'answer',
      matchId: 'match:marie-aller',
      personId: 'person:jean-0001',
      answer: 'accept',
    });
    expect(read('non désolé', asked)).toMatchObject({ kind: 'answer', answer: 'decline' });
    // The question wins over a request being told at the same time.
    expect(
      read('oui à 9h', {
        ...asked,
        conversation: { ...asked.conversation, draft: gramatFigeac, draftAt: HOUR_AGO },
      }),
    ).toMatchObject({ kind: 'answer', answer: 'accept' });
  });

  it('get "aucune demande en attente" with no proposal and no request being told', () => {
    expect(read('oui')).toEqual({
      kind: 'reply',
      outcome: 'accept-without-proposal',
      reply: { text: NO_PROPOSAL_SMS, purpose: 'reply' },
    });
    expect(read('non')).toMatchObject({ kind: 'reply', outcome: 'decline-without-proposal' });
  });

  it('get the question again, alone, while a request is being told', () => {
    expect(read('non', { conversation: { draft: gramatFigeac, draftAt: HOUR_AGO } })).toMatchObject(
      {
        kind: 'draft',
        outcome: 'asked-date-time',
        reply: {
          text: 'Maillage : Gramat - Figeac, quel jour et à quelle heure ? Ex : jeudi 9h, demain matin',
        },
      },
    );
  });

  it('are a thanks when they say merci with no proposal ("ok merci" after an acknowledgement)', () => {
    expect(read('ok merci')).toEqual({ kind: 'thanks', outcome: 'thanks' });
  });

  it('go on with a request being told when they say more than yes ("oui, jeudi à 9h")', () => {
    const told = { draft: gramatFigeac, draftAt: HOUR_AGO };
    expect(read('oui jeudi à 9h', { conversation: told })).toMatchObject({
      kind: 'new-request',
      request: { fromInsee: INSEE.gramat, toInsee: INSEE.figeac, date: '2026-11-26' },
    });
    expect(
      read('oui jeudi à 9h', { conversation: { ...told, draftAt: DAY_AND_AN_HOUR_AGO } }),
    ).toMatchObject({ kind: 'reply', outcome: 'accept-without-proposal' });
  });
});

const repliesOf = (d: InboundDecision) =>
  'reply' in d && d.reply !== null ? [d.reply.text] : ([] as string[]);

describe('whatever the SMS says', () => {
  const words = fc.constantFrom(
    'Gramat',
    'Figeac',
    'Souillac',
    'de',
    'à',
    'pour',
    'demain',
    'jeudi',
    '9h',
    'vers 10h',
    'matin',
    'oui',
    'non',
    'merci',
    'annuler',
    'pause',
    'stop',
    'aide',
    'bonjour',
  );
  const text = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.array(words, { maxLength: 8 }).map((w) => w.join(' ')),
  );
  const conversation = fc.constantFrom(
    null,
    { proposal: 'match:a' },
    { draft: gramatFigeac, draftAt: HOUR_AGO },
    { draft: gramatFigeac, draftAt: DAY_AND_AN_HOUR_AGO },
  );
  const sender = fc.constantFrom(null, person(), person({ homeInsee: INSEE.cahors }));

  it('answers with at most one SMS, in one GSM 7-bit segment', () => {
    fc.assert(
      fc.property(text, conversation, sender, (t, c, s) => {
        for (const reply of repliesOf(read(t, { conversation: c, sender: s })))
          expect(countSegments(reply)).toMatchObject({ encoding: 'gsm7', segments: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('never makes a request from a commune to itself, or with a window that ends before it starts', () => {
    const place = fc.constantFrom('Gramat', 'Figeac', 'Souillac', 'Cahors', 'Payrac', '');
    const said = fc
      .tuple(
        fc.constantFrom('', 'de', 'je voudrais aller à', 'oui', 'pour'),
        place,
        fc.constantFrom('', 'à', '->', 'pour'),
        place,
        fc.constantFrom('', 'demain', 'jeudi', 'lundi', 'le 3/12', 'auj'),
        fc.constantFrom('', '9h', 'vers 10h', 'matin', 'soir', 'entre 8h et 10h', 'avant 7h'),
      )
      .map((parts) => parts.filter((p) => p !== '').join(' '));
    let requests = 0;
    fc.assert(
      fc.property(said, conversation, sender, (t, c, s) => {
        const d = read(t, { conversation: c, sender: s });
        if (d.kind !== 'new-request') return;
        requests++;
        expect(d.request.fromInsee).not.toBe(d.request.toInsee);
        expect(minutesOfDay(d.request.earliest)).toBeLessThan(minutesOfDay(d.request.latest));
        expect(d.request.date >= '2026-11-23').toBe(true);
        expect(d.passenger === null).toBe(s !== null);
      }),
      { numRuns: 400 },
    );
    expect(requests).toBeGreaterThan(100); // the property was tried on real requests
  });
});
