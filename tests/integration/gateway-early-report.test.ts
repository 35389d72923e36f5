// A delivery report can reach the worker before send() has returned the gateway reference (a fast
// SMSC, a phone in Local mode): it is kept, and applied once the sender records the reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATORS } from '../../src/lib/domain/documents';
import {
  EARLY_REPORTS_ID,
  recordOrKeepReport,
  recordReport,
} from '../../src/lib/server/shared/record-sms';
import type {
  DeliveryReport,
  GatewaySink,
  OutgoingSms,
  SendOutcome,
  SmsGateway,
} from '../../src/lib/server/shared/gateway';
import { startWorker, type RunningWorker } from '../../server/worker';
import { startTestCouch, type TestCouch } from './support/couch';
import { TestClock } from './worker-world';

/** A gateway whose receipts come before its answer to the submit. */
class EagerGateway implements SmsGateway {
  readonly name = 'eager';
  sink: GatewaySink | null = null;
  reports: (ref: string) => DeliveryReport['state'][] = () => ['delivered'];
  async start(sink: GatewaySink) {
    this.sink = sink;
  }
  async send(sms: OutgoingSms): Promise<SendOutcome> {
    const gatewayRef = `eager-${sms.id}`;
    for (const state of this.reports(gatewayRef))
      await this.sink!.report({ gatewayRef, state, at: '2026-11-23T18:00:01.000Z' });
    return { ok: true, gatewayRef };
  }
  async stop() {}
}

let couch: TestCouch;
let worker: RunningWorker;
const gateway = new EagerGateway();
const clock = new TestClock(new Date('2026-11-23T18:00:00Z'));
const logs: string[] = [];

async function outgoing(id: string) {
  const now = clock.now().toISOString();
  await couch.couch.use(couch.dbName).insert({
    _id: id,
    type: 'message',
    schema: 1,
    createdAt: now,
    createdBy: 'worker',
    updatedAt: now,
    updatedBy: 'worker',
    readers: [COORDINATORS],
    direction: 'out',
    to: '+33639980299',
    text: 'Votre trajet de demain est confirmé.',
    purpose: 'reply',
    personId: null,
    relatedId: null,
    state: 'pending',
    history: [{ state: 'pending', at: now }],
    attempts: 0,
    notBefore: null,
    gateway: null,
    gatewayRef: null,
    error: null,
  } as never);
}

const read = async (id: string) =>
  (await couch.couch.use(couch.dbName).get(id)) as unknown as Record<string, unknown>;

async function kept(): Promise<DeliveryReport[]> {
  try {
    return ((await read(EARLY_REPORTS_ID)).reports as DeliveryReport[]) ?? [];
  } catch {
    return [];
  }
}

beforeAll(async () => {
  couch = await startTestCouch();
  worker = await startWorker({
    couchUrl: couch.url,
    dbName: couch.dbName,
    gateway,
    clock,
    autoRun: false,
    retryDelayMs: 1,
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await worker?.stop();
  await couch?.stop();
});

describe('a delivery report that comes before the gateway reference is recorded', () => {
  it('is kept, then marks the message delivered once the reference is recorded', async () => {
    await outgoing('message:early-1');
    await worker.runOnce();
    await worker.runOnce();
    const doc = await read('message:early-1');
    expect(doc).toMatchObject({ state: 'delivered', gatewayRef: 'eager-message:early-1' });
    expect((doc.history as { state: string }[]).map((h) => h.state)).toEqual([
      'pending',
      'sent-to-gateway',
      'sent',
      'delivered',
    ]);
    expect(await kept()).toEqual([]);
    expect(logs.some((l) => l.includes('eager-message:early-1 kept'))).toBe(true);
  });

  it('applies several early reports in the order they came, never moving back', async () => {
    gateway.reports = () => ['failed', 'sent'];
    try {
      await outgoing('message:early-2');
      await worker.runOnce();
      await worker.runOnce();
    } finally {
      gateway.reports = () => ['delivered'];
    }
    expect(await read('message:early-2')).toMatchObject({ state: 'failed' });
    expect(await kept()).toEqual([]);
  });

  it('applies a report at once when the reference is known, and forgets unknown ones after a day', async () => {
    const at = clock.now();
    await recordOrKeepReport(
      couch.couch,
      couch.dbName,
      {
        gatewayRef: 'typed-by-hand',
        state: 'delivered',
        at: at.toISOString(),
      },
      at,
    );
    expect((await kept()).map((r) => r.gatewayRef)).toEqual(['typed-by-hand']);
    // Known reference: applied (message:early-1 is delivered; a late "sent" changes nothing).
    expect(
      await recordOrKeepReport(
        couch.couch,
        couch.dbName,
        {
          gatewayRef: 'eager-message:early-1',
          state: 'sent',
          at: at.toISOString(),
        },
        at,
      ),
    ).toBe('applied');
    expect(await read('message:early-1')).toMatchObject({ state: 'delivered' });
    const nextDay = new Date(at.getTime() + 25 * 60 * 60_000);
    await recordOrKeepReport(
      couch.couch,
      couch.dbName,
      { gatewayRef: 'another-unknown', state: 'sent', at: nextDay.toISOString() },
      nextDay,
    );
    expect((await kept()).map((r) => r.gatewayRef)).toEqual(['another-unknown']);
    // recordReport alone (the Android webhook) still answers false for an unknown reference.
    expect(
      await recordReport(
        couch.couch,
        couch.dbName,
        {
          gatewayRef: 'nobody',
          state: 'sent',
          at: at.toISOString(),
        },
        at,
      ),
    ).toBe(false);
  });
});
