import { describe, expect, it } from 'vitest';
import { readInbound } from './read-inbound';
import { dialogue, draftOf, facts, INSEE, MONDAY, person, textOf } from './test-facts';

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
      reply: null,
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

  it('asks only where from when the destination is known', () => {
    const home = person({ homeInsee: INSEE.figeac });
    expect(read('je voudrais aller a Figeac jeudi', { sender: home })).toEqual({
      kind: 'draft',
      outcome: 'asked-from',
      reply: {
        text: 'Maillage : pour aller à Figeac, vous partez de quelle commune ?',
        purpose: 'question',
      },
      conversation: {
        draft: {
          draft: expect.objectContaining({
            from: null,
            to: INSEE.figeac,
            date: '2026-11-26',
            asked: { question: 'from', times: 1 },
          }),
          draftAt: MONDAY,
        },
      },
    });
  });

  it('asks only where to when the origin is known', () => {
    expect(textOf(read('je pars de Cajarc demain 10h'))).toBe(
      'Maillage : au départ de Cajarc, vous allez dans quelle commune ?',
    );
  });

  it('asks the time when it names a day without one, and takes the whole day if any time suits', () => {
    const [asked, told] = dialogue(['Gramat Figeac jeudi', 'peu importe']);
    expect(asked).toMatchObject({ kind: 'draft', outcome: 'asked-time' });
    expect(textOf(asked!)).toBe(
      'Maillage : Gramat - Figeac jeudi 26/11, à quelle heure ? Ex : 9h, ou PEU IMPORTE',
    );
    expect(told).toMatchObject({
      kind: 'new-request',
      request: { date: '2026-11-26', earliest: '07:00', latest: '19:00' },
    });
    expect(read('Gramat Figeac jeudi, n importe quelle heure')).toMatchObject({
      kind: 'new-request',
      request: { earliest: '07:00', latest: '19:00' },
    });
  });

  it('asks the day and the time in one question when it has the places only, and keeps them', () => {
    expect(read('Gramat Figeac')).toEqual({
      kind: 'draft',
      outcome: 'asked-date-time',
      reply: {
        text: 'Maillage : Gramat - Figeac, quel jour et à quelle heure ? Ex : jeudi 9h, demain matin',
        purpose: 'question',
      },
      conversation: {
        draft: {
          draft: { ...gramatFigeac, asked: { question: 'date-time', times: 1 } },
          draftAt: MONDAY,
        },
      },
    });
    expect(textOf(read('Gramat Figeac 9h'))).toBe(
      'Maillage : Gramat - Figeac vers 9h, quel jour ? Ex : jeudi, 3/12',
    );
  });

  it('is completed by the next SMS within the dialogue’s day, and says what it understood (scenario 3)', () => {
    const first = read('salut je cherche un trajet pr aller au lycée à Souillac demain 7h');
    expect(first).toMatchObject({ kind: 'draft', outcome: 'asked-from' });
    const told = draftOf(first);
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
      reply: {
        text: "Maillage : c'est noté, Payrac - Souillac mardi 24/11 vers 7h. Nous cherchons un conducteur.",
        purpose: 'reply',
      },
      conversation: { draft: { draft: null, draftAt: null } },
    });
    const stale = { draft: told, draftAt: DAY_AND_AN_HOUR_AGO };
    expect(read('de Payrac', { conversation: stale })).toMatchObject({
      kind: 'draft',
      outcome: 'asked-to',
      conversation: { draft: { draft: { from: INSEE.payrac, to: null, date: null } } },
    });
  });
});
