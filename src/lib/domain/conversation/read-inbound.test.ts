import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutesOfDay } from '../documents/time';
import {
  ASK_DATE_SMS,
  ASK_PLACES_SMS,
  countSegments,
  HELP_SMS,
  NO_PROPOSAL_SMS,
  NOTHING_TO_CANCEL_SMS,
  STOP_SMS,
} from '../sms-templates';
import { readInbound } from './read-inbound';
import { facts, INSEE, MONDAY, person } from './test-facts';
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
    expect(read('non', { conversation: { draft: gramatFigeac, draftAt: HOUR_AGO } })).toEqual({
      kind: 'reply',
      outcome: 'decline-without-proposal',
      reply: { text: NO_PROPOSAL_SMS, purpose: 'reply' },
    });
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

describe('a request by SMS', () => {
  it('from an unknown phone creates its passenger, home = the origin, with consent by SMS', () => {
    const decision = read('Gramat Figeac jeudi 9h');
    expect(decision).toEqual({
      kind: 'new-request',
      outcome: 'request',
      passenger: {
        _id: 'person:sms-xyz',
        type: 'person',
        schema: 1,
        firstName: 'Inconnu (SMS)',
        phone: '+33639980201',
        phoneKind: 'mobile',
        homeInsee: INSEE.gramat,
        roles: ['passenger'],
        consent: { by: 'worker', method: 'sms', at: MONDAY },
        blocked: false,
        notes: 'Créée par le serveur à la réception d’un SMS : à compléter.',
      },
      request: {
        _id: 'request:sms-abc123',
        type: 'request',
        schema: 1,
        passengerId: 'person:sms-xyz',
        fromInsee: INSEE.gramat,
        toInsee: INSEE.figeac,
        date: '2026-11-26',
        earliest: '08:30',
        latest: '09:30',
        seats: 1,
        channel: 'sms',
        note: 'SMS : Gramat Figeac jeudi 9h',
        returnOf: null,
        cancelledAt: null,
      },
      conversation: { draft: { draft: null, draftAt: null } },
    });
  });

  it('from a registered person is theirs, and their home commune fills a missing origin', () => {
    expect(read('je voudrais aller a Figeac jeudi vers 8h30', { sender: person() })).toMatchObject({
      kind: 'new-request',
      passenger: null,
      request: {
        passengerId: 'person:marie-0001',
        fromInsee: INSEE.gramat,
        toInsee: INSEE.figeac,
        earliest: '07:45',
        latest: '09:15',
      },
    });
  });

  it('asks where from when the home commune is where they want to go', () => {
    const home = person({ homeInsee: INSEE.figeac });
    expect(read('je voudrais aller a Figeac jeudi', { sender: home })).toEqual({
      kind: 'draft',
      outcome: 'asked-places',
      reply: { text: ASK_PLACES_SMS, purpose: 'question' },
      conversation: {
        draft: {
          draft: expect.objectContaining({ from: null, to: INSEE.figeac, date: '2026-11-26' }),
          draftAt: MONDAY,
        },
      },
    });
  });

  it('takes the whole day when it names a day without a time', () => {
    expect(read('Gramat Figeac jeudi')).toMatchObject({
      request: { date: '2026-11-26', earliest: '07:00', latest: '19:00' },
    });
  });

  it('asks for the day when it has the places only, and keeps them', () => {
    expect(read('Gramat Figeac')).toEqual({
      kind: 'draft',
      outcome: 'asked-date',
      reply: { text: ASK_DATE_SMS, purpose: 'question' },
      conversation: { draft: { draft: gramatFigeac, draftAt: MONDAY } },
    });
  });

  it('is completed by the next SMS within the dialogue’s day, not after (scenario 3)', () => {
    const first = read('salut je cherche un trajet pr aller au lycée à Souillac demain 7h');
    expect(first).toMatchObject({ kind: 'draft', outcome: 'asked-places' });
    const told = first.kind === 'draft' ? first.conversation.draft!.draft : null;
    expect(told).toMatchObject({ from: null, to: INSEE.souillac, date: '2026-11-24' });
    expect(read('de Payrac', { conversation: { draft: told, draftAt: HOUR_AGO } })).toMatchObject({
      kind: 'new-request',
      request: {
        fromInsee: INSEE.payrac,
        toInsee: INSEE.souillac,
        date: '2026-11-24',
        earliest: '06:30',
        latest: '07:30',
      },
      conversation: { draft: { draft: null, draftAt: null } },
    });
    const stale = { draft: told, draftAt: DAY_AND_AN_HOUR_AGO };
    expect(read('de Payrac', { conversation: stale })).toMatchObject({
      kind: 'draft',
      outcome: 'asked-places',
      conversation: { draft: { draft: { from: INSEE.payrac, to: null, date: null } } },
    });
  });
});

describe('an SMS nobody can read', () => {
  it('goes to the coordinators, asks where, and keeps the day it gave (scenario 4)', () => {
    expect(read('bjr c pr ma mere elle doit aller a la ville jeudi')).toEqual({
      kind: 'to-coordinators',
      outcome: 'unknown',
      task: 'SMS non compris (06 39 98 02 01) : « bjr c pr ma mere elle doit aller a la ville jeudi »',
      reply: { text: ASK_PLACES_SMS, purpose: 'question' },
      conversation: {
        draft: {
          draft: {
            from: null,
            to: null,
            date: '2026-11-26',
            earliest: null,
            latest: null,
            placeEvidence: 'none',
          },
          draftAt: MONDAY,
        },
      },
    });
  });

  it('adds the day it gave to a request being told, and leaves the draft alone when it gave none', () => {
    expect(
      read('bjr c pr ma mere elle doit aller a la ville jeudi', {
        conversation: { draft: gramatFigeac, draftAt: HOUR_AGO },
      }),
    ).toMatchObject({
      conversation: { draft: { draft: { ...gramatFigeac, date: '2026-11-26' } } },
    });
    expect(read('ma voiture est en panne', { sender: person() })).toMatchObject({
      kind: 'to-coordinators',
      outcome: 'unknown',
      task: 'SMS non compris (06 39 98 02 01, Marie) : « ma voiture est en panne »',
      conversation: null,
    });
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
