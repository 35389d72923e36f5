// Issue 7 points 1 and 5 through the real /db proxy and a real database: the requests that ended
// the embedded server are answered 400 and it keeps serving; creation stamps come from the
// session; a request only for a passenger one may read; unknown fields and documents over 64 KB
// refused on their own, the rest of the batch stored, even when CouchDB refuses a whole batch.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import { startTestCouch, type TestCouch } from './support/couch';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import {
  appConfigFor,
  logIn,
  startSessionProxyApp,
  type SessionProxyApp,
} from './support/session-proxy-app';

let couch: TestCouch;
let app: SessionProxyApp;
let faults: FaultProxy;
let faultyApp: SessionProxyApp;
const cookies: Record<string, string> = {};
const at = '2026-11-21T10:00:00.000Z';
const serverNow = Date.parse('2026-11-21T10:05:00.000Z');
let n = 0;

function person(by: string, extra: Record<string, unknown> = {}) {
  return {
    _id: `person:w${(n++).toString().padStart(6, '0')}`,
    type: 'person',
    schema: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    readers: ['role:coordinator', `user:${by}`],
    firstName: 'Marie',
    phone: null,
    phoneKind: 'none',
    homeInsee: '46127',
    roles: ['passenger'],
    consent: { by, method: 'oral', at },
    blocked: false,
    ...extra,
  };
}

function request(by: string, passengerId: string) {
  return {
    _id: `request:w${(n++).toString().padStart(6, '0')}`,
    type: 'request',
    schema: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    readers: ['role:coordinator', `user:${by}`],
    passengerId,
    fromInsee: '46127',
    toInsee: '46102',
    date: '2026-11-24',
    earliest: '08:30',
    latest: '09:30',
    seats: 1,
    channel: 'relay',
    returnOf: null,
    cancelledAt: null,
  };
}

async function push(user: string, docs: object[], target: SessionProxyApp = app) {
  const res = await fetch(`${target.url}/db/_bulk_docs`, {
    method: 'POST',
    headers: { cookie: cookies[user] ?? '', 'content-type': 'application/json' },
    body: JSON.stringify({ docs }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; ok?: boolean; error?: string; reason?: string }[];
}

const stored = (id: string) =>
  couch.couch
    .use<Record<string, unknown>>(couch.dbName)
    .get(id)
    .catch(() => null);

beforeAll(async () => {
  couch = await startTestCouch();
  for (const [name, roles] of [
    ['sophie', ['relay']],
    ['marc', ['relay']],
    ['claire', ['coordinator']],
  ] as const)
    await upsertUser(couch.couch, { name, password: `pw-${name}`, roles: [...roles] });
  await couch.couch
    .use(couch.dbName)
    .insert({ _id: '_local/worker-main', last_seq: 'kept' } as never);
  app = await startSessionProxyApp(appConfigFor(couch));
  app.now = serverNow;
  faults = await startFaultProxy(couch.url);
  const viaFaults = new URL(faults.url);
  viaFaults.username = '';
  viaFaults.password = '';
  faultyApp = await startSessionProxyApp(
    appConfigFor({ ...couch, baseUrl: viaFaults.toString().replace(/\/$/, '') }),
  );
  faultyApp.now = serverNow;
  for (const name of ['sophie', 'marc', 'claire'])
    cookies[name] = await logIn(app, name, `pw-${name}`);
});

afterAll(async () => {
  expect(app.crashes).toEqual([]);
  await faultyApp?.stop();
  await faults?.stop();
  await app?.stop();
  await couch?.stop();
});

describe('requests that used to end the embedded server', () => {
  it('are answered 400 with a French reason, and the database keeps serving', async () => {
    const rev = '1-0123456789abcdef0123456789abcdef';
    for (const [method, path, body] of [
      // _selector is not served at all: the embedded server dies on a valid one too.
      ['GET', '/db/_changes?filter=_selector'],
      ['POST', '/db/_changes?filter=_selector', '{}'],
      ['POST', '/db/_changes?filter=_selector', '{"selector":{"type":"person"}}'],
      ['GET', '/db/_changes?filter=_doc_ids'],
      ['POST', '/db/_revs_diff', '[1,2]'],
      ['POST', '/db/_revs_diff', '{"person:a":"x"}'],
      ['GET', '/db/person:a?open_revs=length'],
      ['POST', '/db/_bulk_get', '{"docs":[{"id":"_local/worker-main"}]}'],
      [
        'PUT',
        '/db/_local/Jx0a.b_cD9EfGhIjKlMnOp%3D%3D',
        '{"_id":"_local/worker-main","last_seq":0}',
      ],
      ['POST', '/db/_all_docs', `{"keys":["_local/worker-main"],"x":"${rev}"}`],
    ] as [string, string, string?][]) {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { cookie: cookies.sophie ?? '', 'content-type': 'application/json' },
        body,
      });
      const answer = (await res.json()) as { error: string; reason: string };
      const selector = path.includes('_selector');
      expect(res.status, `${method} ${path}`).toBe(selector ? 403 : 400);
      expect(answer).toMatchObject({
        error: selector ? 'forbidden' : 'bad_request',
        reason: expect.any(String),
      });
      const info = await fetch(`${app.url}/db/`, { headers: { cookie: cookies.sophie ?? '' } });
      expect(info.status, `after ${method} ${path}`).toBe(200);
      await info.body?.cancel();
    }
    expect(await stored('_local/worker-main')).toMatchObject({ last_seq: 'kept' });
  });
});

