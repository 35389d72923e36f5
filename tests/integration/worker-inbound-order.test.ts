// SMS of one phone are applied in the order they were received, whatever order their documents
// reach the changes feed in (a sharded Apache CouchDB gives no global order): here the later SMS
// is written first.
import { afterEach, describe, expect, it } from 'vitest';
import { RESUME_SMS, STOP_SMS, cancelAckSms } from '../../src/lib/domain/sms-templates';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const JEAN = '06 39 98 01 01';
const MARIE = '06 39 98 02 01';

/** Writes the SMS in the order given, each received at its own time. */
async function receive(...sms: [phone: string, text: string, receivedAt: string][]) {
  for (const [phone, text, at] of sms) await world.gateway.receive(phone, text, new Date(at));
}

async function inbound() {
  const messages = await world.docs<{ direction: string; text: string; outcome: string }>(
    'message',
  );
  return Object.fromEntries(
    messages.filter((m) => m.direction === 'in').map((m) => [m.text, m.outcome]),
  );
}

describe('the SMS of one phone', () => {
  it('are applied in the order received: REPRISE at 10:00 then STOP at 10:01 leaves the phone opted out', async () => {
    world = await startWorld('2026-11-23T09:02:00Z'); // Monday 10:02 in Paris
    await addJean(world);
    await receive(
      [JEAN, 'STOP', '2026-11-23T09:01:00Z'],
      [JEAN, 'REPRISE', '2026-11-23T09:00:00Z'],
    );
    await world.run();
    // Both replies are queued at the same instant, so their hand-over order is not the point:
    // the state they leave is (checked below).
    expect([...world.sentTo(JEAN)].sort()).toEqual([RESUME_SMS, STOP_SMS].sort());
    expect(await inbound()).toEqual({ REPRISE: 'resume', STOP: 'stop' });
    // Opted out: a request on his line does not reach him.
    await world.person('person:marie-0001', { firstName: 'Marie', phone: MARIE });
    await world.sms(MARIE, 'Cardaillac Figeac jeudi 8h30');
    await world.run();
    // Both replies are queued at the same instant, so their hand-over order is not the point:
    // the state they leave is (checked below).
    expect([...world.sentTo(JEAN)].sort()).toEqual([RESUME_SMS, STOP_SMS].sort());
  });

  it('are applied in the order received: a request then ANNULER leaves nothing under way', async () => {
    world = await startWorld('2026-11-23T09:02:00Z');
    await addJean(world);
    await world.person('person:marie-0001', { firstName: 'Marie', phone: MARIE });
    await receive(
      [MARIE, 'annuler', '2026-11-23T09:01:00Z'],
      [MARIE, 'Cardaillac Figeac jeudi 8h30', '2026-11-23T09:00:00Z'],
    );
    await world.run();
    expect(await inbound()).toEqual({
      'Cardaillac Figeac jeudi 8h30': 'request',
      annuler: 'cancel-passenger',
    });
    expect(await world.docs('request')).toMatchObject([
      { fromInsee: INSEE.cardaillac, toInsee: INSEE.figeac, date: '2026-11-26' },
    ]);
    expect(await world.docs('match')).toMatchObject([
      { state: { status: 'cancelled', by: 'passenger', was: { status: 'searching' } } },
    ]);
    expect(world.sentTo(MARIE)).toEqual([cancelAckSms('2026-11-26')]);
    expect(world.sentTo(JEAN)).toEqual([]); // never asked about a cancelled request
  });
});
