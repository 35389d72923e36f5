// The write rule of docs/cluster.md, through a fault injector that answers writes as a CouchDB
// cluster may: a write is won when it is the only live revision, a loser takes its revision back,
// the document never ends deleted or in conflict, and a conflict left behind is resolved by the
// rule (an SMS that went further stays).
import { afterEach, describe, expect, it } from 'vitest';
import { ChangesFeed, RESOLVED_ID } from '../../server/worker/feed';
import { claim, getDoc, putDoc, type Db } from '../../src/lib/server/shared/store';
import type { ClusterFaultOptions } from './support/cluster-faults';
import { startTestCouch, type TestCouch } from './support/couch';

let couch: TestCouch;
afterEach(async () => {
  await couch?.stop();
});
// TEST_CLUSTER_FAULTS=off (a real cluster, no injector): what needs a forced fault is skipped.
const noInjector = process.env.TEST_CLUSTER_FAULTS === 'off';

async function open(faults: Omit<ClusterFaultOptions, 'seed'> = {}, seed = 1) {
  couch = await startTestCouch({ setup: 'plain', faults: { seed, ...faults } });
  const db: Db = couch.couch.use(couch.dbName);
  return db;
}

/** Every live revision of a document. */
async function leaves(db: Db, id: string) {
  const all = (await db.get(id, { open_revs: 'all' } as never)) as unknown as {
    ok?: { _rev: string; _deleted?: boolean; [field: string]: unknown };
  }[];
  return all.map((l) => l.ok!).filter((d) => !d._deleted);
}

/** Stores `body` as a revision beside the others, as a node that took another write would. */
async function plantSibling(db: Db, id: string, parentRev: string, body: object, hash: string) {
  const parent = (await db.get(id, { rev: parentRev, revs: true } as never)) as unknown as {
    _revisions: { start: number; ids: string[] };
  };
  const revisions = { start: parent._revisions.start + 1, ids: [hash, ...parent._revisions.ids] };
  await db.bulk({
    docs: [{ ...body, _id: id, _rev: `${revisions.start}-${hash}`, _revisions: revisions }],
    new_edits: false,
  } as never);
}