describe('documents pushed through /db', () => {
  it('get their creation stamps from the session, not the body', async () => {
    const forged = person('sophie', {
      createdBy: 'worker',
      createdAt: '2020-01-01T00:00:00.000Z',
      consent: { by: 'marc', method: 'oral', at: '2020-01-01T00:00:00.000Z' },
    });
    const [answer] = await push('sophie', [forged]);
    expect(answer).toMatchObject({ id: forged._id, ok: true });
    expect(await stored(forged._id)).toMatchObject({
      createdBy: 'sophie',
      createdAt: new Date(serverNow).toISOString(),
      consent: { by: 'sophie', at: new Date(serverNow).toISOString() },
    });
  });

  it('refuse a request for another relay’s passenger, and take it from a coordinator', async () => {
    const marcs = person('marc');
    expect((await push('marc', [marcs]))[0]).toMatchObject({ ok: true });
    const [refused] = await push('sophie', [request('sophie', marcs._id)]);
    expect(refused).toMatchObject({
      error: 'forbidden',
      reason: expect.stringMatching(/passager/),
    });
    expect(await stored(refused!.id)).toBeNull();
    const [taken] = await push('claire', [request('claire', marcs._id)]);
    expect(taken).toMatchObject({ ok: true });
  });

  it('take a person and a request for her in one batch, as a device pushes them', async () => {
    const marie = person('sophie');
    const answers = await push('sophie', [marie, request('sophie', marie._id)]);
    expect(answers.map((a) => a.ok)).toEqual([true, true]);
  });

  it('refuse unknown fields and documents over 64 KB on their own, storing the rest', async () => {
    const [a, b, c, d] = [
      person('sophie'),
      person('sophie', { _foo: 1 }),
      person('sophie', { nickname: 'Mimi' }),
      person('sophie', { notes: 'x'.repeat(70_000) }),
    ];
    const answers = await push('sophie', [a, b, c, d]);
    expect(answers.map((x) => [x.id, x.ok ?? x.error])).toEqual([
      [a._id, true],
      [b!._id, 'forbidden'],
      [c!._id, 'forbidden'],
      [d!._id, 'forbidden'],
    ]);
    expect(answers[1]?.reason).toContain('_foo');
    expect(answers[3]?.reason).toContain('64 Ko');
    expect(await stored(a._id)).not.toBeNull();
    for (const refused of [b, c, d]) expect(await stored(refused!._id)).toBeNull();
  });

  it('keeps the rest of a batch CouchDB refuses whole, each document then tried alone', async () => {
    const docs = [person('sophie'), person('sophie'), person('sophie')];
    faults.inject({
      when: (req) => req.path.endsWith('/_bulk_docs') && req.body.includes(docs[2]!._id),
      fault: { status: 500, body: { error: 'unknown_error', reason: 'function_clause' } },
      times: 2,
    });
    const answers = await push('sophie', docs, faultyApp);
    expect(answers.map((a) => a.ok ?? a.error)).toEqual([true, true, 'unknown_error']);
    expect(await stored(docs[0]!._id)).not.toBeNull();
    expect(await stored(docs[1]!._id)).not.toBeNull();
  });
});

