// Issue 8 point 4 with the injected clock: the reminder the day before a confirmed ride at 18:00,
// and no SMS between 21:00 and 8:00 (Paris) unless it concerns a ride in the next 12 hours.
import { afterEach, describe, expect, it } from 'vitest';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const JEAN = '06 39 98 01 01';

async function marieAsks(at: string, phone: string, date = '2026-11-26') {
  world = await startWorld(at);
  await addJean(world);
  await world.person('person:marie-0001', { firstName: 'Marie', phone });
  await world.request('request:marie-aller', {
    passengerId: 'person:marie-0001',
    fromInsee: INSEE.cardaillac,
    toInsee: INSEE.figeac,
    date,
    earliest: '08:00',
    latest: '09:30',
  });
  await world.run();
}

describe('the reminder of the day before', () => {
  it('texts Jean at 18:00 the day before and gives Marie’s relay a callback task, once', async () => {
    await marieAsks('2026-11-24T09:43:00Z', '05 36 49 02 01');
    await world.sms(JEAN, 'oui');
    await world.run();
    const before = world.sentTo(JEAN).length;
    world.clock.set('2026-11-25T16:59:00Z'); // 17:59 in Paris
    await world.run();
    expect(world.sentTo(JEAN)).toHaveLength(before);
    world.clock.set('2026-11-25T17:00:00Z');
    await world.run();
    expect(world.sentTo(JEAN)).toHaveLength(before + 1);
    expect(world.sentTo(JEAN).at(-1)).toBe(
      'Maillage : rappel, demain jeudi 26/11 vers 8h25 Marie vous attend devant la mairie de Cardaillac. Un imprévu ? ANNULER',
    );
    expect(await world.get('task:remind-marie-aller-1')).toMatchObject({
      kind: 'callback',
      assignee: 'sophie',
      doneAt: null,
      text: expect.stringMatching(/^Rappeler à Marie \(tél\. 05 36 49 02 01\) : demain jeudi/),
    });
    expect(await world.get('ride:marie-aller-1')).toMatchObject({
      remindedAt: '2026-11-25T17:00:00.000Z',
    });
    world.clock.advance(30);
    await world.run();
    expect(world.sentTo(JEAN)).toHaveLength(before + 1);
  });

  it('texts a passenger with a mobile, and nobody for a ride cancelled meanwhile', async () => {
    await marieAsks('2026-11-24T09:43:00Z', '06 39 98 02 01');
    await world.sms(JEAN, 'oui');
    await world.run();
    world.clock.set('2026-11-25T17:00:00Z');
    await world.run();
    expect(world.sentTo('06 39 98 02 01').at(-1)).toMatch(
      /^Maillage : rappel, demain jeudi 26\/11 vers 8h25 Jean passe vous prendre/,
    );
  });

  it('is not sent for a ride cancelled before it', async () => {
    await marieAsks('2026-11-24T09:43:00Z', '06 39 98 02 01');
    await world.sms(JEAN, 'oui');
    await world.run();
    await world.sms('06 39 98 02 01', 'annuler');
    await world.run();
    const [toJean, toMarie] = [world.sentTo(JEAN).length, world.sentTo('06 39 98 02 01').length];
    world.clock.set('2026-11-25T17:00:00Z');
    await world.run();
    expect(world.sentTo(JEAN)).toHaveLength(toJean);
    expect(world.sentTo('06 39 98 02 01')).toHaveLength(toMarie);
  });
});

describe('quiet hours', () => {
  it('ask a driver at 8:00 about a request recorded at 22:30 for a ride two days later', async () => {
    await marieAsks('2026-11-24T21:30:00Z', '06 39 98 02 01'); // Tuesday 22:30, ride Thursday
    expect(world.sentTo(JEAN)).toEqual([]);
    expect(await world.get('match:marie-aller')).toMatchObject({
      state: { status: 'searching', retryAt: '2026-11-25T07:00:00.000Z' },
    });
    world.clock.set('2026-11-25T07:00:00Z');
    await world.run();
    expect(world.sentTo(JEAN)).toHaveLength(1);
  });

  it('let a question about a ride the next morning go at once', async () => {
    await marieAsks('2026-11-25T21:30:00Z', '06 39 98 02 01'); // Wednesday 22:30, ride Thursday 8:00
    expect(world.sentTo(JEAN)).toHaveLength(1);
  });

  it('hold the ride’s details, queued at night for a ride two days later, in the outbox until 8:00', async () => {
    await marieAsks('2026-11-24T19:20:00Z', '06 39 98 02 01'); // Tuesday 20:20, ride Thursday
    expect(world.sentTo(JEAN)).toHaveLength(1);
    world.clock.set('2026-11-24T20:30:00Z'); // 21:30
    await world.sms(JEAN, 'oui');
    await world.run();
    expect(await world.get('match:marie-aller')).toMatchObject({ state: { status: 'confirmed' } });
    expect(world.sentTo('06 39 98 02 01')).toEqual([]);
    expect(await world.get('message:conf-pax-marie-aller-1')).toMatchObject({
      state: 'pending',
      notBefore: '2026-11-25T07:00:00.000Z',
    });
    world.clock.set('2026-11-25T06:59:00Z');
    await world.run();
    expect(world.sentTo('06 39 98 02 01')).toEqual([]);
    world.clock.set('2026-11-25T07:00:00Z');
    await world.run();
    expect(world.sentTo('06 39 98 02 01')).toHaveLength(1);
    expect(world.sentTo(JEAN)).toHaveLength(2); // the question, then the details at 8:00
  });

  it('answer an SMS at once, even at night: its sender is awake', async () => {
    world = await startWorld('2026-11-24T22:00:00Z'); // 23:00
    await world.sms('06 39 98 07 07', 'AIDE');
    await world.run();
    expect(world.sentTo('06 39 98 07 07')).toHaveLength(1);
  });
});
