// The database unreachable while the worker works: it waits, tries again from its checkpoint, and
// loses nothing and repeats nothing. The worker reaches the database through a fault proxy; the
// test itself writes and reads directly.
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy, writesDoc, type FaultProxy } from './support/fault-proxy';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
let proxy: FaultProxy;
afterEach(async () => {
  await proxy?.up();
  await world?.stop();
  await proxy?.stop();
});

const JEAN = '06 39 98 01 01';
const MARIE = '06 39 98 02 01';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds; a bound so that a broken worker fails the test instead of hanging. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, boundMs = 30_000) {
  const until = performance.now() + boundMs;
  while (!(await check())) {
    if (performance.now() > until) throw new Error(`still waiting for ${what}`);
    await sleep(100);
  }
}

async function marieAsksForARide(w: World) {
  await addJean(w);
  await w.person('person:marie-0001', { firstName: 'Marie', phone: MARIE });
  await w.request('request:marie-aller', {
    passengerId: 'person:marie-0001',
    fromInsee: INSEE.cardaillac,
    toInsee: INSEE.figeac,
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
  });
}

async function outgoing(w: World) {
  return (await w.docs<{ _id: string; direction: string; state: string }>('message')).filter(
    (m) => m.direction === 'out',
  );
}

/** A worker that reaches the database through the proxy, running its own loop. */
const behindProxy = () => ({ couchUrl: proxy.url, autoRun: true, pollMs: 100, tickMs: 1000 });
async function startBehindProxy(w: World) {
  await w.worker.stop();
  w.worker = await w.startWorker(behindProxy());
}

async function jeanIsAsked(w: World) {
  await marieAsksForARide(w);
  await waitFor('the question to Jean', async () =>
    (await outgoing(w)).some((m) => m.state === 'sent'),
  );
  expect(w.sentTo(JEAN)).toHaveLength(1);
}

/** Once the worker is quiet: everything happened once, nothing is left behind or parked. */
async function expectConfirmedOnce(w: World) {
  await waitFor('the ride told to Marie', () => w.sentTo(MARIE).length > 0);
  await waitFor('every SMS recorded as sent', async () =>
    (await outgoing(w)).every((m) => m.state === 'sent'),
  );
  await waitFor('the checkpoint past every change', async () => {
    const checkpoint = await w.get<{ seq: string }>('_local/worker-main');
    return (await w.db.changes({ since: checkpoint.seq })).results.length === 0;
  });
  await w.worker.stop();
  expect(await w.worker.parked()).toEqual({});
  expect(await w.get('match:marie-aller')).toMatchObject({ state: { status: 'confirmed' } });
  expect(await w.docs('ride')).toHaveLength(1);
  expect(w.sentTo(MARIE)).toHaveLength(1);
  expect(w.sentTo(MARIE)[0]).toContain('Jean');
  expect(w.sentTo(JEAN)).toHaveLength(2);
  const ids = w.handed.map((sms) => sms.id);
  expect(new Set(ids).size).toBe(ids.length);
  const inbound = (
    await w.docs<{ direction: string; state: string; outcome: string }>('message')
  ).filter((m) => m.direction === 'in');
  expect(inbound).toMatchObject([{ state: 'handled', outcome: 'accept' }]);
}

describe('the database unreachable', () => {
  it('for 60 s in the middle of the confirmations: the worker waits, records what the gateway said, and sends the rest once', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    proxy = await startFaultProxy(world.couch.url);
    await startBehindProxy(world);
    await jeanIsAsked(world);

    // Jean says OUI; his confirmation goes to the gateway, and the database goes away before
    // the worker could record that.
    const outage = proxy.downWhen(writesDoc('message:conf-drv-', '"state":"sent"'));
    world.clock.advance(7);
    await world.sms(JEAN, 'oui');
    await outage;
    await sleep(60_000);
    expect(world.sentTo(JEAN)).toHaveLength(2);
    expect(world.sentTo(MARIE)).toEqual([]);
    expect(world.logs.some((l) => /conf-drv-.*database unreachable/.test(l))).toBe(true);
    await proxy.up();

    await expectConfirmedOnce(world);
  }, 180_000);

  it('while the worker starts (a restart beside the database): it waits for it, then works', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    proxy = await startFaultProxy(world.couch.url);
    await world.worker.stop();
    // The database goes away halfway through the start, once the worker reads its first view.
    const outage = proxy.downWhen((req) => req.path.includes('/_view/'), 'reset');
    const starting = world.startWorker(behindProxy());
    await outage;
    await sleep(3000);
    await proxy.up();
    world.worker = await starting;
    expect(world.logs.some((l) => /start: database unreachable, trying again/.test(l))).toBe(true);
    await jeanIsAsked(world);
  });

  it('answering 503 three times to one write (a cluster node away): the driver’s OUI is tried again, not parked', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    proxy = await startFaultProxy(world.couch.url);
    await startBehindProxy(world);
    await jeanIsAsked(world);
    proxy.inject({
      when: writesDoc('match:marie-aller', '"confirmed"'),
      fault: { status: 503, body: { error: 'unavailable', reason: 'node down' } },
      times: 3,
    });
    world.clock.advance(7);
    await world.sms(JEAN, 'oui');
    await expectConfirmedOnce(world);
    expect(world.logs.filter((l) => /feed: node down; retrying/.test(l))).toHaveLength(3);
  });
});
