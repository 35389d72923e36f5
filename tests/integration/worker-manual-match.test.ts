// The coordinator's console through the worker (issue 8): a manual match asks the chosen driver
// by SMS or confirms one who agreed by phone, replaces the driver being asked; a corrected SMS
// goes on like an understood one; a blocked person's SMS waits for a coordinator.
import { afterEach, describe, expect, it } from 'vitest';
import { smsRequestId } from '../../src/lib/domain/ids';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const JEAN = '06 39 98 01 01';
const PAUL = '06 39 98 01 02';
const KEVIN = '06 39 98 03 01';
const COORDINATOR = 'coordination';

type Any = Record<string, unknown>;

/** Kevin, registered, asks Cardaillac → Figeac on Thursday 26/11 between 8:00 and 9:30. */
async function kevinAsks(over: Any = {}) {
  await world.person('person:kevin-0001', {
    firstName: 'Kevin',
    phone: KEVIN,
    homeInsee: INSEE.cardaillac,
  });
  await world.request('request:kevin-aller', {
    passengerId: 'person:kevin-0001',
    fromInsee: INSEE.cardaillac,
    toInsee: INSEE.figeac,
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
    ...over,
  });
}

/** Paul drives Cahors → Figeac at 7:30: no search would offer him for Cardaillac. */
async function addPaul() {
  await world.person('person:paul-0002', {
    firstName: 'Paul',
    phone: PAUL,
    homeInsee: INSEE.cahors,
    roles: ['driver'],
  });
  await world.trip('trip:paul-figeac', {
    driverId: 'person:paul-0002',
    fromInsee: INSEE.cahors,
    toInsee: INSEE.figeac,
    departure: '07:30',
    detourMinutes: 5,
  });
}

/** What the console writes: the request again, with the coordinator's instruction. */
async function instruct(tripId: string, agreed: boolean, id = `manual-${tripId.slice(5)}`) {
  const request = await world.get<Any>('request:kevin-aller');
  const at = world.clock.now().toISOString();
  await world.db.insert({
    ...request,
    updatedAt: at,
    updatedBy: COORDINATOR,
    manual: { id, tripId, leg: 'outbound', agreed, by: COORDINATOR, at },
  });
}

const match = () => world.get<Any>('match:kevin-aller');

describe('manual match', () => {
  it('asks by SMS a driver no search offered, and confirms on his OUI', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await addPaul();
    await kevinAsks();
    await world.run();
    expect(await match()).toMatchObject({ state: { status: 'unmatched' } });
    expect(world.sentTo(PAUL)).toEqual([]);

    await instruct('trip:paul-figeac', false);
    await world.run();
    expect(await match()).toMatchObject({
      state: { status: 'asking', proposal: { driverId: 'person:paul-0002', attempt: 1 } },
      manual: { id: 'manual-paul-figeac', refused: null },
    });
    expect(world.sentTo(PAUL)).toHaveLength(1);
    expect(world.sentTo(PAUL)[0]).toMatch(/Kevin \(Cardaillac\).*OUI ou NON/);

    await world.sms(PAUL, 'oui');
    await world.run();
    expect(await match()).toMatchObject({ state: { status: 'confirmed' } });
    const rides = await world.docs<Any>('ride');
    expect(rides).toMatchObject([{ driverId: 'person:paul-0002', tripId: 'trip:paul-figeac' }]);
    expect(world.sentTo(KEVIN).at(-1)).toMatch(/Paul/);
    // The instruction is applied once: the worker seeing the request again changes nothing.
    const before = world.handed.length;
    await instruct('trip:paul-figeac', false);
    await world.run();
    expect(world.handed.length).toBe(before);
  });

  it('confirms at once a driver who agreed by phone, and tells both as after an OUI', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await addPaul();
    await kevinAsks();
    await world.run();
    await instruct('trip:paul-figeac', true);
    await world.run();
    expect(await match()).toMatchObject({
      state: { status: 'confirmed', rideId: 'ride:kevin-aller-1' },
    });
    expect(await world.get('ride:kevin-aller-1')).toMatchObject({
      driverId: 'person:paul-0002',
      date: '2026-11-26',
      cancelledAt: null,
    });
    // No question: the details only, to the driver and to the passenger.
    expect(world.sentTo(PAUL)).toHaveLength(1);
    expect(world.sentTo(PAUL)[0]).not.toMatch(/OUI ou NON/);
    expect(world.sentTo(KEVIN).at(-1)).toMatch(/Paul/);
  });

  it('replaces the driver being asked: his late OUI finds no question, the new one is asked', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await addJean(world);
    await addPaul();
    await kevinAsks();
    await world.run();
    expect(await match()).toMatchObject({
      state: { status: 'asking', proposal: { driverId: 'person:jean-0001' } },
    });
    await instruct('trip:paul-figeac', false);
    await world.run();
    expect(await match()).toMatchObject({
      state: {
        status: 'asking',
        proposal: { driverId: 'person:paul-0002', attempt: 2 },
        tried: [{ driverId: 'person:jean-0001', outcome: 'withdrawn' }],
      },
    });
    expect(world.sentTo(PAUL)).toHaveLength(1);
    // Jean is told he need not answer any more, once.
    expect(world.sentTo(JEAN).at(-1)).toMatch(
      /Kevin a trouvé un autre conducteur .* plus à répondre/,
    );
    await world.run();
    expect(world.sentTo(JEAN).filter((t) => t.includes('autre conducteur'))).toHaveLength(1);
    await world.sms(JEAN, 'oui');
    await world.run();
    expect(world.sentTo(JEAN).at(-1)).toMatch(/aucune demande en attente/);
    expect(await match()).toMatchObject({ state: { status: 'asking' } });
    await world.sms(PAUL, 'oui');
    await world.run();
    expect(await match()).toMatchObject({
      state: { status: 'confirmed', proposal: { driverId: 'person:paul-0002' } },
    });
  });

  it('records why an instruction was refused, and changes nothing else', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await addPaul();
    await world.person('person:paul-0002', {
      _rev: (await world.get<Any>('person:paul-0002'))._rev,
      firstName: 'Paul',
      phone: PAUL,
      homeInsee: INSEE.cahors,
      roles: ['driver'],
      blocked: true,
    });
    await kevinAsks();
    await world.run();
    await instruct('trip:paul-figeac', false);
    await world.run();
    expect(await match()).toMatchObject({
      state: { status: 'unmatched' },
      manual: { refused: 'Ce conducteur est bloqué par la coordination.' },
    });
    expect(world.sentTo(PAUL)).toEqual([]);
  });
});

