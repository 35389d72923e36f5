// Issue 7 point 4: reads per user on every endpoint /db lets through. The read permission matrix:
// relay, another relay, coordinator and admin × each way of reading (_changes from 0, paged, from a
// sequence, long-polled, filtered by ids, with documents; _all_docs; _bulk_get; single
// GET; _revs_diff; _unreadable) × own, another relay's and worker-only documents and the design
// documents. What a user may not read never shows: not its content, not its revision, not even
// its id unless the request named it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let localDir: string;
const cookies: Record<string, string> = {};
const at = '2026-11-21T10:00:00.000Z';
const USERS = { sophie: ['relay'], marc: ['relay'], claire: ['coordinator'], root: ['admin'] };
type User = keyof typeof USERS;

interface Seeded {
  readonly _id: string;
  _rev?: string;
  readonly marker: string;
  readonly readableBy: readonly User[];
  readonly body: Record<string, unknown>;
}

function seed(type: string, by: string, readers: string[], readableBy: User[]): Seeded {
  const marker = `secret${randomBytes(6).toString('hex')}`;
  const _id = `${type}:${randomBytes(6).toString('hex')}`;
  const stamps = { schema: 1, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by };
  const body: Record<string, unknown> =
    type === 'person'
      ? {
          _id,
          type,
          ...stamps,
          readers,
          firstName: marker,
          phone: null,
          phoneKind: 'none',
          homeInsee: '46127',
          roles: ['passenger'],
          consent: { by, method: 'oral', at },
          blocked: false,
        }
      : { _id, type, ...stamps, readers, note: marker };
  return { _id, marker, readableBy, body };
}

const docs: Seeded[] = [
  seed('person', 'sophie', ['role:coordinator', 'user:sophie'], ['sophie', 'claire', 'root']),
  seed('match', 'worker', ['role:coordinator', 'user:sophie'], ['sophie', 'claire', 'root']),
  seed('task', 'worker', ['role:coordinator', 'user:sophie'], ['sophie', 'claire', 'root']),
  seed('person', 'marc', ['role:coordinator', 'user:marc'], ['marc', 'claire', 'root']),
  seed('ride', 'worker', ['role:coordinator', 'user:marc'], ['marc', 'claire', 'root']),
  seed('message', 'worker', ['role:coordinator'], ['claire', 'root']),
];
const ids = () => [...docs.map((d) => d._id), '_design/maillage', '_design/reads'];
let seqBefore = '';
let designRev = '';

const dbFetch = fetchAs(() => app, cookies);

beforeAll(async () => {
  couch = await startTestCouch();
  localDir = mkdtempSync(join(tmpdir(), 'maillage-reads-'));
  for (const [name, roles] of Object.entries(USERS))
    await upsertUser(couch.couch, { name, password: `pw-${name}`, roles: [...roles] });
  app = await startSessionProxyApp(appConfigFor(couch, { longpollMaxMs: 1500 }));
  for (const name of Object.keys(USERS)) cookies[name] = await logIn(app, name, `pw-${name}`);
  const db = couch.couch.use(couch.dbName);
  seqBefore = String((await couch.couch.db.get(couch.dbName)).update_seq);
  for (const doc of docs) doc._rev = (await db.insert(doc.body as never)).rev;
  designRev = ((await db.get('_design/maillage')) as { _rev: string })._rev;
});

afterAll(async () => {
  expect(app.crashes).toEqual([]);
  await app.stop();
  await couch.stop();
  rmSync(localDir, { recursive: true, force: true });
});

type Read = { name: string; lists: boolean; send: (u: User) => Promise<Response>; sent: string };

