// Issue 8 point 3: a request with no driver keeps looking. A trip recorded later that could serve
// it searches again; a coordinator can relaunch a search; the passenger hears once more only when
// a driver confirms, and the "no driver" task is then closed.
import { afterEach, describe, expect, it } from 'vitest';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const JEAN = '06 39 98 01 01';
const MARIE = '06 39 98 02 01';

async function marieWithNobody() {
  world = await startWorld('2026-11-24T09:43:00Z');
  await world.person('person:marie-0001', { firstName: 'Marie', phone: MARIE });
  await world.request('request:marie-aller', {
    passengerId: 'person:marie-0001',
    fromInsee: INSEE.cardaillac,
    toInsee: INSEE.figeac,
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
  });
  await world.run();
  expect(await world.get('match:marie-aller')).toMatchObject({ state: { status: 'unmatched' } });
  expect(world.sentTo(MARIE)).toHaveLength(1); // "nobody goes that way at that time yet"
}

const noDriverTask = () => world.get<{ doneAt: string | null }>('task:none-marie-aller');

describe('a request keeps looking for a driver', () => {
  it('asks the driver of a trip recorded later, and tells the passenger once when they confirm', async () => {
    await marieWithNobody();
    world.clock.advance(60);
    await addJean(world);
    await world.run();
    expect(world.sentTo(JEAN)).toHaveLength(1);
    expect(world.sentTo(JEAN)[0]).toMatch(/Marie \(Cardaillac\) cherche un trajet/);
    expect(world.sentTo(MARIE)).toHaveLength(1); // nothing new while Jean is asked
    await world.sms(JEAN, 'oui');
    await world.run();
    expect(await world.get('match:marie-aller')).toMatchObject({ state: { status: 'confirmed' } });
    const toMarie = world.sentTo(MARIE);
    expect(toMarie).toHaveLength(2);
    expect(toMarie[1]).toMatch(/Jean/);
    expect(await noDriverTask()).toMatchObject({ doneAt: world.clock.now().toISOString() });
    expect(await world.worker.parked()).toEqual({});
  });

  it('leaves it alone when the new trip cannot serve it', async () => {
    await marieWithNobody();
    world.clock.advance(60);
    await world.person('person:paul-0001', {
      firstName: 'Paul',
      phone: '06 39 98 01 02',
      roles: ['driver'],
    });
    await world.trip('trip:paul-cahors', {
      driverId: 'person:paul-0001',
      fromInsee: INSEE.cahors,
      toInsee: INSEE.pradines,
      departure: '08:15',
    });
    await world.run();
    expect(world.sentTo('06 39 98 01 02')).toEqual([]);
    const match = await world.get<{ state: { status: string; at: string } }>('match:marie-aller');
    expect(match.state).toMatchObject({ status: 'unmatched', at: '2026-11-24T09:43:00.000Z' });
  });

  it('does not search again once the window is over', async () => {
    await marieWithNobody();
    world.clock.set('2026-11-26T08:20:00Z'); // 9:20 in Paris, ten minutes before its end
    await addJean(world);
    await world.run();
    expect(world.sentTo(JEAN)).toEqual([]);
  });

  it('searches again when a coordinator relaunches it (a blocked driver unblocked)', async () => {
    await marieWithNobody();
    await world.person('person:jean-0001', {
      firstName: 'Jean',
      phone: JEAN,
      homeInsee: INSEE.lacapelle,
      roles: ['driver'],
      blocked: true,
    });
    await world.trip('trip:jean-figeac', {
      driverId: 'person:jean-0001',
      fromInsee: INSEE.lacapelle,
      toInsee: INSEE.figeac,
      weekdays: [2, 4],
      departure: '08:15',
    });
    await world.run();
    expect(world.sentTo(JEAN)).toEqual([]);
    const jean = await world.get<Record<string, unknown>>('person:jean-0001');
    await world.db.insert({ ...jean, blocked: false });
    await world.run();
    expect(world.sentTo(JEAN)).toEqual([]); // unblocking alone asks nobody
    world.clock.advance(30);
    const request = await world.get<Record<string, unknown>>('request:marie-aller');
    await world.db.insert({
      ...request,
      searchAgainAt: world.clock.now().toISOString(),
      updatedAt: world.clock.now().toISOString(),
      updatedBy: 'coordination',
    });
    await world.run();
    expect(world.sentTo(JEAN)).toHaveLength(1);
    expect(await world.get('match:marie-aller')).toMatchObject({ state: { status: 'asking' } });
    expect(world.sentTo(MARIE)).toHaveLength(1);
  });
});