describe('what the console writes about SMS', () => {
  it('goes on with a corrected SMS like an understood one: asked, told, task done (scenario 4)', async () => {
    world = await startWorld('2026-11-23T10:00:00Z'); // Monday
    await addJean(world);
    const phone = '06 39 98 03 02';
    await world.sms(phone, 'bjr c pr ma mere elle doit aller a la ville jeudi');
    await world.run();
    const [task] = await world.docs<Any>('task');
    expect(task).toMatchObject({ kind: 'read-sms', doneAt: null });
    const inbound = String(task!.messageId);

    // The coordinator reads it: Cardaillac → Figeac on Thursday, 8:00–9:30, for a new person.
    await world.person('person:mere-00001', {
      by: COORDINATOR,
      firstName: 'Mère',
      phone,
      homeInsee: INSEE.cardaillac,
      consent: { by: COORDINATOR, method: 'sms', at: world.clock.now().toISOString() },
    });
    await world.request(smsRequestId(inbound), {
      by: COORDINATOR,
      passengerId: 'person:mere-00001',
      fromInsee: INSEE.cardaillac,
      toInsee: INSEE.figeac,
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
      channel: 'sms',
    });
    await world.run();
    expect(await world.get(task!._id as string)).toMatchObject({ doneBy: COORDINATOR });
    expect(world.sentTo(JEAN)).toHaveLength(1);
    await world.sms(JEAN, 'oui');
    await world.run();
    // The passenger is told by SMS, as after a request the worker understood.
    expect(world.sentTo(phone).at(-1)).toMatch(/Jean/);
    const conversations = await world.docs<Any>('conversation');
    expect(conversations.length).toBeGreaterThan(0);
    expect(conversations.every((c) => c.draft === null)).toBe(true);
  });

  it('holds a blocked person’s SMS for a coordinator: no answer, a read-sms task', async () => {
    world = await startWorld('2026-11-23T10:00:00Z');
    await addJean(world);
    await world.person('person:kevin-0001', {
      firstName: 'Kevin',
      phone: KEVIN,
      homeInsee: INSEE.cardaillac,
      blocked: true,
      blockedReason: 'Propos insultants',
    });
    await world.sms(KEVIN, 'Cardaillac Figeac jeudi 8h30');
    await world.run();
    expect(world.sentTo(KEVIN)).toEqual([]);
    expect(world.sentTo(JEAN)).toEqual([]);
    expect(await world.docs('request')).toEqual([]);
    expect(await world.docs('task')).toMatchObject([
      { kind: 'read-sms', assignee: null, personId: 'person:kevin-0001' },
    ]);
  });
});
