// Decisions that rest on a view right after a write the view should show (docs/cluster.md, the
// audit): on a cluster a view may not show a write just made. Here one view at a time answers as
// of the worker's start, the rest of the database being exact. Each test fails until the fix it
// names (in /tmp/cluster-proposals/) is applied to the file that decides.
import { afterEach, describe, expect, it } from 'vitest';
import { COORDINATORS } from '../../src/lib/domain/documents';
import * as T from '../../src/lib/domain/sms-templates';
import { EARLY_REPORTS_ID } from '../../src/lib/server/shared/record-sms';
import type {
  GatewaySink,
  OutgoingSms,
  SendOutcome,
  SmsGateway,
} from '../../src/lib/server/shared/gateway';
import { startWorker, type RunningWorker } from '../../server/worker';
import { startClusterWorld, type ClusterWorld } from './support/cluster-world';
import { startTestCouch, type TestCouch } from './support/couch';
import { addJean, INSEE, TestClock } from './worker-world';

let world: ClusterWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const NOW = '2026-11-24T09:00:00Z';
const JEAN = '06 39 98 01 01';
// A real cluster lags on its own terms: these need the injector.
const noInjector = process.env.TEST_CLUSTER_FAULTS === 'off';
const lagging = (view: string) =>
  startClusterWorld(NOW, 1, { viewLagMs: 600_000, laggingViews: [view] });

async function marieAsks(w: ClusterWorld, id = 'person:pax-0001', phone = '06 39 98 02 01') {
  await w.person(id, { firstName: 'Marie', phone });
  await w.request(`request:${id.slice(7)}`, {
    passengerId: id,
    fromInsee: INSEE.cardaillac,
    toInsee: INSEE.figeac,
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
  });
}

describe.skipIf(noInjector)('decisions while a view lags', () => {
  // The ride is noted in the driver's conversation as the phone is freed, and read by id.
  it('offers a trip’s last seat once although rides_by_date lags', async () => {
    const w = (world = await lagging('rides_by_date'));
    await addJean(w);
    const trip = await w.get<Record<string, unknown>>('trip:jean-figeac');
    await w.db.insert({ ...trip, seats: 1 } as never);
    await marieAsks(w);
    await marieAsks(w, 'person:pax-0003', '06 39 98 02 03');
    await w.runAll();
    w.clock.advance(2);
    await w.sms(JEAN, 'oui');
    await w.runAll();
    w.clock.advance(11); // the other request, waiting while Jean was asked, looks again
    await w.runAll();
    expect(w.sentTo(JEAN).filter((t) => t.includes('cherche un trajet'))).toHaveLength(1);
    const states = (await w.docs<{ state: { status: string } }>('match')).map(
      (m) => m.state.status,
    );
    expect(states.sort()).toEqual(['confirmed', 'unmatched']);
  });

  // The question the driver was asked is read by id from the conversation.
  it('lets a driver just asked cancel with ANNULER although active_by_person lags', async () => {
    const w = (world = await lagging('active_by_person'));
    await addJean(w);
    await marieAsks(w);
    await w.runAll();
    expect(w.sentTo(JEAN)).toHaveLength(1);
    await w.sms(JEAN, 'annuler');
    await w.runAll();
    expect(w.sentTo(JEAN).at(-1)).toBe(T.cancelAckSms('2026-11-26'));
    const [match] = await w.docs<{ state: { status: string } }>('match');
    expect(match?.state.status).toBe('unmatched'); // Jean said no; nobody else goes there
  });

  // The person made for an unknown phone is read by id when the view has nobody.
  it('knows the person it created for a phone although people_by_phone lags', async () => {
    const w = (world = await lagging('people_by_phone'));
    await addJean(w);
    await w.sms('06 39 98 02 09', 'Cardaillac Figeac jeudi 8h30');
    await w.runAll();
    expect(await w.docs('person')).toHaveLength(2); // Jean, and the one made for this phone
    await w.sms('06 39 98 02 09', 'annuler');
    await w.runAll();
    expect(w.sentTo('06 39 98 02 09').at(-1)).toBe(T.cancelAckSms('2026-11-26'));
  });

  // The worker's own trips (from the feed) are paused too.
  it('pauses a trip just declared although trips_by_driver lags', async () => {
    const w = (world = await lagging('trips_by_driver'));
    await addJean(w);
    await w.runAll();
    await w.sms(JEAN, 'pause');
    await w.runAll();
    expect(w.sentTo(JEAN)).toEqual([T.PAUSE_SMS]);
    expect(await w.get('trip:jean-figeac')).toMatchObject({ paused: true });
  });
});

/** A gateway whose delivery receipt comes before its answer to the submit. */
class EagerGateway implements SmsGateway {
  readonly name = 'eager';
  sink: GatewaySink | null = null;
  async start(sink: GatewaySink) {
    this.sink = sink;
  }
  async send(sms: OutgoingSms): Promise<SendOutcome> {
    const gatewayRef = `eager-${sms.id}`;
    await this.sink!.report({ gatewayRef, state: 'delivered', at: '2026-11-23T18:00:01.000Z' });
    return { ok: true, gatewayRef };
  }
  async stop() {}
}

describe.skipIf(noInjector)('a delivery report that came early, while by_gateway_ref lags', () => {
  let couch: TestCouch | undefined;
  let worker: RunningWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    await couch?.stop();
  });

  // Failed while kept reports were looked for through the view: now applied by the message's id.
  it('is applied once the sender records the reference', async () => {
    couch = await startTestCouch({
      faults: { seed: 1, viewLagMs: 600_000, laggingViews: ['by_gateway_ref'] },
    });
    const clock = new TestClock(new Date('2026-11-23T18:00:00Z'));
    const db = couch.couch.use(couch.dbName);
    worker = await startWorker({
      couchUrl: couch.url,
      dbName: couch.dbName,
      gateway: new EagerGateway(),
      clock,
      autoRun: false,
      log: () => {},
    });
    const now = clock.now().toISOString();
    await db.insert({
      _id: 'message:early-1',
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
    await worker.runOnce();
    await worker.runOnce();
    expect(await db.get('message:early-1')).toMatchObject({ state: 'delivered' });
    const kept = (await db.get(EARLY_REPORTS_ID)) as unknown as { reports: unknown[] };
    expect(kept.reports).toEqual([]);
  });
});
