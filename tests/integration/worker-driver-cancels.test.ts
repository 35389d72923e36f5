// A confirmed driver's ANNULER: the request goes back to the search and whoever registered the
// passenger is told; nothing is parked (issue 8: the match was parked and stayed "searching").
import { afterEach, describe, expect, it } from 'vitest';
import { decideRequestMatch } from '../../src/lib/domain/match';
import type { RideRequest } from '../../src/lib/domain/documents';
import type { WorkerContext } from '../../server/worker/context';
import { createMatch } from '../../server/worker/matches';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

async function marieRideWithJean(passengerPhone: string) {
  world = await startWorld('2026-11-24T09:43:00Z');
  await addJean(world);
  await world.person('person:paul-0001', {
    firstName: 'Paul',
    phone: '06 39 98 01 02',
    homeInsee: INSEE.lacapelle,
    roles: ['driver'],
  });
  await world.trip('trip:paul-figeac', {
    driverId: 'person:paul-0001',
    fromInsee: INSEE.lacapelle,
    toInsee: INSEE.figeac,
    weekdays: [4],
    departure: '08:20',
    detourMinutes: 5,
  });
  await world.person('person:marie-0001', { firstName: 'Marie', phone: passengerPhone });
  await world.request('request:marie-aller', {
    passengerId: 'person:marie-0001',
    fromInsee: INSEE.cardaillac,
    toInsee: INSEE.figeac,
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
  });
  await world.run();
}

describe('a confirmed driver cancels', () => {
  it('asks the next driver, who confirms, and parks nothing', async () => {
    await marieRideWithJean('05 36 49 02 01');
    const first = world.handed.at(-1)!;
    const firstDriver = first.to;
    await world.sms(firstDriver, 'oui');
    await world.run();
    world.clock.advance(30);
    await world.sms(firstDriver, 'annuler');
    await world.run();
    // Marie has no mobile: the relay who registered her is told, and the call announcing the
    // cancelled ride is no longer to be made.
    expect(await world.get('task:dcancel-marie-aller-1')).toMatchObject({
      kind: 'callback',
      assignee: 'sophie',
      doneAt: null,
      text: expect.stringMatching(/ne peut plus faire le trajet de jeudi 26\/11/),
    });
    expect(await world.get('task:callback-marie-aller-1')).toMatchObject({
      doneAt: world.clock.now().toISOString(),
      doneBy: 'worker',
    });
    const other = world.handed.at(-1)!;
    expect(other.to).not.toBe(firstDriver);
    world.clock.advance(5);
    await world.sms(other.to, 'oui');
    await world.run();
    expect(await world.worker.parked()).toEqual({});
    expect(await world.get('match:marie-aller')).toMatchObject({
      state: { status: 'confirmed' },
    });
  });
});

describe('opening a match that is already there', () => {
  it('is a no-op when the clock moved on, not a refusal that parks the request', async () => {
    await marieRideWithJean('06 39 98 02 01');
    const request = await world.get<RideRequest & { _rev: string }>('request:marie-aller');
    const ctx = {
      db: world.db,
      clock: world.clock,
      wrote: () => {},
      log: () => {},
    } as unknown as WorkerContext;
    world.clock.advance(5);
    // What a replayed SMS request does (inbound-sms-is-read opens the match it just created):
    // the embedded server refused it 403, "La date et l'auteur de création ne changent pas".
    const opening = decideRequestMatch(request, null, world.clock.now());
    if (opening.action !== 'open') throw new Error('expected an opening');
    expect(await createMatch(ctx, opening.match, request.readers)).toBe(false);
    expect(await world.get('match:marie-aller')).toMatchObject({
      createdAt: '2026-11-24T09:43:00.000Z',
      state: { status: 'asking' },
    });
  });
});
