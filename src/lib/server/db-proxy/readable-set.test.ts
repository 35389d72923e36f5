// The readable set's freshness: which requests catch it up from the feed, which reuse it. A small
// stand-in for CouchDB on loopback answers the three reads the set makes and counts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteWalk, readableOf, readableSet, REVS_DIFF_REUSE_MS } from './readable-set';
import { startStandInCouch, type StandInCouch } from './stand-in-couch';

let couch: StandInCouch;
const asked: string[] = [];
/** The feed since the set was read: what the next catch-up sees. */
let feed: { id: string; doc: Record<string, unknown> }[] = [];

beforeAll(async () => {
  couch = await startStandInCouch(({ pathname: path }) => {
    asked.push(path.endsWith('/_changes') ? 'changes' : path.includes('_view') ? 'view' : 'info');
    const body = path.endsWith('/_changes')
      ? {
          results: feed.map((row, i) => ({
            seq: 10 + i,
            id: row.id,
            changes: [{ rev: row.doc._rev }],
            doc: row.doc,
          })),
          last_seq: 10 + feed.length,
        }
      : path.includes('_view')
        ? { rows: [{ id: 'person:a', key: ['user:sophie', 'person:a'], value: '1-a' }] }
        : { update_seq: 9 };
    feed = [];
    return { body };
  });
});
afterAll(() => couch.close());

const upstream = (db: string) => couch.upstream(db);
const keys = ['user:sophie'];
const t0 = Date.parse('2026-12-02T10:00:00Z');

describe('the readable set', () => {
  it('is read from the index once, then caught up from the feed at every exact use', async () => {
    const up = upstream('exact');
    asked.length = 0;
    expect([...(await readableSet(up, keys, t0, 0)).keys()]).toEqual(['person:a']);
    feed = [{ id: 'person:b', doc: { _id: 'person:b', _rev: '1-b', readers: keys } }];
    expect(await readableOf(up, keys, ['person:a', 'person:b', 'person:c'], t0)).toEqual(
      new Set(['person:a', 'person:b']),
    );
    expect(asked).toEqual(['info', 'view', 'changes']);
  });

  it('is reused without a catch-up within the reuse time, and caught up past it', async () => {
    const up = upstream('reused');
    asked.length = 0;
    await readableSet(up, keys, t0, REVS_DIFF_REUSE_MS);
    // A push's next batches, a second apart: no request at all.
    await readableSet(up, keys, t0 + 1000, REVS_DIFF_REUSE_MS);
    await readableSet(up, keys, t0 + REVS_DIFF_REUSE_MS - 1, REVS_DIFF_REUSE_MS);
    expect(asked).toEqual(['info', 'view']);
    // The reuse time is counted from the last catch-up, not the last use.
    feed = [{ id: 'person:a', doc: { _id: 'person:a', _rev: '2-a', readers: ['user:paul'] } }];
    const late = await readableSet(up, keys, t0 + REVS_DIFF_REUSE_MS, REVS_DIFF_REUSE_MS);
    expect(asked).toEqual(['info', 'view', 'changes']);
    expect(late.has('person:a')).toBe(false);
  });

  it('is caught up when the clock goes back', async () => {
    const up = upstream('clock');
    asked.length = 0;
    await readableSet(up, keys, t0, REVS_DIFF_REUSE_MS);
    await readableSet(up, keys, t0 - 1000, REVS_DIFF_REUSE_MS);
    expect(asked).toEqual(['info', 'view', 'changes']);
  });

  it('is left behind by a first pull’s walk through the index, as of the sequence it pinned', async () => {
    const up = upstream('walked');
    asked.length = 0;
    const page = (since: string | null, lastSeq: string, done: boolean, ids: string[]) =>
      noteWalk(up, keys, {
        seq: 9,
        since,
        lastSeq,
        done,
        rows: ids.map((id) => ({ id, rev: `1-${id}` })),
        now: t0,
      });
    page(null, 'r~one', false, ['person:a', 'person:b']);
    // A page another walk asked (this process never served its first): nothing of it is kept.
    page('r~elsewhere', 'r~two', false, ['person:x']);
    page('r~one', '9', true, ['person:c']);
    const set = await readableSet(up, keys, t0 + 1000, REVS_DIFF_REUSE_MS);
    expect([...set.keys()].sort()).toEqual(['person:a', 'person:b', 'person:c']);
    expect(asked).toEqual([]);
    // Past the reuse time it is caught up from the pinned sequence like any other.
    feed = [{ id: 'person:b', doc: { _id: 'person:b', _rev: '2-b', readers: ['user:paul'] } }];
    const later = await readableSet(up, keys, t0 + REVS_DIFF_REUSE_MS, REVS_DIFF_REUSE_MS);
    expect(asked).toEqual(['changes']);
    expect([...later.keys()].sort()).toEqual(['person:a', 'person:c']);
  });
});
