// A relay's GET /db/: what the replicator reads of the database's info, and no more, read from
// the database at most once a second (PouchDB asks it at every batch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyRead } from './read-routes';
import { readScope } from './read-scope';
import { startStandInCouch, type StandInCouch } from './stand-in-couch';

let couch: StandInCouch;
let asked = 0;
let seq = 1;

beforeAll(async () => {
  couch = await startStandInCouch(() => {
    asked += 1;
    return { body: { db_name: 'maillage', update_seq: seq, doc_count: 20_000, sizes: {} } };
  });
});
afterAll(() => couch.close());

const t0 = Date.parse('2026-11-21T10:00:00.000Z');
const info = async (at: number) => {
  const up = couch.upstream('info');
  const res = await proxyRead({
    route: { kind: 'db-info' },
    method: 'GET',
    path: '',
    query: new URLSearchParams(),
    body: undefined,
    scope: readScope({ name: 'sophie', roles: ['relay'] }),
    userName: 'sophie',
    up,
    longpollMaxMs: 1000,
    clientSignal: up.signal,
    now: new Date(at),
  });
  return res!.json();
};

describe('a relay’s database info', () => {
  it('is the name and sequence alone, read again once a second has passed', async () => {
    expect(await info(t0)).toEqual({ db_name: 'maillage', update_seq: 1 });
    seq = 2;
    expect(await info(t0 + 999)).toEqual({ db_name: 'maillage', update_seq: 1 });
    expect(asked).toBe(1);
    expect(await info(t0 + 1000)).toEqual({ db_name: 'maillage', update_seq: 2 });
    // A clock gone back is not a recent answer.
    seq = 3;
    expect(await info(t0 - 5000)).toEqual({ db_name: 'maillage', update_seq: 3 });
    expect(asked).toBe(3);
  });
});
