// Requests by SMS: scenario 3 (no driver yet), scenario 4 (a message nobody understands, then
// the dialogue), STOP, AIDE, PAUSE and REPRISE.
import { afterEach, describe, expect, it } from 'vitest';
import { countSegments } from '../../src/lib/domain/sms-templates';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const KEVIN = '06 39 98 03 01';

describe('requests told by SMS', () => {
  it('asks an unknown teenager where from, then tells him nobody goes that way yet (scenario 3)', async () => {
    world = await startWorld('2026-11-23T17:30:00Z'); // Monday evening
    await world.sms(KEVIN, 'salut je cherche un trajet pr aller au lycée à Souillac demain 7h');
    await world.run();
    // Souillac was said: only where from is asked.
    expect(world.sentTo(KEVIN)).toEqual([
      'Maillage : pour aller à Souillac, vous partez de quelle commune ?',
    ]);
    await world.sms(KEVIN, 'de Payrac');
    await world.run();
    const requests = await world.docs<Record<string, unknown>>('request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      fromInsee: INSEE.payrac,
      toInsee: INSEE.souillac,
      date: '2026-11-24',
      earliest: '06:30',
      latest: '07:30',
      channel: 'sms',
    });
    const people = await world.docs<Record<string, unknown>>('person');
    expect(people).toMatchObject([
      { phone: '+33639980301', phoneKind: 'mobile', homeInsee: INSEE.payrac },
    ]);
    const answers = world.sentTo(KEVIN);
    expect(answers).toHaveLength(3);
    // The answer to the question is acknowledged with what was understood, then the outcome.
    expect(answers[1]).toBe(
      "Maillage : c'est noté, Payrac - Souillac mardi 24/11 vers 7h. Nous cherchons un conducteur.",
    );
    expect(answers[2]).toBe(
      'Maillage : personne ne fait encore Payrac - Souillac mardi 24/11 vers 7h. Demande gardée ; un coordinateur peut vous appeler.',
    );
    expect(answers.map((a) => countSegments(a).segments)).toEqual([1, 1, 1]);
    const tasks = await world.docs<{ kind: string; assignee: string | null }>('task');
    expect(tasks).toMatchObject([{ kind: 'no-driver', assignee: null }]);
    expect(await world.get(`match:${String(requests[0]!._id).slice(8)}`)).toMatchObject({
      state: { status: 'unmatched' },
    });
  });

  it('puts a message nobody understands in the coordinators’ queue and continues with the day it gave (scenario 4)', async () => {
    world = await startWorld('2026-11-23T10:00:00Z'); // Monday
    await world.person('person:driver-cajarc', {
      firstName: 'Alain',
      phone: '06 39 98 01 21',
      homeInsee: INSEE.cajarc,
      roles: ['driver'],
    });
    await world.trip('trip:cajarc-figeac', {
      driverId: 'person:driver-cajarc',
      fromInsee: INSEE.cajarc,
      toInsee: INSEE.figeac,
      departure: '08:00',
    });
    const phone = '06 39 98 03 02';
    await world.sms(phone, 'bjr c pr ma mere elle doit aller a la ville jeudi');
    await world.run();
    expect(world.sentTo(phone)).toEqual([
      'Maillage : de quelle commune à quelle commune ? Ex : Gramat Figeac',
    ]);
    expect(await world.docs('task')).toMatchObject([{ kind: 'read-sms', assignee: null }]);
    await world.sms(phone, 'cajarc figeac');
    await world.run();
    // The places are known and the day was kept: only the time is asked.
    expect(world.sentTo(phone).at(-1)).toBe(
      'Maillage : Cajarc - Figeac jeudi 26/11, à quelle heure ? Ex : 9h, ou PEU IMPORTE',
    );
    expect(await world.docs('request')).toEqual([]);
    await world.sms(phone, 'vers 8h');
    await world.run();
    const requests = await world.docs<Record<string, unknown>>('request');
    expect(requests).toMatchObject([
      {
        fromInsee: INSEE.cajarc,
        toInsee: INSEE.figeac,
        date: '2026-11-26',
        earliest: '07:15',
        latest: '08:45',
      },
    ]);
    expect(world.sentTo(phone)).toHaveLength(3);
    expect(world.sentTo(phone)[2]).toBe(
      "Maillage : c'est noté, Cajarc - Figeac jeudi 26/11 entre 7h15 et 8h45. Nous cherchons un conducteur.",
    );
    // The driver learns where and when, not a name nobody gave.
    expect(world.sentTo('06 39 98 01 21')).toEqual([
      "Maillage : Quelqu'un (Cajarc) cherche un trajet Cajarc - Figeac jeudi 26/11 entre 7h15 et 8h45. Pouvez-vous l'emmener ? Répondez OUI ou NON.",
    ]);
    const inbound = (
      await world.docs<{ direction: string; state: string; outcome: string }>('message')
    ).filter((m) => m.direction === 'in');
    expect(inbound.map((m) => [m.state, m.outcome]).sort()).toEqual([
      ['handled', 'asked-time'],
      ['handled', 'request'],
      ['handled', 'unknown'],
    ]);
  });

  it('asks the same question twice at most, then tells the sender a coordinator will call', async () => {
    world = await startWorld('2026-11-23T10:00:00Z');
    const phone = '06 39 98 03 03';
    for (const text of ['Cahors Figeac jeudi', 'euh', 'je sais pas']) {
      await world.sms(phone, text);
      await world.run();
    }
    expect(world.sentTo(phone)).toEqual([
      'Maillage : Cahors - Figeac jeudi 26/11, à quelle heure ? Ex : 9h, ou PEU IMPORTE',
      "Maillage : nous n'avons pas compris. Cahors - Figeac jeudi 26/11, à quelle heure ? Ex : 9h, ou PEU IMPORTE",
      "Maillage : nous n'avons pas tout compris. Un coordinateur va vous appeler pour finir votre demande.",
    ]);
    const tasks = await world.docs<{ kind: string; text: string }>('task');
    expect(tasks.map((t) => t.kind)).toEqual(['read-sms', 'read-sms']);
    expect(tasks.map((t) => t.text)).toContain(
      'Demande par SMS incomplète après deux questions (06 39 98 03 03) : « je sais pas ». Compris : Cahors → Figeac, jeudi 26/11. Appeler la personne pour la compléter.',
    );
    // The conversation keeps what was understood, for the coordinator who calls.
    const conversations = await world.docs<{ draft: Record<string, unknown> }>('conversation');
    expect(conversations[0]!.draft).toMatchObject({
      from: INSEE.cahors,
      to: INSEE.figeac,
      date: '2026-11-26',
      asked: { question: 'time', times: 2 },
      handedOver: true,
    });
    // Told once: a later SMS adds to the coordinators' queue, not to the sender's phone.
    await world.sms(phone, 'bof');
    await world.run();
    expect(world.sentTo(phone)).toHaveLength(3);
    await world.sms(phone, 'peu importe');
    await world.run();
    expect(await world.docs('request')).toMatchObject([
      { fromInsee: INSEE.cahors, toInsee: INSEE.figeac, earliest: '07:00', latest: '19:00' },
    ]);
  });

  it('fills the origin from a registered person’s home commune', async () => {
    world = await startWorld('2026-11-23T10:00:00Z');
    await addJean(world);
    await world.person('person:marie-0001', { firstName: 'Marie', phone: '06 39 98 02 01' });
    await world.sms('06 39 98 02 01', 'je voudrais aller a Figeac jeudi vers 8h30');
    await world.run();
    expect(await world.docs('request')).toMatchObject([
      { passengerId: 'person:marie-0001', fromInsee: INSEE.cardaillac, toInsee: INSEE.figeac },
    ]);
    expect(world.sentTo('06 39 98 01 01')[0]).toMatch(
      /^Maillage : Marie \(Cardaillac\) cherche un trajet/,
    );
    expect(world.sentTo('06 39 98 02 01')).toEqual([]); // one answer, later: no acknowledgement
  });

  it('pauses and resumes a driver’s trips, and opts a phone out with STOP', async () => {
    world = await startWorld('2026-11-23T10:00:00Z');
    await addJean(world);
    await world.sms('06 39 98 01 01', 'PAUSE');
    await world.run();
    expect(await world.get('trip:jean-figeac')).toMatchObject({ paused: true });
    expect(world.sentTo('06 39 98 01 01').at(-1)).toMatch(/en pause/);
    await world.person('person:marie-0001', { firstName: 'Marie', phone: '06 39 98 02 01' });
    await world.sms('06 39 98 02 01', 'Cardaillac Figeac jeudi 8h30');
    await world.run();
    expect(await world.docs('match')).toMatchObject([{ state: { status: 'unmatched' } }]);
    await world.sms('06 39 98 01 01', 'reprise');
    await world.sms('06 39 98 01 01', 'stop');
    await world.run();
    expect(await world.get('trip:jean-figeac')).toMatchObject({ paused: false });
    await world.sms('06 39 98 02 01', 'Cardaillac Figeac mardi 1/12 8h30');
    await world.run();
    // Jean said STOP: he is not asked although his trip runs.
    expect(world.sentTo('06 39 98 01 01').filter((t) => t.includes('cherche un trajet'))).toEqual(
      [],
    );
    await world.sms('06 39 98 02 01', 'aide');
    await world.run();
    expect(world.sentTo('06 39 98 02 01').at(-1)).toMatch(/Mots : OUI, NON, ANNULER/);
  });

  it('does not text about a request whose window is already over, but leaves a task', async () => {
    world = await startWorld('2026-11-26T12:00:00Z'); // Thursday noon
    await addJean(world);
    await world.person('person:marie-0001', { firstName: 'Marie', phone: '06 39 98 02 01' });
    await world.request('request:marie-late', {
      passengerId: 'person:marie-0001',
      fromInsee: INSEE.cardaillac,
      toInsee: INSEE.figeac,
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
    await world.run();
    expect(world.handed).toEqual([]);
    expect(await world.docs('task')).toMatchObject([{ kind: 'no-driver' }]);
  });
});
