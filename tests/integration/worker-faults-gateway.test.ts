// The SMS gateway down for an hour of the injected clock: messages wait and the oldest is tried
// again with backoff; once the gateway is back each goes out once, in the order it was queued,
// although the younger ones would have had shorter waits.
import { afterEach, describe, expect, it } from 'vitest';
import { ASK_PLACES_SMS, HELP_SMS } from '../../src/lib/domain/sms-templates';
import { startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const KEVIN = '06 39 98 03 01';

interface Out {
  _id: string;
  direction: string;
  relatedId: string;
  state: string;
  attempts: number;
  history: { state: string; at: string }[];
}

async function repliesToKevin(w: World) {
  const all = await w.docs<Out & { createdAt: string }>('message');
  return all
    .filter((m) => m.direction === 'out')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Advances the clock half a minute at a time up to `minutes`, running the worker at each step. */
async function runFor(w: World, minutes: number) {
  for (let i = 0; i < minutes * 2; i++) {
    w.clock.advance(0.5);
    await w.run();
  }
}

describe('the SMS gateway down for an hour', () => {
  it('retries the oldest SMS with backoff, then sends each once in the order it was queued', async () => {
    const start = Date.parse('2026-11-23T10:00:00Z');
    world = await startWorld(new Date(start).toISOString());
    world.gateway.down = true;
    // Three SMS from Kevin over the hour, each answered: the answers queue up for his phone.
    await world.sms(KEVIN, 'bonjour');
    await world.run();
    await runFor(world, 20);
    await world.sms(KEVIN, 'aide');
    await world.run();
    await runFor(world, 30);
    await world.sms(KEVIN, 'Cahors Figeac');
    await world.run();
    await runFor(world, 10);
    expect(world.handed).toEqual([]);

    const waiting = await repliesToKevin(world);
    expect(waiting.map((m) => [m.state, m.attempts])).toEqual([
      ['pending', 7],
      ['pending', 0],
      ['pending', 0],
    ]);
    // The oldest was tried at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 minutes.
    const tries = waiting[0]!.history
      .filter((h) => h.state === 'sent-to-gateway')
      .map((h) => (Date.parse(h.at) - start) / 60_000);
    expect(tries).toEqual([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5]);

    world.gateway.down = false; // back after an hour; the next try is at 61.5 minutes
    await runFor(world, 1);
    expect(world.handed).toEqual([]);
    await runFor(world, 1);
    expect(world.sentTo(KEVIN)).toEqual([
      ASK_PLACES_SMS,
      HELP_SMS,
      'Maillage : Cahors - Figeac, quel jour et à quelle heure ? Ex : jeudi 9h, demain matin',
    ]);
    await runFor(world, 30);
    expect(world.sentTo(KEVIN)).toHaveLength(3);
    const sent = await repliesToKevin(world);
    expect(sent.map((m) => [m.state, m.attempts])).toEqual([
      ['sent', 8],
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(await world.docs('task')).toMatchObject([{ kind: 'read-sms' }]);
  });
});