describe('writes on a cluster', () => {
  it.skipIf(noInjector)(
    'counts a losing write answered 202 as lost, and takes its revision back',
    async () => {
      const db = await open();
      const first = (await putDoc(db, { _id: 'doc:1', v: 0 })) as string;
      expect(await putDoc(db, { _id: 'doc:1', _rev: first, v: 'a' })).not.toBe(false);
      // The second writer read the same revision; its write reached one node: 202, not 409.
      couch.faults!.force('accepted');
      expect(await putDoc(db, { _id: 'doc:1', _rev: first, v: 'b' })).toBe(false);
      expect(await leaves(db, 'doc:1')).toMatchObject([{ v: 'a' }]);
      expect(couch.faults!.stats.losersAccepted).toBe(1);
    },
  );

  it.skipIf(noInjector)(
    'counts a write answered 202 as won when it is the only revision',
    async () => {
      const db = await open();
      couch.faults!.force('accepted', 'accepted');
      const first = (await putDoc(db, { _id: 'doc:alone', v: 0 })) as string;
      expect(first).toMatch(/^1-/);
      expect(await putDoc(db, { _id: 'doc:alone', _rev: first, v: 1 })).toMatch(/^2-/);
      expect(await leaves(db, 'doc:alone')).toMatchObject([{ v: 1 }]);
    },
  );

  it.skipIf(noInjector)(
    'loses a write answered 202 beside another writer’s revision, and keeps theirs',
    async () => {
      const db = await open();
      const first = (await putDoc(db, { _id: 'doc:2', v: 0 })) as string;
      couch.faults!.force('acceptedWithSibling');
      expect(await putDoc(db, { _id: 'doc:2', _rev: first, v: 'mine' })).toBe(false);
      // The rival rewrote the parent unchanged: the document is as it was, one revision, live.
      expect(await leaves(db, 'doc:2')).toMatchObject([{ v: 0 }]);
      expect((await getDoc<{ v: number }>(db, 'doc:2'))?.v).toBe(0);
    },
  );

  it.skipIf(noInjector)(
    'does not take back a write won over a shorter revision that another writer is taking back',
    async () => {
      const db = await open();
      const first = (await putDoc(db, { _id: 'doc:short', state: 'pending' })) as string;
      const second = (await putDoc(db, { _id: 'doc:short', _rev: first, state: 'sent' })) as string;
      // Another creator's losing first revision, not taken back yet (it will be, by its writer).
      await db.bulk({
        docs: [{ _id: 'doc:short', _rev: '1-' + 'e'.repeat(32), state: 'pending' }],
        new_edits: false,
      } as never);
      couch.faults!.force('accepted');
      const third = await putDoc(db, { _id: 'doc:short', _rev: second, state: 'delivered' });
      expect(third).toMatch(/^3-/);
      expect((await leaves(db, 'doc:short')).map((l) => l.state).sort()).toEqual([
        'delivered',
        'pending',
      ]);
      expect((await getDoc<{ state: string }>(db, 'doc:short'))?.state).toBe('delivered');
    },
  );

  it.skipIf(noInjector)(
    'puts the document back as it was when both racers were answered 202 and backed off',
    async () => {
      const db = await open();
      couch.faults!.force('rivalBacksOff');
      // A creation beside a rival creation, both taken back: created again, by the one who saw it.
      expect(await putDoc(db, { _id: 'doc:3', v: 0 })).toBe(false);
      const start = await getDoc<{ v: number }>(db, 'doc:3');
      expect(start?.v).toBe(0);
      couch.faults!.force('rivalBacksOff');
      expect(await putDoc(db, { _id: 'doc:3', _rev: start!._rev, v: 1 })).toBe(false);
      // Neither write stands, and the document is not deleted: it is its parent again.
      expect(await leaves(db, 'doc:3')).toMatchObject([{ v: 0 }]);
      expect(couch.faults!.stats.rivalsBackedOff).toBe(2);
    },
  );

  const races = Number(process.env.CLUSTER_RACES ?? 60);
  it(`lets at most one of two racing writers win, and leaves no conflict (${races} races)`, async () => {
    const db = await open(
      { accepted: 0.3, losersAccepted: 0.7 },
      Number(process.env.CLUSTER_SEED ?? 20260),
    );
    let rev = (await putDoc(db, { _id: 'doc:race', n: 0, by: 'nobody' })) as string;
    let bothWon = 0;
    let noneWon = 0;
    for (let n = 1; n <= races; n++) {
      const [a, b] = await Promise.all(
        ['a', 'b'].map((by) => putDoc(db, { _id: 'doc:race', _rev: rev, n, by })),
      );
      if (a !== false && b !== false) bothWon++;
      const current = (await getDoc<{ n: number; by: string }>(db, 'doc:race'))!;
      expect(await leaves(db, 'doc:race')).toHaveLength(1);
      // The winner's write is the document; with no winner it is put back as it was.
      if (a === false && b === false) {
        noneWon++;
        expect(current.n).toBe(n - 1);
      } else expect(current).toMatchObject({ n, by: a !== false ? 'a' : 'b' });
      rev = current._rev;
    }
    console.log(JSON.stringify({ races, bothWon, noneWon, faults: couch.faults?.stats }));
    expect(bothWon).toBe(0);
    const s = couch.faults?.stats;
    if (s) expect(s.accepted + s.losersAccepted).toBeGreaterThan(races / 4);
  });

  it('claims only a revision that stands alone', async () => {
    const db = await open();
    const rev = (await putDoc(db, { _id: 'doc:4', state: 'pending', n: 0 })) as string;
    await putDoc(db, { _id: 'doc:4', _rev: rev, state: 'pending', n: 1 });
    await plantSibling(db, 'doc:4', rev, { state: 'pending', n: 2 }, 'f'.repeat(32));
    const revs = (await leaves(db, 'doc:4')).map((l) => l._rev);
    expect(revs).toHaveLength(2);
    for (const r of revs)
      expect(await claim(db, { _id: 'doc:4', _rev: r, state: 'claimed' })).toBe(false);
    expect((await leaves(db, 'doc:4')).map((l) => l.state)).toEqual(['pending', 'pending']);
    const settled = (await getDoc<{ state: string }>(db, 'doc:4'))!; // resolved by the rule
    expect(await claim(db, { _id: 'doc:4', _rev: settled._rev, state: 'claimed' })).not.toBe(false);
    expect(await claim(db, { _id: 'doc:4', _rev: settled._rev, state: 'again' })).toBe(false);
    expect(await leaves(db, 'doc:4')).toMatchObject([{ state: 'claimed' }]);
  });
});

