// How the worker follows the feed: a long poll that ends empty after its timeout (the embedded
// server as Apache CouchDB), what the worker writes handled at once rather than one feed trip
// later, and the feed's copies of those revisions not handled a second time.
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { startTestCouch, type TestCouch } from './support/couch';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let couch: TestCouch | undefined;
let world: World | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await world?.stop();
  await proxy?.stop();
  await couch?.stop();
  world = proxy = couch = undefined;
});

type Feed = { results: { id: string }[]; last_seq: unknown };

async function marieAsks(w: World) {
  await addJean(w);
  await w.person('person:marie-0001', { firstName: 'Marie', phone: '06 39 98 02 01' });
  await w.request('request:marie-aller', {
    passengerId: 'person:marie-0001',
    fromInsee: INSEE.cardaillac,
    toInsee: INSEE.figeac,
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
  });
}

describe('the changes feed, long-polled', () => {
  it('ends empty after its timeout when nothing changes, and at once with a change', async () => {
    couch = await startTestCouch({ setup: 'plain' });
    const db = couch.couch.use(couch.dbName);
    const since = (await db.changes({ limit: 1, descending: true } as never)).last_seq;
    const longPoll = (timeout: number) =>
      couch!.couch.request({
        db: couch!.dbName,
        path: '_changes',
        qs: { feed: 'longpoll', since, timeout },
      }) as Promise<Feed>;

    const quiet = await longPoll(200);
    expect(quiet.results).toEqual([]);

    const waiting = longPoll(60_000);
    await db.insert({ _id: 'doc:one' });
    expect((await waiting).results.map((r) => r.id)).toEqual(['doc:one']);
  });
});

describe('what the worker writes', () => {
  it('is handled in the same batch: one step takes a request to the question at the gateway', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await marieAsks(world);
    await world.worker.step();
    expect(world.sentTo('06 39 98 01 01')).toEqual([
      expect.stringContaining('Marie (Cardaillac) cherche un trajet Cardaillac - Figeac'),
    ]);
    expect(await world.get('match:marie-aller')).toMatchObject({ state: { status: 'asking' } });
  });

  it('reads no person or request by id: they are known from the start and from the feed', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    proxy = await startFaultProxy(world.couch.url);
    await marieAsks(world);
    await world.worker.stop();
    world.worker = await world.startWorker({ couchUrl: proxy.url });
    const reads: string[] = [];
    // A rule that never matches: it only sees every request the worker makes.
    proxy.inject({
      when: (req) => (reads.push(`${req.method} ${req.path}`), false),
      fault: 'reset',
    });
    await world.worker.step();
    expect(world.sentTo('06 39 98 01 01')).toHaveLength(1);
    expect(reads.filter((r) => /^GET \/[^/]+\/(person|request)%3A/.test(r))).toEqual([]);
  });

  it('is not handled again when the feed brings it back', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    proxy = await startFaultProxy(world.couch.url);
    await world.worker.stop();
    world.worker = await world.startWorker({ couchUrl: proxy.url });
    await marieAsks(world);
    await world.worker.step();
    // The match, the driver's conversation and the SMS come back through the feed: already
    // handled, they cost the read of the feed and the checkpoint, nothing more.
    const before = proxy.forwarded;
    expect(await world.worker.step()).toBeGreaterThan(0);
    expect(proxy.forwarded - before).toBe(2);
    expect(await world.worker.step()).toBe(0);
    expect(world.sentTo('06 39 98 01 01')).toHaveLength(1);
  });
});
