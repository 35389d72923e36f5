// The database's ids kept by the proxy: read once from the whole feed in the background, then
// followed and caught up from the feed at every use. A small stand-in for CouchDB on loopback
// answers the feed (a long poll at once when something is new, never otherwise) and counts
// what it is asked.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { knownIds, warmKnownIds } from './known-ids';
import { warmDbProxy } from './proxy';
import { startStandInCouch, type StandInCouch } from './stand-in-couch';

let couch: StandInCouch;
const asked: string[] = [];
/** What the follower's long polls asked. */
const followed: string[] = [];
/** Every change the stand-in's feed holds, in order; `since` is an index into it. */
let feed: { id: string; deleted?: boolean }[] = [];
let failing = false;

beforeAll(async () => {
  couch = await startStandInCouch(({ searchParams }) => {
    const since = Number(searchParams.get('since') ?? 0);
    if (searchParams.get('feed') === 'longpoll') {
      followed.push(`since=${since}`);
      if (since >= feed.length) return null;
    } else asked.push(`since=${since}`);
    if (failing) return { status: 500, body: { error: 'boom' } };
    const rows = feed.slice(since, since + Number(searchParams.get('limit') ?? Infinity));
    return {
      body: {
        results: rows.map((row, i) => ({ seq: since + i + 1, ...row, changes: [{ rev: '1-a' }] })),
        last_seq: since + rows.length,
      },
    };
  });
});
afterAll(() => couch.close());

const upstream = (db: string) => couch.upstream(db);

describe('the database’s ids', () => {
  it('are read once in the background, deleted ones too, then caught up at every use', async () => {
    const up = upstream('caught-up');
    feed = [{ id: 'person:a' }, { id: 'person:b', deleted: true }];
    asked.length = 0;
    // Not read yet: the caller asks the database itself meanwhile.
    expect(await knownIds(up)).toBeNull();
    await warmKnownIds(up);
    expect(await knownIds(up)).toEqual(new Set(['person:a', 'person:b']));
    feed.push({ id: 'request:c' });
    expect(await knownIds(up)).toEqual(new Set(['person:a', 'person:b', 'request:c']));
    // The whole feed once, then only what came since each time.
    expect(asked).toEqual(['since=0', 'since=2', 'since=2']);
  });

  it('are read when the app starts, from the database the configuration names', async () => {
    feed = [{ id: 'person:a' }, { id: 'trip:b' }];
    const origin = new URL(couch.upstream('x').base).origin;
    await warmDbProxy({
      couchUrl: origin,
      couchAuth: { name: 'maillage-app', password: 'pw' },
      couchDb: 'at-start',
      sessionSecret: 's'.repeat(32),
      maxBodyBytes: 1024,
      longpollMaxMs: 1000,
    });
    asked.length = 0;
    expect(await knownIds(upstream('at-start'))).toEqual(new Set(['person:a', 'trip:b']));
    // Already read: the use only catches up.
    expect(asked).toEqual(['since=2']);
  });

  it('are followed between uses, so that a use reads only what came since', async () => {
    const up = upstream('followed');
    feed = [{ id: 'person:a' }];
    await warmKnownIds(up);
    await vi.waitFor(() => expect(followed).toContain('since=1'));
    feed.push({ id: 'person:b' }, { id: 'person:c' });
    couch.wake();
    await vi.waitFor(() => expect(followed).toContain('since=3'));
    asked.length = 0;
    expect(await knownIds(up)).toEqual(new Set(['person:a', 'person:b', 'person:c']));
    expect(asked).toEqual(['since=3']);
  });

  it('are still followed when the database never ends a quiet long poll (express-pouchdb)', async () => {
    const up = upstream('quiet');
    feed = [{ id: 'person:a' }];
    followed.length = 0;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await warmKnownIds(up, 20);
      // Each poll held open past twice its wait is ended by the follower, which asks again.
      await vi.waitFor(() => expect(followed.length).toBeGreaterThanOrEqual(4), { timeout: 3000 });
      expect(warn).not.toHaveBeenCalled();
      feed.push({ id: 'person:b' });
      couch.wake();
      await vi.waitFor(() => expect(followed).toContain('since=2'));
    } finally {
      warn.mockRestore();
    }
  });

  it('are read again from the whole feed when too much changed since', async () => {
    const up = upstream('too-much');
    feed = [{ id: 'person:a' }];
    await warmKnownIds(up);
    feed.push(...Array.from({ length: 5001 }, (_, i) => ({ id: `person:n${i}` })));
    expect(await knownIds(up)).toBeNull();
    await warmKnownIds(up);
    expect((await knownIds(up))?.size).toBe(5002);
  });

  it('are tried again at the next use when the database fails to answer', async () => {
    const up = upstream('failing');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    feed = [{ id: 'person:a' }];
    failing = true;
    try {
      await warmKnownIds(up);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/^\[db-proxy\] database ids not read/),
      );
      // The next use starts another read (failing too; waited for here).
      expect(await knownIds(up)).toBeNull();
      await warmKnownIds(up);
    } finally {
      failing = false;
      warn.mockRestore();
    }
    await warmKnownIds(up);
    expect(await knownIds(up)).toEqual(new Set(['person:a']));
  });

  it('are kept per database', async () => {
    feed = [{ id: 'person:a' }];
    await warmKnownIds(upstream('one'));
    feed = [{ id: 'person:z' }];
    await warmKnownIds(upstream('two'));
    expect(await knownIds(upstream('one'))).toEqual(new Set(['person:a']));
    expect(await knownIds(upstream('two'))).toEqual(new Set(['person:z']));
  });
});
