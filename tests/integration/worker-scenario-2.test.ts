// Scenario 2: the driver who answers from a basic phone, with a landline passenger (a callback
// task for the relay who registered her) and with a mobile one (an SMS).
import { afterEach, describe, expect, it } from 'vitest';
import { countSegments } from '../../src/lib/domain/sms-templates';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const MARIE_REQUEST = {
  passengerId: 'person:marie-0001',
  fromInsee: INSEE.cardaillac,
  toInsee: INSEE.figeac,
  date: '2026-11-26',
  earliest: '08:00',
  latest: '09:30',
};

describe('scenario 2: a driver says OUI', () => {
  it('asks Jean in one SMS, confirms the ride on OUI and gives Sophie a callback task for Marie', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await addJean(world);
    await world.person('person:marie-0001', {
      firstName: 'Marie',
      lastName: 'Lacombe',
      phone: '05 36 49 02 01',
    });
    await world.request('request:marie-aller', MARIE_REQUEST);
    await world.run();

    const asked = world.sentTo('06 39 98 01 01');
    expect(asked).toEqual([
      "Maillage : Marie (Cardaillac) cherche un trajet Cardaillac - Figeac jeudi 26/11 entre 8h et 9h30. Pouvez-vous l'emmener ? Répondez OUI ou NON.",
    ]);
    expect(countSegments(asked[0]!)).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(await world.get('match:marie-aller')).toMatchObject({ state: { status: 'asking' } });

    world.clock.advance(7);
    await world.sms('06 39 98 01 01', 'oui');
    await world.run();

    const match = await world.get<{ state: { status: string; rideId: string } }>(
      'match:marie-aller',
    );
    expect(match.state.status).toBe('confirmed');
    const ride = await world.get<Record<string, unknown>>(match.state.rideId);
    expect(ride).toMatchObject({
      tripId: 'trip:jean-figeac',
      driverId: 'person:jean-0001',
      passengerId: 'person:marie-0001',
      date: '2026-11-26',
      contributionCents: 120,
      cancelledAt: null,
    });
    const tasks = await world.docs<{ kind: string; assignee: string; text: string }>('task');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'callback', assignee: 'sophie' });
    expect(tasks[0]!.text).toMatch(
      /^Appeler Marie au 05 36 49 02 01 : Jean passe la prendre jeudi 26\/11 vers 8h2\d devant la mairie de Cardaillac, participation 1,20 €$/,
    );
    const toJean = world.sentTo('06 39 98 01 01');
    expect(toJean).toHaveLength(2);
    expect(toJean[1]).toMatch(
      /Marie \(05 36 49 02 01\) vous attend jeudi 26\/11 vers 8h2\d devant la mairie de Cardaillac/,
    );
    expect(toJean[1]).not.toContain('Lacombe');
    // Marie has a landline: never texted.
    expect(world.handed.filter((s) => s.to === '+33536490201')).toEqual([]);
    const messages = await world.docs<{ direction: string; state: string }>('message');
    expect(messages.filter((m) => m.direction === 'out').map((m) => m.state)).toEqual([
      'sent',
      'sent',
    ]);
  });

  it('texts a passenger who has a mobile the driver’s first name, phone, time and contribution', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await addJean(world);
    await world.person('person:marie-0001', { firstName: 'Marie', phone: '06 39 98 02 01' });
    await world.request('request:marie-aller', MARIE_REQUEST);
    await world.run();
    await world.sms('06 39 98 01 01', 'Oui');
    await world.run();
    const toMarie = world.sentTo('06 39 98 02 01');
    expect(toMarie).toHaveLength(1);
    expect(toMarie[0]).toMatch(
      /^Maillage : Jean \(06 39 98 01 01\) vous prend jeudi 26\/11 vers 8h2\d devant la mairie de Cardaillac, pour Figeac\. Participation 1,20 EUR\./,
    );
    expect(countSegments(toMarie[0]!).segments).toBeLessThanOrEqual(1);
    expect(await world.docs('task')).toEqual([]);
  });
});
