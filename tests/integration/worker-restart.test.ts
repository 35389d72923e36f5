// The worker killed mid-flow, several workers at once, and a gateway that is down: every request
// ends in the right state and no SMS is handed to the gateway twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningWorker } from '../../server/worker';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
const others: RunningWorker[] = [];
afterEach(async () => {
  for (const w of others.splice(0)) await w.stop();
  await world?.stop();
});

const PASSENGERS = [
  { id: 'person:pax-0001', firstName: 'Marie', phone: '06 39 98 02 01', from: INSEE.cardaillac },
  { id: 'person:pax-0002', firstName: 'Odette', phone: '05 36 49 02 02', from: INSEE.cardaillac },
  { id: 'person:pax-0003', firstName: 'Louis', phone: '06 39 98 02 03', from: INSEE.lacapelle },
];

async function cast(w: World) {
  await addJean(w);
  await w.person('person:paul-0002', {
    firstName: 'Paul',
    phone: '06 39 98 01 02',
    homeInsee: INSEE.lacapelle,
    roles: ['driver'],
  });
  await w.trip('trip:paul-figeac', {
    driverId: 'person:paul-0002',
    fromInsee: INSEE.lacapelle,
    toInsee: INSEE.figeac,
    weekdays: [4],
    departure: '08:20',
    detourMinutes: 10,
  });
  for (const p of PASSENGERS) {
    await w.person(p.id, { firstName: p.firstName, phone: p.phone, homeInsee: p.from });
    await w.request(`request:${p.id.slice(7)}`, {
      passengerId: p.id,
      fromInsee: p.from,
      toInsee: INSEE.figeac,
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
  }
}

/** Answers OUI to every question still open, as the drivers would. */
async function driversSayYes(w: World) {
  for (const phone of ['06 39 98 01 01', '06 39 98 01 02']) {
    const asked = w.sentTo(phone).filter((t) => t.includes('cherche un trajet')).length;
    const answered = (await w.docs<{ from: string; direction: string }>('message')).filter(
      (m) => m.direction === 'in' && m.from === `+33${phone.replace(/\s/g, '').slice(1)}`,
    ).length;
    if (asked > answered) await w.sms(phone, 'oui');
  }
}

async function expectAllSettled(w: World) {
  const matches = await w.docs<{ _id: string; state: { status: string } }>('match');
  expect(matches).toHaveLength(3);
  // Two drivers with three seats each: every request is confirmed.
  expect(matches.map((m) => m.state.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
  const ids = w.handed.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  const messages = await w.docs<{ direction: string; state: string }>('message');
  expect(messages.filter((m) => m.direction === 'out').every((m) => m.state === 'sent')).toBe(true);
  expect(w.sentTo('06 39 98 02 01')).toHaveLength(1);
  expect(w.sentTo('06 39 98 02 03')).toHaveLength(1);
  expect(await w.docs('task')).toMatchObject([{ kind: 'callback', assignee: 'sophie' }]);
  expect(await w.worker.parked()).toEqual({});
}

describe('worker restarts and concurrency', () => {
  it('picks up after being killed between any two batches, without sending anything twice', async () => {
    world = await startWorld('2026-11-24T09:00:00Z');
    await cast(world);
    // One change per batch; killed after every one to three batches, and three times the
    // checkpoint is lost as well (the next worker sees every change again).
    let kills = 0;
    for (let round = 0; round < 300; round++) {
      world.worker = await world.startWorker({ batchSize: 1 });
      let idle = false;
      for (let i = 0; i <= round % 3; i++) {
        if ((await world.worker.step()) === 0 && (await world.worker.tick()) === 0) idle = true;
      }
      if (idle) {
        await driversSayYes(world);
        world.clock.advance(11); // a request waiting for a busy driver looks again
        if ((await world.worker.step()) === 0 && (await world.worker.tick()) === 0) break;
      }
      await world.worker.stop();
      if ([3, 10, 25].includes(round)) {
        const checkpoint = await world.db.get('_local/worker-main').catch(() => null);
        if (checkpoint) await world.db.destroy('_local/worker-main', checkpoint._rev);
      }
      kills++;
    }
    await world.run();
    expect(kills).toBeGreaterThan(10);
    await expectAllSettled(world);
  });

  it('lets two workers share the database: claims by _rev, each SMS handed over once', async () => {
    world = await startWorld('2026-11-24T09:00:00Z');
    const second = await world.startWorker({ name: 'second', batchSize: 2 });
    others.push(second);
    await cast(world);
    for (let round = 0; round < 20; round++) {
      await Promise.all([world.worker.runOnce(), second.runOnce()]);
      await driversSayYes(world);
      world.clock.advance(11);
    }
    await expectAllSettled(world);
  });

  it('keeps SMS while the gateway is down and sends them once it is back', async () => {
    world = await startWorld('2026-11-24T09:00:00Z');
    await addJean(world);
    world.gateway.down = true;
    await world.person('person:pax-0001', { firstName: 'Marie', phone: '06 39 98 02 01' });
    await world.request('request:pax-0001', {
      passengerId: 'person:pax-0001',
      fromInsee: INSEE.cardaillac,
      toInsee: INSEE.figeac,
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
    await world.run();
    expect(world.handed).toEqual([]);
    const [waiting] = await world.docs<{ state: string; attempts: number; notBefore: string }>(
      'message',
    );
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(Date.parse(waiting!.notBefore)).toBe(world.clock.now().getTime() + 30_000);
    world.gateway.down = false;
    await world.run();
    expect(world.handed).toEqual([]); // backoff not over
    world.clock.advance(1);
    await world.run();
    expect(world.sentTo('06 39 98 01 01')).toHaveLength(1);
    const [sent] = await world.docs<{
      state: string;
      attempts: number;
      history: { state: string }[];
    }>('message');
    expect(sent!.state).toBe('sent');
    expect(sent!.history.map((h) => h.state)).toEqual([
      'pending',
      'sent-to-gateway',
      'pending',
      'sent-to-gateway',
      'sent',
    ]);
  });
});
