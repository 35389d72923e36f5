import { describe, expect, it } from 'vitest';
import { ASK_PLACES_SMS, NOT_UNDERSTOOD_SMS } from '../sms-templates';
import { DRAFT_DROPPED_SMS, HANDED_OVER_SMS } from '../sms-templates/questions';
import { readInbound } from './read-inbound';
import { dialogue, draftOf, facts, INSEE, MONDAY, person, textOf } from './test-facts';

const read = (...args: Parameters<typeof facts>) => readInbound(facts(...args));
const HOUR_AGO = '2026-11-23T08:15:00.000Z';
const gramatFigeac = {
  from: INSEE.gramat,
  to: INSEE.figeac,
  date: null,
  earliest: null,
  latest: null,
  placeEvidence: 'order' as const,
};

describe('answers to the dialogue’s questions', () => {
  it('takes a lone commune for the end the question asked about', () => {
    const [, toFigeac] = dialogue(['je pars de Cajarc demain 10h', 'Figeac']);
    expect(toFigeac).toMatchObject({
      request: { fromInsee: INSEE.cajarc, toInsee: INSEE.figeac },
    });
    const [, fromCajarc] = dialogue(['je dois aller a Figeac demain 10h', 'cajarc']);
    expect(fromCajarc).toMatchObject({
      request: { fromInsee: INSEE.cajarc, toInsee: INSEE.figeac },
    });
  });

  it('guesses a lone commune is the destination when both ends were missing, and asks where from', () => {
    const [, guessed] = dialogue([
      'bjr c pr ma mere elle doit aller a la ville jeudi 9h',
      'figeac',
    ]);
    expect(textOf(guessed!)).toBe(
      'Maillage : pour aller à Figeac, vous partez de quelle commune ?',
    );
    const [, , corrected] = dialogue([
      'bjr c pr ma mere elle doit aller a la ville jeudi 9h',
      'figeac',
      'non elle part de figeac',
    ]);
    expect(corrected).toMatchObject({ kind: 'draft', outcome: 'asked-to' });
    expect(draftOf(corrected!)).toMatchObject({ from: INSEE.figeac, to: null });
  });

  it('takes a correction of the day while it asks the time ("non, vendredi")', () => {
    const decisions = dialogue(['Gramat Figeac jeudi', 'non, vendredi', '9h']);
    expect(textOf(decisions[1]!)).toBe(
      'Maillage : Gramat - Figeac vendredi 27/11, à quelle heure ? Ex : 9h, ou PEU IMPORTE',
    );
    expect(decisions[2]).toMatchObject({
      request: { date: '2026-11-27', earliest: '08:30', latest: '09:30' },
    });
  });

  it('lets a new whole request replace the one being told, time included', () => {
    const [, , replaced] = dialogue(['Gramat Figeac vers 9h', 'non', 'Cahors Cajarc jeudi']);
    expect(replaced).toMatchObject({ kind: 'draft', outcome: 'asked-time' });
    expect(draftOf(replaced!)).toMatchObject({
      from: INSEE.cahors,
      to: INSEE.cajarc,
      date: '2026-11-26',
      earliest: null,
    });
  });

  it('asks the day again when the day it kept has passed', () => {
    const kept = {
      ...gramatFigeac,
      date: '2026-11-22',
      asked: { question: 'time' as const, times: 1 },
    };
    expect(read('9h', { conversation: { draft: kept, draftAt: HOUR_AGO } })).toMatchObject({
      kind: 'draft',
      outcome: 'asked-date',
    });
  });

  it('asks the same question twice at most, then a coordinator calls', () => {
    const decisions = dialogue(['Gramat Figeac jeudi', 'euh', 'je sais pas', 'vers 9h']);
    expect(decisions.map((d) => d.kind)).toEqual([
      'draft',
      'to-coordinators',
      'to-coordinators',
      'new-request',
    ]);
    expect(textOf(decisions[1]!)).toMatch(/^Maillage : nous n'avons pas compris\. Gramat - Figeac/);
    expect(decisions[2]).toMatchObject({
      outcome: 'gave-up',
      reply: { text: HANDED_OVER_SMS },
      task: 'Demande par SMS incomplète après deux questions (06 39 98 02 01) : « je sais pas ». Compris : Gramat → Figeac, jeudi 26/11. Appeler la personne pour la compléter.',
    });
    expect(draftOf(decisions[2]!)).toMatchObject({ handedOver: true, date: '2026-11-26' });
    const after = dialogue([
      'Gramat Figeac jeudi',
      'euh',
      'je sais pas',
      'bof',
      'Cahors Cajarc jeudi',
    ]);
    expect(after[3]).toMatchObject({
      kind: 'to-coordinators',
      outcome: 'handed-over',
      reply: null,
    });
    // A new request of its own starts afresh: it is asked its time.
    expect(after[4]).toMatchObject({ kind: 'draft', outcome: 'asked-time' });
    expect(draftOf(after[4]!)).toMatchObject({ from: INSEE.cahors, asked: { times: 1 } });
    expect(draftOf(after[4]!)?.handedOver).toBeUndefined();
  });

  it('forgets the request being told on ANNULER, and says so', () => {
    const [, dropped] = dialogue(['Gramat Figeac', 'annuler'], { sender: person() });
    expect(dropped).toEqual({
      kind: 'draft',
      outcome: 'dropped',
      reply: { text: DRAFT_DROPPED_SMS, purpose: 'reply' },
      conversation: { draft: { draft: null, draftAt: null } },
    });
  });

  it('answers a thanks with nothing and keeps the request being told', () => {
    const [, thanks] = dialogue(['Gramat Figeac', 'merci']);
    expect(thanks).toEqual({ kind: 'thanks', outcome: 'thanks' });
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
            asked: { question: 'places', times: 1 },
          },
          draftAt: MONDAY,
        },
      },
    });
  });

  it('is followed by the places, then the time, with the day it kept (scenario 4)', () => {
    const [, places, time] = dialogue([
      'bjr c pr ma mere elle doit aller a la ville jeudi',
      'cajarc figeac',
      'le matin',
    ]);
    expect(textOf(places!)).toBe(
      'Maillage : Cajarc - Figeac jeudi 26/11, à quelle heure ? Ex : 9h, ou PEU IMPORTE',
    );
    expect(time).toMatchObject({
      request: {
        fromInsee: INSEE.cajarc,
        toInsee: INSEE.figeac,
        date: '2026-11-26',
        earliest: '07:00',
        latest: '12:00',
      },
      reply: {
        text: "Maillage : c'est noté, Cajarc - Figeac jeudi 26/11 entre 7h et 12h. Nous cherchons un conducteur.",
      },
    });
  });

  it('adds the day it gave to a request being told, and asks what is still missing', () => {
    const told = read('bjr c pr ma mere elle doit aller a la ville jeudi', {
      conversation: { draft: gramatFigeac, draftAt: HOUR_AGO },
    });
    expect(draftOf(told)).toMatchObject({ ...gramatFigeac, date: '2026-11-26' });
    expect(told).toMatchObject({ reply: { text: expect.stringMatching(/à quelle heure/) } });
  });

  it('asks where again in other words the second time', () => {
    const decisions = dialogue(['ma voiture est en panne', 'c urgent'], { sender: person() });
    expect(decisions.map(textOf)).toEqual([ASK_PLACES_SMS, NOT_UNDERSTOOD_SMS]);
    expect(decisions[0]).toMatchObject({
      task: 'SMS non compris (06 39 98 02 01, Marie) : « ma voiture est en panne »',
    });
  });
});
