// Replication checkpoints through /db (issue 7 point 10): PouchDB reads its checkpoint before each
// write of it, once a batch; the app answers that read from what it wrote last. These tests show
// the copy is the one written, is no other user's, and gives way to CouchDB's after a conflict
// (another app server moved the checkpoint meanwhile).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import { startTestCouch, type TestCouch } from './support/couch';
import {
  appConfigFor,
  fetchAs,
  logIn,
  type SessionProxyApp,
  startSessionProxyApp,
} from './support/session-proxy-app';

let couch: TestCouch;
let app: SessionProxyApp;
const cookies: Record<string, string> = {};

const dbFetch = fetchAs(() => app, cookies);

const put = (body: object) => ({ method: 'PUT', body: JSON.stringify(body) });
/** Where the proxy stores a user's checkpoint (checkpoints.ts). */
const storedId = (id: string, user: string) =>
  `_local/${id}~${createHash('sha256').update(user).digest('hex').slice(0, 16)}`;

/** The requests for checkpoints that reach CouchDB while `work` runs. */
async function upstreamCheckpointCalls(work: () => Promise<void>): Promise<string[]> {
  const spy = vi.spyOn(globalThis, 'fetch');
  try {
    await work();
    return spy.mock.calls
      .map(([input]) => String(input instanceof Request ? input.url : input))
      .filter((url) => url.startsWith(couch.baseUrl) && url.includes('/_local/'));
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  couch = await startTestCouch();
  for (const name of ['sophie', 'marc'])
    await upsertUser(couch.couch, { name, password: `pw-${name}`, roles: ['relay'] });
  app = await startSessionProxyApp(appConfigFor(couch));
  for (const name of ['sophie', 'marc']) cookies[name] = await logIn(app, name, `pw-${name}`);
});

afterAll(async () => {
  expect(app.crashes).toEqual([]);
  await app.stop();
  await couch.stop();
});

describe('a replication checkpoint through /db', () => {
  it('is read back as it was written without asking the database again', async () => {
    const path = '/db/_local/Memory0000000000000000%3D%3D';
    const written = await (await dbFetch(path, 'sophie', put({ last_seq: '12-a', n: 1 }))).json();
    let read: Record<string, unknown> = {};
    const calls = await upstreamCheckpointCalls(async () => {
      read = await (await dbFetch(path, 'sophie')).json();
    });
    expect(calls).toEqual([]);
    expect(read).toEqual({
      _id: '_local/Memory0000000000000000==',
      _rev: written.rev,
      last_seq: '12-a',
      n: 1,
    });
    const stored = await couch.couch
      .use(couch.dbName)
      .get(storedId('Memory0000000000000000==', 'sophie'));
    expect(stored).toMatchObject({ _rev: written.rev, last_seq: '12-a', n: 1 });
  });

  it('is never another user’s copy', async () => {
    const path = '/db/_local/Shared0000000000000000%3D%3D';
    expect((await dbFetch(path, 'sophie', put({ last_seq: 3 }))).status).toBe(201);
    expect((await dbFetch(path, 'marc')).status).toBe(404);
    expect((await dbFetch(path, 'marc', put({ last_seq: 9 }))).status).toBe(201);
    expect(await (await dbFetch(path, 'sophie')).json()).toMatchObject({ last_seq: 3 });
    expect(await (await dbFetch(path, 'marc')).json()).toMatchObject({ last_seq: 9 });
  });

  it('is read from the database again once a write from an outdated copy is refused', async () => {
    const path = '/db/_local/Elsewhere0000000000000%3D%3D';
    const first = await (await dbFetch(path, 'sophie', put({ last_seq: 5 }))).json();
    // Another app server moves it on: this one's copy is now outdated.
    const db = couch.couch.use(couch.dbName);
    const id = storedId('Elsewhere0000000000000==', 'sophie');
    await db.insert({ _id: id, _rev: first.rev, last_seq: 8 } as never);
    const outdated = await (await dbFetch(path, 'sophie')).json();
    const refused = await dbFetch(path, 'sophie', put({ ...outdated, last_seq: 6 }));
    expect(refused.status).toBe(409);
    const fresh = await (await dbFetch(path, 'sophie')).json();
    expect(fresh).toMatchObject({ _id: '_local/Elsewhere0000000000000==', last_seq: 8 });
    const next = await dbFetch(path, 'sophie', put({ ...fresh, last_seq: 9 }));
    expect(next.status).toBe(201);
    expect(await db.get(id)).toMatchObject({ last_seq: 9 });
  });
});