describe('a push of documents made offline', () => {
  /** The last path segment (and query) of each request the app makes to the database about `ids`. */
  function upstreamAbout(ids: readonly string[]): string[] {
    const seen: string[] = [];
    faults.inject({
      when: (req) => {
        if (ids.some((id) => req.body.includes(id) || req.path.includes(encodeURIComponent(id))))
          seen.push(req.path.split('/').pop()!);
        return false;
      },
      fault: 'reset',
      times: Number.POSITIVE_INFINITY,
    });
    return seen;
  }
  const replicated = <T extends { _id: string }>(doc: T, hash: string) => ({
    ...doc,
    _rev: `1-${hash}`,
    _revisions: { start: 1, ids: [hash] },
  });
  const post = async (user: string, path: string, body: unknown) => {
    const res = await fetch(`${faultyApp.url}/db/${path}`, {
      method: 'POST',
      headers: { cookie: cookies[user] ?? '', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('reads them from the database once: what _revs_diff found absent is not looked up again', async () => {
    const passenger = replicated(person('sophie'), 'a'.repeat(32));
    const asked = replicated(request('sophie', passenger._id), 'b'.repeat(32));
    const seen = upstreamAbout([passenger._id, asked._id]);
    const diff = await post('sophie', '_revs_diff', {
      [passenger._id]: [passenger._rev],
      [asked._id]: [asked._rev],
    });
    expect(diff.body).toEqual({
      [passenger._id]: { missing: [passenger._rev] },
      [asked._id]: { missing: [asked._rev] },
    });
    const written = await post('sophie', '_bulk_docs', {
      docs: [passenger, { ...asked, createdBy: 'worker' }],
      new_edits: false,
    });
    expect(written).toEqual({ status: 201, body: [] });
    // A look-up of whether the ids exist, and no _revs_diff since they do not; then the write,
    // and no reading of the documents (`_all_docs?include_docs=true`) before it.
    expect(seen).toEqual(['_all_docs', '_bulk_docs']);
    // Checked all the same: the stamps come from the session.
    expect(await stored(asked._id)).toMatchObject({ _rev: asked._rev, createdBy: 'sophie' });
    expect(await stored(passenger._id)).toMatchObject({ createdBy: 'sophie' });
  });

  /** Once the app has read the database's ids (known-ids.ts, in the background), none is looked up. */
  async function idsKnown() {
    for (let tries = 0; tries < 200; tries++) {
      const probe = `person:probe${tries}${n++}`;
      const seen = upstreamAbout([probe]);
      await post('sophie', '_revs_diff', { [probe]: ['1-abc'] });
      if (!seen.includes('_all_docs')) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the database’s ids were never read');
  }

  it('asks the database nothing about them once its ids are read: the push is its one write', async () => {
    await idsKnown();
    const passenger = replicated(person('sophie'), 'd'.repeat(32));
    const asked = replicated(request('sophie', passenger._id), 'e'.repeat(32));
    const seen = upstreamAbout([passenger._id, asked._id]);
    expect(
      (
        await post('sophie', '_revs_diff', {
          [passenger._id]: [passenger._rev],
          [asked._id]: [asked._rev],
        })
      ).body,
    ).toEqual({
      [passenger._id]: { missing: [passenger._rev] },
      [asked._id]: { missing: [asked._rev] },
    });
    const written = await post('sophie', '_bulk_docs', {
      docs: [passenger, asked],
      new_edits: false,
    });
    expect(written).toEqual({ status: 201, body: [] });
    expect(seen).toEqual(['_bulk_docs']);
    expect(await stored(asked._id)).toMatchObject({ _rev: asked._rev, createdBy: 'sophie' });
  });

  it('asks the database nothing at all about a batch she holds, once her set is recent', async () => {
    await idsKnown();
    const hers = person('sophie');
    const { rev } = await couch.couch.use(couch.dbName).insert(hers as never);
    // The first asks: her set is caught up (it is hers now), once the app has seen it in the
    // feed (a moment after: before, her device would send it back, taken as already written).
    await vi.waitFor(async () => {
      expect((await post('sophie', '_revs_diff', { [hers._id]: [rev] })).body).toEqual({});
    });
    // A first try that found it outside her set left a check of the database's ids running.
    await new Promise((settled) => setTimeout(settled, 300));
    const seen: string[] = [];
    let recording = true;
    faults.inject({
      when: (req) => {
        if (recording) seen.push(req.path);
        return false;
      },
      fault: 'reset',
      times: Number.POSITIVE_INFINITY,
    });
    // A catch-up push's next batch, a moment later: nothing outside her set, nothing to ask.
    expect((await post('sophie', '_revs_diff', { [hers._id]: [rev] })).body).toEqual({});
    recording = false;
    // The app's own follower of the feed (known-ids.ts) may poll again meanwhile: not about her.
    const aboutHer = seen.filter(
      (path) => !path.includes('_users') && !path.includes('feed=longpoll'),
    );
    expect(aboutHer).toEqual([]);
  });

  it('takes a document written elsewhere a moment before her _revs_diff for one that exists', async () => {
    await idsKnown();
    const pauls = person('paul');
    await couch.couch.use(couch.dbName).insert(pauls as never);
    // Her device claims a revision of it, as if made offline: it is not Paul's to lose.
    const claimed = replicated(
      { ...pauls, firstName: 'Autre', readers: ['user:sophie'] },
      'f'.repeat(32),
    );
    const seen = upstreamAbout([pauls._id]);
    expect((await post('sophie', '_revs_diff', { [pauls._id]: [claimed._rev] })).body).toEqual({
      [pauls._id]: { missing: [claimed._rev] },
    });
    const written = await post('sophie', '_bulk_docs', { docs: [claimed], new_edits: false });
    expect(written.body).toEqual([expect.objectContaining({ id: pauls._id, error: 'forbidden' })]);
    expect(seen).toContain('_all_docs?include_docs=true');
    expect(await stored(pauls._id)).toMatchObject({ firstName: 'Marie', readers: pauls.readers });
  });

  it('looks up what another user’s _revs_diff found absent', async () => {
    const doc = replicated(person('sophie'), 'c'.repeat(32));
    const seen = upstreamAbout([doc._id]);
    expect((await post('marc', '_revs_diff', { [doc._id]: [doc._rev] })).body).toEqual({
      [doc._id]: { missing: [doc._rev] },
    });
    expect(await post('sophie', '_bulk_docs', { docs: [doc], new_edits: false })).toEqual({
      status: 201,
      body: [],
    });
    expect(seen).toContain('_all_docs?include_docs=true');
    expect(await stored(doc._id)).toMatchObject({ _rev: doc._rev, createdBy: 'sophie' });
  });
});
