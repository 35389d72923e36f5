// Issue 7 point 10's access gaps, through the real /db proxy and a real database: an erasure and a
// withdrawn consent are not undone by a device's old edit; a person handed to another relay takes
// her requests, matches, rides and tasks along; a relay is not told the territory's counts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import { ERASED_FIRST_NAME } from '../../src/lib/domain/documents';
import { erasePerson, withdrawPersonConsent } from '../../src/lib/server/personal-data';
import { REVS_DIFF_REUSE_MS } from '../../src/lib/server/db-proxy/readable-set';
import { startTestCouch, type TestCouch } from './support/couch';
import { marieWorld } from './support/personal-world';
import {
  appConfigFor,
  logIn,
  startSessionProxyApp,
  type SessionProxyApp,
} from './support/session-proxy-app';

let couch: TestCouch;
let app: SessionProxyApp;
const cookies: Record<string, string> = {};
const at = '2026-11-21T10:00:00.000Z';
const now = new Date('2026-11-21T10:05:00.000Z');
const claire = { name: 'claire', roles: ['coordinator'] };
let n = 0;
type Doc = Record<string, unknown>;

const stamps = (by: string) => ({
  schema: 1,
  createdAt: at,
  createdBy: by,
  updatedAt: at,
  updatedBy: by,
});

function person(by: string, extra: Doc = {}): Doc {
  return {
    _id: `person:g${(n++).toString().padStart(6, '0')}`,
    type: 'person',
    ...stamps(by),
    readers: ['role:coordinator', `user:${by}`],
    firstName: 'Marie',
    lastName: 'Dupont',
    phone: '+33612345678',
    phoneKind: 'mobile',
    homeInsee: '46127',
    needs: 'Fauteuil roulant',
    roles: ['passenger'],
    consent: { by, method: 'oral', at },
    blocked: false,
    ...extra,
  };
}

const db = () => couch.couch.use<Doc>(couch.dbName);
const stored = (id: string) => db().get(id) as Promise<Doc & { _rev: string }>;