function reads(): Read[] {
  const all = ids();
  const q = encodeURIComponent;
  const get = (name: string, path: string, lists = true): Read => ({
    name,
    lists,
    sent: decodeURIComponent(path),
    send: (u) => dbFetch(path, u),
  });
  const post = (name: string, path: string, body: unknown, lists = true): Read => ({
    name,
    lists,
    sent: `${path} ${JSON.stringify(body)}`,
    send: (u) => dbFetch(path, u, { method: 'POST', body: JSON.stringify(body) }),
  });
  const revs = Object.fromEntries(docs.map((d) => [d._id, [d._rev!]]));
  return [
    get('_changes', '/db/_changes'),
    get('_changes since=0', '/db/_changes?since=0&style=all_docs'),
    get('_changes include_docs', '/db/_changes?since=0&include_docs=true'),
    get('_changes from a sequence', `/db/_changes?since=${q(seqBefore)}&include_docs=true`),
    get('_changes from a sequence, ids only', `/db/_changes?since=${q(seqBefore)}`),
    get('_changes longpoll', `/db/_changes?feed=longpoll&since=${q(seqBefore)}`),
    get('_changes doc_ids', `/db/_changes?filter=_doc_ids&doc_ids=${q(JSON.stringify(all))}`),
    post('_changes POST doc_ids', '/db/_changes?filter=_doc_ids', { doc_ids: all }),
    get('_all_docs', '/db/_all_docs'),
    get('_all_docs include_docs', '/db/_all_docs?include_docs=true'),
    post('_all_docs keys', '/db/_all_docs?include_docs=true', { keys: all }),
    get('_all_docs keys in the query', `/db/_all_docs?keys=${q(JSON.stringify(all))}`),
    post('_bulk_get', '/db/_bulk_get?revs=true', { docs: all.map((id) => ({ id })) }),
    post('_revs_diff', '/db/_revs_diff', revs, false),
    post('_unreadable', '/db/_unreadable', { ids: all }, false),
    ...docs.flatMap((d) => [
      get(`GET ${d._id}`, `/db/${q(d._id)}`),
      get(`GET ${d._id} open_revs=all`, `/db/${q(d._id)}?revs=true&open_revs=all`),
      get(
        `GET ${d._id} open_revs`,
        `/db/${q(d._id)}?revs=true&latest=true&open_revs=${q(JSON.stringify([d._rev]))}`,
      ),
    ]),
  ];
}

/** A relay's whole first pull, page after page, following the sequences the proxy gives. */
async function pagedPull(user: User, limit: number): Promise<{ text: string; pages: number }> {
  let since = '0';
  let text = '';
  for (let pages = 1; pages < 50; pages++) {
    const res = await dbFetch(
      `/db/_changes?limit=${limit}&since=${encodeURIComponent(since)}`,
      user,
    );
    const page = (await res.json()) as { results: { seq: unknown }[]; last_seq: unknown };
    text += JSON.stringify(page);
    if (page.results.length === 0) return { text, pages };
    since = String(page.results.at(-1)!.seq);
  }
  throw new Error('the pull never ended');
}

describe('reads through /db, per user', () => {
  it('show each user what they may read and nothing else, on every endpoint', async () => {
    let cases = 0;
    for (const user of Object.keys(USERS) as User[]) {
      const paged = await pagedPull(user, 1);
      const answers: [Read, number, string][] = [
        [
          { name: 'paged _changes', lists: true, sent: '', send: async () => new Response() },
          200,
          paged.text,
        ],
      ];
      for (const read of reads()) {
        const res = await read.send(user);
        answers.push([read, res.status, await res.text()]);
      }
      for (const [read, status, text] of answers) {
        const where = `${user} ${read.name}: ${text.slice(0, 400)}`;
        expect(status, where).toBeLessThan(500);
        expect(text, where).not.toContain('validate_doc_update');
        expect(text, where).not.toContain(designRev);
        for (const doc of docs) {
          cases++;
          const allowed = doc.readableBy.includes(user);
          const single = read.name.startsWith('GET ');
          if (!allowed) {
            expect(text, `${where} shows ${doc._id}`).not.toContain(doc.marker);
            if (!read.sent.includes(doc._id))
              expect(text, `${where} names ${doc._id}`).not.toContain(doc._id);
            if (!read.sent.includes(doc._rev!))
              expect(text, `${where} tells the rev of ${doc._id}`).not.toContain(doc._rev);
          } else if (read.lists && (!single || read.name.includes(doc._id))) {
            expect(text, `${where} lacks ${doc._id}`).toContain(doc._id);
          }
        }
      }
    }
    console.log(`[reads] ${cases} permission cases (user × endpoint × document)`);
  });

  it('answers _revs_diff as if another relay’s documents did not exist, and _unreadable with them', async () => {
    const revs = Object.fromEntries(docs.map((d) => [d._id, [d._rev!]]));
    const diff = await (
      await dbFetch('/db/_revs_diff', 'sophie', { method: 'POST', body: JSON.stringify(revs) })
    ).json();
    for (const doc of docs) {
      if (doc.readableBy.includes('sophie')) expect(diff[doc._id]).toBeUndefined();
      else expect(diff[doc._id]).toEqual({ missing: [doc._rev] });
    }
    const lost = await (
      await dbFetch('/db/_unreadable', 'sophie', {
        method: 'POST',
        body: JSON.stringify({ ids: [...ids(), 'person:neverstored'] }),
      })
    ).json();
    expect(lost.ids.sort()).toEqual(
      docs
        .filter((d) => !d.readableBy.includes('sophie'))
        .map((d) => d._id)
        .concat(['_design/maillage', '_design/reads'])
        .sort(),
    );
  });

  it('pages a relay’s first pull through the index, then follows the real feed', async () => {
    const { text, pages } = await pagedPull('sophie', 1);
    // Three documents of hers, one a page, and the empty page that ends the pull.
    expect(pages).toBe(4);
    for (const doc of docs.filter((d) => d.readableBy.includes('sophie')))
      expect(text).toContain(doc._id);
    const later = seed('match', 'worker', ['role:coordinator', 'user:sophie'], ['sophie']);
    const first = (await (await dbFetch('/db/_changes?since=0&limit=100', 'sophie')).json()) as {
      last_seq: unknown;
    };
    await couch.couch.use(couch.dbName).insert(later.body as never);
    const next = await (
      await dbFetch(`/db/_changes?since=${encodeURIComponent(String(first.last_seq))}`, 'sophie')
    ).json();
    expect(next.results.map((r: { id: string }) => r.id)).toEqual([later._id]);
  });
});

