// A received SMS is read by the worker holding its lease (docs/cluster.md, "Two workers, one
// inbound SMS"). Here the other worker is played by a lease written into the message: one that
// died holding it, one still reading the earlier SMS of the same phone.
import { afterEach, describe, expect, it } from 'vitest';
import { PAUSE_SMS, RESUME_SMS, STOP_SMS } from '../../src/lib/domain/sms-templates';
import { addJean, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const JEAN = '06 39 98 01 01';
const NOW = '2026-11-23T09:02:00Z'; // Monday 10:02 in Paris

type Inbound = { _id: string; direction: string; text: string; state: string; outcome: string };
const inbound = async () =>
  (await world.docs<Inbound>('message')).filter((m) => m.direction === 'in');

/** Receives the SMS, then marks it as read by another worker for five more minutes. */
async function receiveLeased(text: string, receivedAt: string, by: string) {
  await world.gateway.receive(JEAN, text, new Date(receivedAt));
  const msg = (await inbound()).find((m) => m.text === text)!;
  const until = new Date(Date.parse(NOW) + 5 * 60_000).toISOString();
  const stored = await world.get<Record<string, unknown>>(msg._id);
  await world.db.insert({ ...stored, lease: { by, until } } as never);
}

describe('an inbound SMS under another worker’s lease', () => {
  it('is read once the lease of a worker that died runs out, and answered once', async () => {
    world = await startWorld(NOW);
    await addJean(world);
    await receiveLeased('PAUSE', '2026-11-23T09:01:00Z', 'dead');
    await world.run();
    expect((await inbound()).map((m) => m.state)).toEqual(['received']);
    expect(world.sentTo(JEAN)).toEqual([]);
    world.clock.advance(6);
    await world.run();
    expect((await inbound()).map((m) => [m.state, m.outcome])).toEqual([['handled', 'pause']]);
    expect(world.sentTo(JEAN)).toEqual([PAUSE_SMS]);
    expect(await world.get('trip:jean-figeac')).toMatchObject({ paused: true });
  });

  it('holds back a later SMS of the same phone, then applies both in the order received', async () => {
    world = await startWorld(NOW);
    await addJean(world);
    await receiveLeased('REPRISE', '2026-11-23T09:00:00Z', 'other');
    await world.gateway.receive(JEAN, 'STOP', new Date('2026-11-23T09:01:00Z'));
    await world.run();
    // STOP waits behind the REPRISE the other worker reads.
    expect((await inbound()).map((m) => m.state)).toEqual(['received', 'received']);
    world.clock.advance(6); // the other worker died too: its lease runs out
    await world.run();
    const outcomes = Object.fromEntries((await inbound()).map((m) => [m.text, m.outcome]));
    expect(outcomes).toEqual({ REPRISE: 'resume', STOP: 'stop' });
    expect([...world.sentTo(JEAN)].sort()).toEqual([RESUME_SMS, STOP_SMS].sort());
    expect(await world.docs('conversation')).toMatchObject([{ optedOut: true }]);
  });
});
