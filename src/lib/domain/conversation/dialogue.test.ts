import { describe, expect, it } from 'vitest';
import { ASK_DATE_SMS, ASK_PLACES_SMS } from '../sms-templates';
import { readInbound } from './read-inbound';
import { facts, INSEE, MONDAY, person } from './test-facts';

const read = (...args: Parameters<typeof facts>) => readInbound(facts(...args));
const HOUR_AGO = '2026-11-23T08:15:00.000Z';
const DAY_AND_AN_HOUR_AGO = '2026-11-22T08:15:00.000Z';
const gramatFigeac = {
  from: INSEE.gramat,
  to: INSEE.figeac,
  date: null,
  earliest: null,
  latest: null,
  placeEvidence: 'order' as const,
};

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