describe('a conflict left behind', () => {
  const sms = (state: string, attempts: number) => ({
    type: 'message',
    direction: 'out',
    state,
    attempts,
    updatedAt: '2026-11-24T09:00:00.000Z',
  });

  it('keeps the SMS that went further, so that a claimed SMS is never sent again', async () => {
    const db = await open({});
    const rev = (await putDoc(db, { _id: 'message:x', ...sms('pending', 0) })) as string;
    await putDoc(db, { _id: 'message:x', _rev: rev, ...sms('sent-to-gateway', 1) });
    // A worker killed while settling left its revision: the SMS as it was before the claim.
    await plantSibling(db, 'message:x', rev, sms('pending', 0), 'f'.repeat(32));
    expect(await leaves(db, 'message:x')).toHaveLength(2);
    const read = await getDoc<{ state: string }>(db, 'message:x');
    expect(read?.state).toBe('sent-to-gateway');
    expect(await leaves(db, 'message:x')).toMatchObject([{ state: 'sent-to-gateway' }]);
  });

  it('is held back from the handlers by the feed, resolved after the grace, and recorded', async () => {
    const db = await open({});
    const rev = (await putDoc(db, { _id: 'doc:left', v: 1, updatedAt: '2026-01-01' })) as string;
    await putDoc(db, { _id: 'doc:left', _rev: rev, v: 2, updatedAt: '2026-01-02' });
    await plantSibling(db, 'doc:left', rev, { v: 3, updatedAt: '2026-01-03' }, '0'.repeat(32));
    const feed = new ChangesFeed(db, '_local/feed-test', { graceMs: 0 });
    await feed.loadCheckpoint();
    const first = await feed.next(100);
    expect(first.changes.map((c) => c.id)).toEqual([]);
    await feed.saveCheckpoint(first.lastSeq);
    const second = await feed.next(100); // the grace is over: resolved, which is a new change
    await feed.saveCheckpoint(second.lastSeq);
    const third = await feed.next(100);
    const seen = [...second.changes, ...third.changes];
    expect(seen.map((c) => [c.id, c.doc?.v])).toEqual([['doc:left', 3]]);
    expect(await leaves(db, 'doc:left')).toHaveLength(1);
    const record = (await db.get(RESOLVED_ID)) as unknown as { dropped: { doc: { v: number } }[] };
    expect(record.dropped.map((d) => d.doc.v)).toEqual([2]);
  });

  it('survives a restart while a conflict waits: the checkpoint remembers it', async () => {
    const db = await open({});
    const rev = (await putDoc(db, { _id: 'doc:wait', v: 1 })) as string;
    await putDoc(db, { _id: 'doc:wait', _rev: rev, v: 2 });
    await plantSibling(db, 'doc:wait', rev, { v: 3 }, '0'.repeat(32));
    const before = new ChangesFeed(db, '_local/feed-restart', { graceMs: 60_000 });
    await before.loadCheckpoint();
    await before.saveCheckpoint((await before.next(100)).lastSeq);
    const after = new ChangesFeed(db, '_local/feed-restart', { graceMs: 0 });
    await after.loadCheckpoint();
    const first = await after.next(100); // resolved before reading: the resolution is a change
    await after.saveCheckpoint(first.lastSeq);
    const seen = [...first.changes, ...(await after.next(100)).changes];
    expect(seen.map((c) => c.id)).toEqual(['doc:wait']);
    expect(await leaves(db, 'doc:wait')).toHaveLength(1);
  });
});
