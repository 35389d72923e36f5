// Scenario 6 and ANNULER by SMS from either side: the other side is told, the seat is free again.
import { afterEach, describe, expect, it } from 'vitest';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

/** Cardaillac → Figeac on Thursday morning: Jean's trip passes by. */
const THURSDAY_TO_FIGEAC = {
  fromInsee: INSEE.cardaillac,
  toInsee: INSEE.figeac,
  date: '2026-11-26',
  earliest: '08:00',
  latest: '09:30',
};

async function confirmedRide(passengerPhone: string) {
  world = await startWorld('2026-11-24T09:43:00Z');
  await addJean(world);
  await world.person('person:marie-0001', { firstName: 'Marie', phone: passengerPhone });
  await world.request('request:marie-aller', {
    passengerId: 'person:marie-0001',
    ...THURSDAY_TO_FIGEAC,
  });
  await world.run();
  await world.sms('06 39 98 01 01', 'oui');
  await world.run();
  const match = await world.get<{ state: { rideId: string } }>('match:marie-aller');
  return match.state.rideId;
}

const seatsTaken = async () =>
  (await world.db.view('worker', 'rides_by_date', { key: '2026-11-26' })).rows.length;

describe('cancellation', () => {
  it('tells Jean when the coordinator cancels Marie’s request, and frees the seat (scenario 6)', async () => {
    const rideId = await confirmedRide('05 36 49 02 01');
    expect(await seatsTaken()).toBe(1);
    world.clock.set('2026-11-26T06:10:00Z');
    const request = await world.get<Record<string, unknown>>('request:marie-aller');
    await world.db.insert({
      ...request,
      cancelledAt: world.clock.now().toISOString(),
      updatedAt: world.clock.now().toISOString(),
      updatedBy: 'coordination',
    });
    await world.run();
    expect(world.sentTo('06 39 98 01 01').at(-1)).toBe(
      'Maillage : Marie annule le trajet de jeudi 26/11. Merci !',
    );
    expect(world.sentTo('06 39 98 01 01')).toHaveLength(3);
    expect(await world.get(rideId)).toMatchObject({ cancelledAt: '2026-11-26T06:10:00.000Z' });
    expect(await world.get('match:marie-aller')).toMatchObject({
      state: { status: 'cancelled', by: 'coordinator', was: { status: 'confirmed' } },
    });
    expect(await seatsTaken()).toBe(0);
  });

  it('tells the driver when the passenger texts ANNULER, and acknowledges it', async () => {
    const rideId = await confirmedRide('06 39 98 02 01');
    await world.sms('06 39 98 02 01', 'annuler svp');
    await world.run();
    expect(world.sentTo('06 39 98 01 01').at(-1)).toBe(
      'Maillage : Marie annule le trajet de jeudi 26/11. Merci !',
    );
    expect(world.sentTo('06 39 98 02 01').at(-1)).toMatch(/c'est annulé pour jeudi 26\/11/);
    expect(await world.get(rideId)).toMatchObject({ cancelledAt: expect.any(String) });
  });

  it('tells the passenger when the driver texts ANNULER, and looks for someone else', async () => {
    const rideId = await confirmedRide('06 39 98 02 01');
    await world.sms('06 39 98 01 01', 'ANNULER');
    await world.run();
    const toMarie = world.sentTo('06 39 98 02 01');
    expect(toMarie).toHaveLength(3); // the ride, the driver's cancellation, then the outcome
    expect(toMarie[1]).toBe(
      'Maillage : Jean ne peut plus faire le trajet de jeudi 26/11. Nous cherchons un autre conducteur.',
    );
    expect(await world.get(rideId)).toMatchObject({ cancelledAt: expect.any(String) });
    // Jean was the only driver: the search ends with "nobody yet" and a task.
    expect(await world.get('match:marie-aller')).toMatchObject({ state: { status: 'unmatched' } });
    expect(world.sentTo('06 39 98 02 01').at(-1)).toMatch(
      /personne ne fait encore Cardaillac - Figeac/,
    );
  });

  describe('a seat freed by a passenger', () => {
    const PAUL = '06 39 98 02 02';

    /** Jean's one seat taken by Marie; Paul, asking for the same morning, left with nobody. */
    async function fullTrip() {
      world = await startWorld('2026-11-24T09:43:00Z');
      await addJean(world, { seats: 1 });
      for (const [name, firstName, phone] of [
        ['marie', 'Marie', '06 39 98 02 01'],
        ['paul', 'Paul', PAUL],
      ] as const) {
        await world.person(`person:${name}-0001`, { firstName, phone });
        await world.request(`request:${name}-aller`, {
          passengerId: `person:${name}-0001`,
          ...THURSDAY_TO_FIGEAC,
        });
        await world.run();
        if (name === 'marie') await world.sms('06 39 98 01 01', 'oui');
        await world.run();
      }
      expect(await world.get('match:marie-aller')).toMatchObject({
        state: { status: 'confirmed' },
      });
      expect(await world.get('match:paul-aller')).toMatchObject({
        state: { status: 'unmatched' },
      });
      expect(world.sentTo('06 39 98 01 01')).toHaveLength(2); // asked for Marie, her ride
    }

    it('goes to the request left without a driver for that morning', async () => {
      await fullTrip();
      world.clock.advance(60);
      await world.sms('06 39 98 02 01', 'annuler');
      await world.run();
      const toJean = world.sentTo('06 39 98 01 01');
      expect(toJean.at(-2)).toMatch(/annule le trajet de jeudi 26\/11/);
      expect(toJean.at(-1)).toMatch(/Paul \(Cardaillac\) cherche un trajet/);
      await world.sms('06 39 98 01 01', 'oui');
      await world.run();
      expect(await world.get('match:paul-aller')).toMatchObject({
        state: { status: 'confirmed' },
      });
      expect(world.sentTo(PAUL).at(-1)).toMatch(/Jean/);
      expect(await world.get('task:none-paul-aller')).toMatchObject({ doneAt: expect.any(String) });
    });

    it('is not offered when the driver cancelled: he does not go that morning', async () => {
      await fullTrip();
      world.clock.advance(60);
      await world.sms('06 39 98 01 01', 'ANNULER');
      await world.run();
      expect(world.sentTo('06 39 98 01 01').some((text) => /Paul/.test(text))).toBe(false);
      expect(await world.get('match:paul-aller')).toMatchObject({
        state: { status: 'unmatched', at: '2026-11-24T09:43:00.000Z' },
      });
    });
  });
});
