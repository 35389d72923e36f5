// A received SMS delivered twice (a repeated webhook, a deliver_sm whose acknowledgement was lost)
// is recorded once, whenever the second copy comes: on the embedded server a second create of the
// same id with another createdAt is refused by validate_doc_update (403) before any 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInbound } from '../../src/lib/server/shared/record-sms';
import type {
  GatewaySink,
  InboundSms,
  OutgoingSms,
  SendOutcome,
  SmsGateway,
} from '../../src/lib/server/shared/gateway';
import { startWorker, type RunningWorker } from '../../server/worker';
import { startTestCouch, type TestCouch } from './support/couch';
import { TestClock } from './worker-world';

/** A gateway that only hands the worker's sink to the test. */
class SinkGateway implements SmsGateway {
  readonly name = 'sink-test';
  sink: GatewaySink | null = null;
  async start(sink: GatewaySink) {
    this.sink = sink;
  }
  async send(sms: OutgoingSms): Promise<SendOutcome> {
    return { ok: true, gatewayRef: `ref-${sms.id}` };
  }
  async stop() {}
}

let couch: TestCouch;
const sms = (id: string): InboundSms => ({
  gatewayMessageId: id,
  from: '06 39 98 02 01',
  text: 'Gramat Figeac mardi 9h',
  receivedAt: '2026-11-23T08:00:00.000Z',
});

async function inbound() {
  const all = await couch.couch.use(couch.dbName).list({ include_docs: true });
  return all.rows
    .map((r) => r.doc as unknown as Record<string, unknown>)
    .filter((d) => d.type === 'message' && d.direction === 'in');
}

beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

describe('recording a received SMS', () => {
  it('records the same SMS once when it comes again later (console gateway)', async () => {
    const first = await recordInbound(
      couch.couch,
      couch.dbName,
      'console',
      sms('twice-later'),
      new Date('2026-11-23T08:00:01Z'),
    );
    const again = await recordInbound(
      couch.couch,
      couch.dbName,
      'console',
      sms('twice-later'),
      new Date('2026-11-23T08:05:00Z'),
    );
    expect(first).toEqual({ id: again.id, created: true });
    expect(again.created).toBe(false);
    const docs = (await inbound()).filter((d) => d._id === first.id);
    expect(docs).toMatchObject([{ createdAt: '2026-11-23T08:00:01.000Z', from: '+33639980201' }]);
  });

  it('records it once when two copies race (both create the same id)', async () => {
    const results = await Promise.all(
      ['08:00:01', '08:00:02', '08:00:03'].map((t) =>
        recordInbound(
          couch.couch,
          couch.dbName,
          'console',
          sms('racing'),
          new Date(`2026-11-23T${t}Z`),
        ),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await inbound()).filter((d) => d.gatewayMessageId === 'racing')).toHaveLength(1);
  });

  it("takes a second copy through the worker's own sink without an error", async () => {
    const gateway = new SinkGateway();
    const clock = new TestClock(new Date('2026-11-23T08:00:00Z'));
    const worker: RunningWorker = await startWorker({
      couchUrl: couch.url,
      dbName: couch.dbName,
      gateway,
      clock,
      autoRun: false,
      log: () => {},
    });
    try {
      await gateway.sink!.inbound(sms('sink-twice'));
      clock.advance(3);
      await expect(gateway.sink!.inbound(sms('sink-twice'))).resolves.toBeUndefined();
      const docs = (await inbound()).filter((d) => d.gatewayMessageId === 'sink-twice');
      expect(docs).toMatchObject([{ gateway: 'sink-test', createdAt: '2026-11-23T08:00:00.000Z' }]);
    } finally {
      await worker.stop();
    }
  });
});
