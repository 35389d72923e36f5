// The facts a search reads besides the trips: people blocked by a coordinator, and how recently
// each driver was asked (fairness), as the worker fills them from the database.
import { afterEach, describe, expect, it } from 'vitest';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const ANNE = '06 39 98 01 11';
const BRUNO = '06 39 98 01 12';
const LUCIE = '06 39 98 02 21';

async function setPaused(tripId: string, paused: boolean) {
  const trip = await world.get<Record<string, unknown>>(tripId);
  await world.db.insert({ ...trip, paused });
}

/** The driver's phone that got the latest question. */
function lastAsked(): string {
  const asks = world.handed.filter((s) => s.id.startsWith('message:ask-'));
  return asks.at(-1)?.to ?? '';
}

const e164 = (phone: string) => `+33${phone.replace(/\s/g, '').slice(1)}`;

describe('the matching context the worker fills', () => {
  it('asks nobody for a blocked passenger, and tells the coordinators why', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await addJean(world);
    await world.person('person:marie-0001', {
      firstName: 'Marie',
      phone: '06 39 98 02 01',
      blocked: true,
    });
    await world.request('request:marie-aller', {
      passengerId: 'person:marie-0001',
      fromInsee: INSEE.cardaillac,
      toInsee: INSEE.figeac,
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
    await world.run();

    expect(world.sentTo('06 39 98 01 01')).toEqual([]);
    expect(world.sentTo('06 39 98 02 01')).toEqual([]);
    expect(await world.get('match:marie-aller')).toMatchObject({
      state: { status: 'unmatched', tried: [], reason: 'Personne bloquée par la coordination.' },
    });
    const tasks = await world.docs<{ kind: string; assignee: string | null; text: string }>('task');
    expect(tasks).toMatchObject([{ kind: 'no-driver', assignee: null }]);
    expect(tasks[0]!.text).toMatch(/Personne bloquée par la coordination\.$/);
  });

  it('asks first, of two drivers on the same trip, the one asked less recently', async () => {
    world = await startWorld('2026-11-14T09:00:00Z'); // a Saturday, ten days before
    for (const [id, firstName, phone] of [
      ['person:anne-0001', 'Anne', ANNE],
      ['person:bruno-0002', 'Bruno', BRUNO],
    ] as const) {
      await world.person(id, { firstName, phone, homeInsee: INSEE.cahors, roles: ['driver'] });
    }
    // Equal in everything: without fairness the trip id decides, and Anne's comes first.
    for (const [tripId, driverId] of [
      ['trip:a-douelle', 'person:anne-0001'],
      ['trip:b-douelle', 'person:bruno-0002'],
    ] as const) {
      await world.trip(tripId, {
        driverId,
        fromInsee: INSEE.cahors,
        toInsee: INSEE.douelle,
        departure: '08:50',
        detourMinutes: 10,
      });
    }
    await world.person('person:lucie-0001', {
      firstName: 'Lucie',
      phone: LUCIE,
      homeInsee: INSEE.cahors,
    });
    const ask = async (id: string, date: string) => {
      await world.request(id, {
        passengerId: 'person:lucie-0001',
        fromInsee: INSEE.cahors,
        toInsee: INSEE.pradines,
        date,
        earliest: '08:30',
        latest: '09:30',
        by: 'coordination',
      });
      await world.run();
    };
    const answerYes = async (phone: string) => {
      world.clock.advance(5);
      await world.sms(phone, 'oui');
      await world.run();
    };

    // Ten days ago only Bruno drove (Anne had paused); yesterday only Anne.
    await setPaused('trip:a-douelle', true);
    await ask('request:lucie-mardi', '2026-11-17');
    expect(lastAsked()).toBe(e164(BRUNO));
    await answerYes(BRUNO);
    await setPaused('trip:a-douelle', false);
    await setPaused('trip:b-douelle', true);
    world.clock.set('2026-11-23T09:00:00Z');
    await ask('request:lucie-mercredi', '2026-11-25');
    expect(lastAsked()).toBe(e164(ANNE));
    await answerYes(ANNE);
    await setPaused('trip:b-douelle', false);

    // Each was asked once: the one asked ten days ago comes first.
    world.clock.set('2026-11-24T09:00:00Z');
    await ask('request:lucie-jeudi', '2026-11-26');
    expect(lastAsked()).toBe(e164(BRUNO));
    expect(await world.get('match:lucie-jeudi')).toMatchObject({
      state: { status: 'asking', proposal: { driverId: 'person:bruno-0002' } },
    });
  });
});