describe('replication checkpoints through /db', () => {
  it('are each user’s own: another user neither reads nor overwrites them', async () => {
    const path = '/db/_local/Jx0a.b_cD9EfGhIjKlMnOp%3D%3D';
    const body = (note: string) => ({ method: 'PUT', body: JSON.stringify({ last_seq: 7, note }) });
    const put = await dbFetch(path, 'sophie', body(docs[3]!._id));
    expect(put.status).toBe(201);
    expect((await put.json()).id).toBe('_local/Jx0a.b_cD9EfGhIjKlMnOp==');
    expect((await dbFetch(path, 'marc')).status).toBe(404);
    expect((await dbFetch(path, 'marc', body('de marc'))).status).toBe(201);
    const mine = await (await dbFetch(path, 'sophie')).json();
    expect(mine).toMatchObject({ _id: '_local/Jx0a.b_cD9EfGhIjKlMnOp==', note: docs[3]!._id });
  });
});

describe('a relay’s device through /db', () => {
  it('pulls its own documents only, and learns which it lost when a person is handed over', async () => {
    const local = new PouchDB(join(localDir, 'sophie'));
    const remote = new PouchDB(`${app.url}/db`, {
      skip_setup: true,
      fetch: (url: string, opts: { headers: Headers }) => {
        opts.headers.set('cookie', cookies.sophie ?? '');
        return (PouchDB as unknown as { fetch: typeof fetch }).fetch(url, opts as RequestInit);
      },
    } as unknown as PouchDB.Configuration.RemoteDatabaseConfiguration);
    await local.replicate.from(remote, { batch_size: 2 });
    const mine = (await local.allDocs()).rows.map((r) => r.id);
    const hers = docs.filter((d) => d.readableBy.includes('sophie')).map((d) => d._id);
    expect(mine.filter((id) => !id.startsWith('match:') || hers.includes(id)).sort()).toEqual(
      [...hers].sort(),
    );

    const marie = docs[0]!;
    const server = couch.couch.use<Record<string, unknown>>(couch.dbName);
    const stored = await server.get(marie._id);
    await server.insert({ ...stored, readers: ['role:coordinator', 'user:marc'] });
    const again = await local.replicate.from(remote);
    expect(again.docs_written).toBe(0);
    const lost = await (
      await dbFetch('/db/_unreadable', 'sophie', {
        method: 'POST',
        body: JSON.stringify({ ids: mine }),
      })
    ).json();
    expect(lost.ids).toEqual([marie._id]);
    await local.destroy();
  });
});