async function push(user: string, docs: object[], newEdits = true) {
  const res = await fetch(`${app.url}/db/_bulk_docs`, {
    method: 'POST',
    headers: { cookie: cookies[user] ?? '', 'content-type': 'application/json' },
    body: JSON.stringify({ docs, ...(newEdits ? {} : { new_edits: false }) }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; ok?: boolean; error?: string; reason?: string }[];
}

beforeAll(async () => {
  couch = await startTestCouch();
  for (const [name, roles] of [
    ['sophie', ['relay']],
    ['paul', ['relay']],
    ['claire', ['coordinator']],
  ] as const)
    await upsertUser(couch.couch, { name, password: `pw-${name}`, roles: [...roles] });
  app = await startSessionProxyApp(appConfigFor(couch));
  app.now = now.getTime();
  for (const name of ['sophie', 'paul', 'claire'])
    cookies[name] = await logIn(app, name, `pw-${name}`);
});

afterAll(async () => {
  expect(app.crashes).toEqual([]);
  await app?.stop();
  await couch?.stop();
});

describe('a device offline during an erasure', () => {
  it('cannot bring the erased person’s data back with its old edit: the erasure wins', async () => {
    const marie = person('sophie');
    const { rev } = await db().insert(marie as never);
    // Sophie's phone, offline, edits Marie; meanwhile a coordinator erases her.
    const oldEdit = { ...marie, _rev: rev, notes: 'Appeler avant 9 h' };
    const erased = await erasePerson(appConfigFor(couch), claire, String(marie._id), now);
    expect(erased.status).toBe(200);
    // Back online, the replicator sends her edit as a child of the revision she had.
    const [hash] = rev.split('-').slice(1);
    const child = {
      ...oldEdit,
      _rev: '2-0123456789abcdef0123456789abcdef',
      _revisions: { start: 2, ids: ['0123456789abcdef0123456789abcdef', hash] },
    };
    const [result] = await push('sophie', [child], false);
    expect(result).toMatchObject({ error: 'forbidden' });
    expect(result!.reason).toMatch(/effacée/);
    const now_ = await db().get(String(marie._id), { conflicts: true });
    expect(now_).toMatchObject({ firstName: ERASED_FIRST_NAME, phone: null });
    expect(JSON.stringify(now_)).not.toMatch(/Dupont|Fauteuil|Appeler/);
    expect((now_ as { _conflicts?: unknown })._conflicts).toBeUndefined();
  });
});

describe('a withdrawn consent', () => {
  it('is not removed by a relay’s edit, and her other edits still pass', async () => {
    const marie = person('sophie');
    await db().insert(marie as never);
    const answer = await withdrawPersonConsent(appConfigFor(couch), claire, String(marie._id), now);
    expect(answer.status).toBe(200);
    const withdrawn = await stored(String(marie._id));
    const consent = withdrawn.consent as Doc;
    expect(typeof consent.withdrawnAt).toBe('string');
    const { withdrawnAt: _, ...given } = consent;
    const [refused] = await push('sophie', [
      { ...withdrawn, consent: given, updatedBy: 'sophie', updatedAt: now.toISOString() },
    ]);
    expect(refused).toMatchObject({ error: 'forbidden' });
    expect(refused!.reason).toMatch(/consentement/);
    expect(((await stored(String(marie._id))).consent as Doc).withdrawnAt).toBe(
      consent.withdrawnAt,
    );
    const [ok] = await push('sophie', [
      { ...withdrawn, needs: 'Canne', updatedBy: 'sophie', updatedAt: now.toISOString() },
    ]);
    expect(ok).toMatchObject({ ok: true });
  });
});

describe('a person handed to another relay', () => {
  it('takes her requests, matches, rides and tasks to the new relay', async () => {
    const world = await marieWorld(db() as never, 'handover');
    const sophies = ['role:coordinator', 'user:sophie'];
    const [requestId, matchId, rideId] = world.marieDocs;
    const taskId = world.marieDocs.at(-1)!;
    const followers = [requestId!, matchId!, rideId!, taskId];
    // As the worker leaves them: the request's readers copied onto its match, ride and task.
    for (const id of followers)
      await db().insert({ ...(await stored(id)), readers: sophies } as never);
    const jeansTrip = (await db().list({ include_docs: true })).rows
      .map((row) => row.doc as Doc)
      .find((doc) => doc.type === 'trip' && doc.driverId === world.jeanId)!;

    const current = await stored(world.marieId);
    const [handed] = await push('claire', [
      {
        ...current,
        readers: ['role:coordinator', 'user:paul'],
        updatedBy: 'claire',
        updatedAt: now.toISOString(),
      },
    ]);
    expect(handed).toMatchObject({ ok: true });
    for (const id of followers) {
      const after = await stored(id);
      expect(after.readers, id).toEqual(['role:coordinator', 'user:paul']);
      expect(after.updatedBy).toBe('claire');
    }
    expect((await stored(taskId)).assignee).toBe('paul');
    // Jean's trip is his, not Marie's: it stays Sophie's.
    expect((await stored(String(jeansTrip._id))).readers).toEqual(sophies);

    // Through /db: Sophie no longer gets them, Paul does.
    const seen = async (user: string) => {
      const res = await fetch(`${app.url}/db/_all_docs`, {
        method: 'POST',
        headers: { cookie: cookies[user]!, 'content-type': 'application/json' },
        body: JSON.stringify({ keys: followers }),
      });
      const { rows } = (await res.json()) as { rows: { id?: string; error?: string }[] };
      return rows.filter((row) => !row.error).map((row) => row.id);
    };
    expect(await seen('sophie')).toEqual([]);
    expect(await seen('paul')).toEqual(followers);
  });

  it('is not made by a relay adding another relay to her person', async () => {
    const world = await marieWorld(db() as never, 'shared');
    const current = await stored(world.marieId);
    const [shared] = await push('sophie', [
      {
        ...current,
        readers: ['role:coordinator', 'user:sophie', 'user:paul'],
        updatedBy: 'sophie',
        updatedAt: now.toISOString(),
      },
    ]);
    expect(shared).toMatchObject({ ok: true });
    expect((await stored(world.requestId)).readers).toEqual(['role:coordinator', 'user:sophie']);
  });
});

describe('a relay’s readable ids, kept between requests', () => {
  it('follow a hand-over: _unreadable at once, _revs_diff once its set is a few seconds old', async () => {
    const marie = person('sophie');
    const { rev } = await db().insert(marie as never);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${app.url}/db/${path}`, {
        method: 'POST',
        headers: { cookie: cookies.sophie!, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const revsDiff = () => post('_revs_diff', { [String(marie._id)]: [rev] });
    // Hers (the set caught up with the database, as she was given it): nothing is missing.
    expect(await revsDiff()).toEqual({});
    await db().insert({ ...marie, _rev: rev, readers: ['role:coordinator', 'user:paul'] } as never);
    // What the device must drop is told exactly, at once.
    expect(await post('_unreadable', { ids: [marie._id] })).toEqual({ ids: [marie._id] });
    // A push's _revs_diff right after may still say the server has the revision the device
    // holds (it tells her nothing she does not have); past the reuse time, not even that.
    app.now += REVS_DIFF_REUSE_MS;
    expect(await revsDiff()).toEqual({ [String(marie._id)]: { missing: [rev] } });
  });

  it('follow a document given to her a moment ago: _revs_diff says the server has it', async () => {
    const revsDiff = async (body: unknown) => {
      const res = await fetch(`${app.url}/db/_revs_diff`, {
        method: 'POST',
        headers: { cookie: cookies.sophie!, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const pauls = person('paul');
    const his = await db().insert(pauls as never);
    const id = String(pauls._id);
    // Her set caught up now, while the document is still Paul's alone.
    expect(await revsDiff({ [id]: [his.rev] })).toEqual({ [id]: { missing: [his.rev] } });
    const given = await db().insert({
      ...pauls,
      _rev: his.rev,
      readers: ['role:coordinator', 'user:sophie'],
    } as never);
    // Within the reuse time her set does not know it yet; the app has seen it in the database's
    // feed (at once, or a moment after), so the set is caught up rather than the revision her
    // device just pulled answered missing.
    await vi.waitFor(async () => expect(await revsDiff({ [id]: [given.rev] })).toEqual({}));
    const older = `1-${'b'.repeat(32)}`;
    expect(await revsDiff({ [id]: [given.rev, older] })).toEqual({ [id]: { missing: [older] } });
  });

  it('answer _revs_diff of her documents at other revisions as the database does', async () => {
    const marie = person('sophie');
    const first = await db().insert(marie as never);
    const second = await db().insert({ ...marie, _rev: first.rev, needs: '' } as never);
    const pauls = person('paul');
    const his = await db().insert(pauls as never);
    const id = String(marie._id);
    const unknown = `3-${'a'.repeat(32)}`;
    const asked = {
      [id]: [first.rev, second.rev, unknown],
      'person:neverstored': ['1-abc'],
      [String(pauls._id)]: [his.rev],
    };
    const proxied = async () => {
      const res = await fetch(`${app.url}/db/_revs_diff`, {
        method: 'POST',
        headers: { cookie: cookies.sophie!, 'content-type': 'application/json' },
        body: JSON.stringify(asked),
      });
      return res.json();
    };
    const straight = (await couch.couch.request({
      db: couch.dbName,
      method: 'POST',
      path: '_revs_diff',
      body: { [id]: asked[id], 'person:neverstored': ['1-abc'] },
    })) as Record<string, unknown>;
    // Hers as the database answers (the older revision is not missing, the unknown one is;
    // Apache CouchDB adds its possible ancestors); Paul's as if it did not exist.
    expect(straight[id]).toMatchObject({ missing: [unknown] });
    // Once the app has seen hers in the database's feed (at once, or a moment after).
    await vi.waitFor(async () =>
      expect(await proxied()).toEqual({
        ...straight,
        [String(pauls._id)]: { missing: [his.rev] },
      }),
    );
  });
});

describe('the database info', () => {
  it('tells a relay what replication needs only, a coordinator all of it', async () => {
    const info = async (user: string) =>
      (await (
        await fetch(`${app.url}/db/`, { headers: { cookie: cookies[user]! } })
      ).json()) as Doc;
    const relay = await info('sophie');
    expect(Object.keys(relay).sort()).toEqual(['db_name', 'update_seq']);
    const whole = await info('claire');
    expect(relay.update_seq).toBeDefined();
    expect(whole).toHaveProperty('doc_count');
  });
});
