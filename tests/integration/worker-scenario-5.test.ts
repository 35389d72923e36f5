// Scenario 5: the first driver says NON, the second never answers, the third says OUI; the
// passenger gets one SMS, and nobody gets two copies of anything although the worker was
// killed in the middle (its checkpoint lost: every change is seen again by the next one).
import { afterEach, describe, expect, it } from 'vitest';
import { INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const DRIVERS = [
  { id: 'person:driver-anne', firstName: 'Anne', phone: '06 39 98 01 11', departure: '08:50' },
  { id: 'person:driver-bruno', firstName: 'Bruno', phone: '06 39 98 01 12', departure: '09:00' },
  { id: 'person:driver-claire', firstName: 'Claire', phone: '06 39 98 01 13', departure: '09:10' },
];

async function cast(w: World) {
  for (const d of DRIVERS) {
    await w.person(d.id, {
      firstName: d.firstName,
      phone: d.phone,
      homeInsee: INSEE.cahors,
      roles: ['driver'],
    });
    await w.trip(`trip:${d.id.slice(7)}`, {
      driverId: d.id,
      fromInsee: INSEE.cahors,
      toInsee: INSEE.douelle,
      departure: d.departure,
      detourMinutes: 10,
    });
  }
  await w.person('person:lucie-0001', {
    firstName: 'Lucie',
    phone: '06 39 98 02 21',
    homeInsee: INSEE.cahors,
  });
  await w.request('request:lucie-pradines', {
    passengerId: 'person:lucie-0001',
    fromInsee: INSEE.cahors,
    toInsee: INSEE.pradines,
    date: '2026-11-26',
    earliest: '08:30',
    latest: '09:30',
    by: 'coordination',
  });
}

/** The driver whose phone got the latest question. */
function lastAsked(w: World) {
  const asks = w.handed.filter((s) => s.id.startsWith('message:ask-'));
  const to = asks.at(-1)!.to;
  return DRIVERS.find((d) => to === `+33${d.phone.replace(/\s/g, '').slice(1)}`)!;
}

describe('scenario 5: NON, silence, then OUI', () => {
  it('moves to the next driver on NON and after the deadline, and the passenger hears once', async () => {
    world = await startWorld('2026-11-24T09:00:00Z');
    await cast(world);
    await world.run();
    const first = lastAsked(world);
    world.clock.advance(3);
    await world.sms(first.phone, 'Non desole');
    await world.run();
    const second = lastAsked(world);
    expect(second.id).not.toBe(first.id);

    // The worker is killed; its checkpoint is lost; a new one starts on the same database.
    await world.worker.stop();
    await world.db.destroy('_local/worker-main', (await world.db.get('_local/worker-main'))._rev);
    world.worker = await world.startWorker();
    await world.run();
    expect(lastAsked(world).id).toBe(second.id);

    world.clock.advance(30);
    await world.run();
    expect(lastAsked(world).id).toBe(second.id); // deadline not reached yet
    world.clock.advance(31);
    await world.run();
    const third = lastAsked(world);
    expect([first.id, second.id]).not.toContain(third.id);

    await world.sms(third.phone, 'oui ok');
    await world.run();

    const match = await world.get<{
      state: { status: string; proposal: { driverId: string }; tried: unknown[] };
    }>('match:lucie-pradines');
    expect(match.state.status).toBe('confirmed');
    expect(match.state.proposal.driverId).toBe(third.id);
    expect(match.state.tried).toMatchObject([
      { driverId: first.id, outcome: 'declined' },
      { driverId: second.id, outcome: 'timeout' },
    ]);
    const toLucie = world.sentTo('06 39 98 02 21');
    expect(toLucie).toHaveLength(1);
    expect(toLucie[0]).toContain(`${third.firstName} (${third.phone})`);
    expect(world.sentTo(first.phone)).toHaveLength(1);
    expect(world.sentTo(second.phone)).toHaveLength(1);
    expect(world.sentTo(third.phone)).toHaveLength(2);
    const ids = world.handed.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The late answer of the silent driver changes nothing and tells them so.
    await world.sms(second.phone, 'oui');
    await world.run();
    expect(world.sentTo(second.phone)[1]).toMatch(/aucune demande en attente/);
    expect(await world.get('match:lucie-pradines')).toMatchObject({
      state: { status: 'confirmed' },
    });
  });
});
