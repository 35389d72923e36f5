// An inbound SMS that comes without a gateway id (the simulated phone) is recorded once when it is
// sent again within a minute (issue 7, point 7); with a gateway id, the id alone decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInbound } from '../../src/lib/server/shared/record-sms';
import { startTestCouch, type TestCouch } from './support/couch';

let couch: TestCouch;
const base = Date.UTC(2026, 10, 23, 9, 0, 20);

beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch.stop();
});

async function receive(
  from: string,
  text: string,
  secondsLater: number,
  gatewayMessageId?: string,
) {
  const at = new Date(base + secondsLater * 1000);
  return recordInbound(
    couch.couch,
    couch.dbName,
    'console',
    { from, text, receivedAt: at.toISOString(), ...(gatewayMessageId ? { gatewayMessageId } : {}) },
    at,
  );
}

async function inboundFrom(phone: string) {
  const all = await couch.couch.use(couch.dbName).list({ include_docs: true });
  return all.rows
    .map((r) => r.doc as unknown as { type?: string; direction?: string; from?: string })
    .filter((d) => d.type === 'message' && d.direction === 'in' && d.from === phone);
}

describe('an inbound SMS without a gateway id', () => {
  it('sent again within a minute is one message, across a minute boundary too', async () => {
    const first = await receive('+33639980301', 'Gramat Figeac demain 9h', 0);
    expect(first.created).toBe(true);
    for (const later of [0, 15, 45]) {
      const again = await receive('+33639980301', 'Gramat Figeac demain 9h', later);
      expect(again, `${later} s later`).toEqual({ id: first.id, created: false });
    }
    expect(await inboundFrom('+33639980301')).toHaveLength(1);
  });

  it('is a new message after a minute, with another text or from another phone', async () => {
    await receive('+33639980302', 'OUI', 0);
    expect((await receive('+33639980302', 'OUI', 61)).created).toBe(true);
    expect((await receive('+33639980302', 'NON', 62)).created).toBe(true);
    expect((await receive('+33639980303', 'OUI', 62)).created).toBe(true);
    expect(await inboundFrom('+33639980302')).toHaveLength(3);
  });
});

describe('an inbound SMS with a gateway id', () => {
  it('is told apart by its id alone: two ids are two messages, one id twice is one', async () => {
    await receive('+33639980304', 'OUI', 0, 'gw-1');
    await receive('+33639980304', 'OUI', 1, 'gw-2');
    expect((await receive('+33639980304', 'OUI', 2, 'gw-2')).created).toBe(false);
    expect(await inboundFrom('+33639980304')).toHaveLength(2);
  });
});
