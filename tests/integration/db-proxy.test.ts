import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import { startTestCouch, type TestCouch } from './support/couch';
import {
  appConfigFor,
  closedUrl,
  fetchAs,
  logIn,
  type SessionProxyApp,
  startSessionProxyApp,
} from './support/session-proxy-app';

let couch: TestCouch;
let app: SessionProxyApp;
let localDir: string;
const cookies: Record<string, string> = {};
const LONGPOLL_MAX_MS = 1500;
const MAX_BODY = 1024 * 1024;

const at = '2026-11-21T10:00:00.000Z';
const newId = (type: string) => `${type}:${randomBytes(6).toString('hex')}`;

function person(
  by: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> & { _id: string } {
  return {
    _id: newId('person'),
    type: 'person',
    schema: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    readers: ['role:coordinator', `user:${by}`],
    firstName: 'Marie',
    phone: '+33612345678',
    phoneKind: 'mobile',
    homeInsee: '46127',
    roles: ['passenger'],
    consent: { by, method: 'oral', at },
    blocked: false,
    ...extra,
  };
}

const dbFetch = fetchAs(() => app, cookies);

/** PouchDB over HTTP, as the PWA uses it, with the session cookie of `user`. */
function remoteDb(user: string, seen: string[] = []) {
  return new PouchDB(`${app.url}/db`, {
    skip_setup: true,
    fetch: (async (
      url: string,
      opts: { method?: string; headers: { set(k: string, v: string): void } },
    ) => {
      opts.headers.set('cookie', cookies[user] ?? '');
      const res = await (
        PouchDB as unknown as { fetch: (u: string, o: unknown) => Promise<Response> }
      ).fetch(url, opts);
      seen.push(`${opts.method ?? 'GET'} ${new URL(url).pathname} ${res.status}`);
      return res;
    }) as unknown as PouchDB.Configuration.RemoteDatabaseConfiguration['fetch'],
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

const localDb = () => new PouchDB(join(localDir, randomBytes(4).toString('hex')));

beforeAll(async () => {
  couch = await startTestCouch();
  localDir = mkdtempSync(join(tmpdir(), 'maillage-pwa-'));
  for (const [name, roles] of [
    ['sophie', ['relay']],
    ['marc', ['relay']],
    ['claire', ['coordinator']],
    ['root', ['admin']],
  ] as const) {
    await upsertUser(couch.couch, { name, password: `pw-${name}`, roles: [...roles] });
  }
  app = await startSessionProxyApp(
    appConfigFor(couch, { longpollMaxMs: LONGPOLL_MAX_MS, maxBodyBytes: MAX_BODY }),
  );
  for (const name of ['sophie', 'marc', 'claire', 'root'])
    cookies[name] = await logIn(app, name, `pw-${name}`);
});

afterAll(async () => {
  expect(app.crashes).toEqual([]);
  await app.stop();
  await couch.stop();
  rmSync(localDir, { recursive: true, force: true });
});

describe('the /db proxy', () => {
  it('refuses everything without a session, and writes nothing', async () => {
    const doc = person('sophie');
    for (const [path, init] of [
      ['/db/', {}],
      ['/db/_changes', {}],
      ['/db/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs: [doc] }) }],
    ] as const) {
      const res = await dbFetch(path, null, init);
      expect(res.status, path).toBe(401);
      expect((await res.json()).error).toBe('unauthorized');
    }
    const tampered = await fetch(`${app.url}/db/`, { headers: { cookie: `${cookies.root}x` } });
    expect(tampered.status).toBe(401);
    await expect(couch.couch.use(couch.dbName).get(doc._id)).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('answers 403 to whatever replication does not need, even for an admin, and the database is untouched', async () => {
    const securityBefore = await couch.couch.request({ db: couch.dbName, path: '_security' });
    const refused: [string, string, string?][] = [
      ['PUT', '/db'],
      ['PUT', '/db/'],
      ['DELETE', '/db'],
      ['DELETE', '/db/'],
      ['PUT', '/db/_design/evil', JSON.stringify({ validate_doc_update: 'function(){}' })],
      ['GET', '/db/_design/evil'],
      ['GET', '/db/_security'],
      ['PUT', '/db/_security', JSON.stringify({ members: { names: [], roles: [] } })],
      ['POST', '/db/_compact', '{}'],
      ['GET', '/db/_all_dbs'],
      ['GET', '/db/..%2F_users'],
      ['GET', '/db/%2E%2E%2F_all_dbs'],
      ['GET', '/db/_design%2Fevil'],
      ['GET', '/db/%5Fsecurity'],
      ['PUT', '/db/person:abcdef01', JSON.stringify(person('root'))],
      ['DELETE', '/db/person:abcdef01?rev=1-a'],
      ['GET', '/db/_changes?feed=continuous'],
      ['GET', '/db/person:abcdef01/photo.jpg'],
      ['PUT', '/db/_local/maillage-demo-seed', JSON.stringify({ seeded: false })],
    ];
    for (const [method, path, body] of refused) {
      const res = await dbFetch(path, 'root', { method, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      const answer = await res.json();
      expect(answer.error).toBe('forbidden');
      expect(typeof answer.reason).toBe('string');
    }
    const info = await couch.couch.db.get(couch.dbName);
    expect(info.db_name).toBe(couch.dbName);
    expect(await couch.couch.request({ db: couch.dbName, path: '_security' })).toEqual(
      securityBefore,
    );
    await expect(couch.couch.use(couch.dbName).get('_design/evil')).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('replicates both ways with a real PouchDB, refusing the documents a relay may not write', async () => {
    const server = couch.couch.use(couch.dbName);
    // Sophie's people, recorded by a coordinator for her, and others' she must not get.
    const seeded = Array.from({ length: 50 }, () =>
      person('claire', { readers: ['role:coordinator', 'user:sophie'] }),
    );
    const others = Array.from({ length: 30 }, () => person('marc'));
    await server.bulk({ docs: [...seeded, ...others] });

    const local = localDb();
    const seen: string[] = [];
    const remote = remoteDb('sophie', seen);
    const pulled = await local.replicate.from(remote);
    expect(pulled.ok).toBe(true);
    const present = await local.allDocs({ keys: seeded.map((d) => d._id) });
    expect(present.rows.filter((r) => 'value' in r && !r.value.deleted)).toHaveLength(50);
    const absent = await local.allDocs({ keys: others.map((d) => d._id) });
    expect(absent.rows.filter((r) => 'value' in r)).toEqual([]);

    const mine = Array.from({ length: 20 }, () => person('sophie'));
    const notMine = person('marc');
    const invalid = person('sophie', { firstName: '' });
    const workerDoc = { ...person('sophie'), _id: newId('match'), type: 'match' };
    for (const doc of [...mine, notMine, invalid, workerDoc]) await local.put(doc);

    const denied: unknown[] = [];
    const pushed = await new Promise<PouchDB.Replication.ReplicationResultComplete<object>>(
      (resolve, reject) => {
        local.replicate
          .to(remote)
          .on('denied', (err) => denied.push(err))
          .on('complete', resolve)
          .on('error', reject);
      },
    );
    expect(pushed.docs_written).toBe(20);
    expect(pushed.doc_write_failures).toBe(3);
    expect(denied).toHaveLength(3);

    const { rows } = await server.fetch({
      keys: [...mine, notMine, invalid, workerDoc].map((d) => d._id),
    });
    const landed = rows.filter((r) => 'doc' in r && r.doc).map((r) => r.key);
    expect(landed.sort()).toEqual(mine.map((d) => d._id).sort());
    const stored = (await server.get(mine[0]!._id)) as unknown as Record<string, unknown>;
    expect(stored.updatedBy).toBe('sophie');

    // The checkpoints (_local documents written through /db) make the next run a no-op.
    expect(seen.filter((s) => /^PUT \/db\/_local\/[\w.]{22}%3D%3D 201$/.test(s))).not.toEqual([]);
    expect(seen.filter((s) => / 403$/.test(s))).toEqual([]);
    const again = await local.replicate.from(remote);
    expect(again.docs_read).toBe(0);
  });

  it('answers _bulk_docs in order, the refused documents in their place, the others written', async () => {
    const ok1 = person('sophie');
    const forged = person('sophie', { updatedBy: 'claire' });
    const ok2 = person('sophie');
    const res = await dbFetch('/db/_bulk_docs', 'sophie', {
      method: 'POST',
      body: JSON.stringify({ docs: [ok1, forged, ok2] }),
    });
    expect(res.status).toBe(201);
    const results = await res.json();
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ id: ok1._id, ok: true });
    expect(results[1]).toMatchObject({
      id: forged._id,
      error: 'forbidden',
      reason: expect.stringContaining('sophie'),
    });
    expect(results[2]).toMatchObject({ id: ok2._id, ok: true });
    await expect(couch.couch.use(couch.dbName).get(forged._id)).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('does not let a relay overwrite what another relay recorded', async () => {
    const server = couch.couch.use(couch.dbName);
    const marcs = person('marc');
    const { rev } = await server.insert(marcs);
    const takeover = {
      ...marcs,
      _rev: rev,
      updatedBy: 'sophie',
      readers: ['role:coordinator', 'user:sophie'],
      firstName: 'Autre',
    };
    const res = await dbFetch('/db/_bulk_docs', 'sophie', {
      method: 'POST',
      body: JSON.stringify({ docs: [takeover] }),
    });
    expect((await res.json())[0]).toMatchObject({ error: 'forbidden' });
    expect(((await server.get(marcs._id)) as unknown as Record<string, unknown>).firstName).toBe(
      'Marie',
    );
  });

  it('answers 400 to a _bulk_docs that is not JSON, and 413 past the size limit', async () => {
    const bad = await dbFetch('/db/_bulk_docs', 'sophie', { method: 'POST', body: '{"docs": [' });
    expect(bad.status).toBe(400);
    const big = JSON.stringify({ docs: [person('sophie', { notes: 'x'.repeat(MAX_BODY) })] });
    const tooBig = await dbFetch('/db/_bulk_docs', 'sophie', { method: 'POST', body: big });
    expect(tooBig.status).toBe(413);
    // A streamed body without Content-Length is cut at the limit too.
    const chunked = await rawRequest('POST', '/db/_revs_diff', 'sophie', (req) => {
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < (MAX_BODY / chunk.length) * 2; i++) req.write(chunk);
      req.end();
    });
    expect(chunked.status).toBe(413);
  });
});

describe('live replication through /db', () => {
  it('ends a quiet long poll on time with a valid empty answer', async () => {
    const info = await (await dbFetch('/db/', 'sophie')).json();
    const started = Date.now();
    const res = await dbFetch(
      `/db/_changes?feed=longpoll&heartbeat=10000&since=${encodeURIComponent(info.update_seq)}`,
      'sophie',
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    const elapsed = Date.now() - started;
    expect(body.results).toEqual([]);
    expect(body.last_seq).toBeDefined();
    expect(elapsed).toBeGreaterThanOrEqual(LONGPOLL_MAX_MS - 100);
    expect(elapsed).toBeLessThan(LONGPOLL_MAX_MS + 3000);
  });

  it('keeps a shorter timeout the browser asks for', async () => {
    const started = Date.now();
    const res = await dbFetch('/db/_changes?feed=longpoll&since=now&timeout=300', 'sophie');
    expect((await res.json()).results).toEqual([]);
    expect(Date.now() - started).toBeLessThan(LONGPOLL_MAX_MS);
  });

  it('answers a quiet long poll from "now" with a real sequence, and then the next change', async () => {
    const quiet = await (await dbFetch('/db/_changes?feed=longpoll&since=now', 'sophie')).json();
    expect(quiet.results).toEqual([]);
    expect(quiet.last_seq).not.toBe('now');
    const next = dbFetch(
      `/db/_changes?feed=longpoll&since=${encodeURIComponent(quiet.last_seq)}`,
      'sophie',
    );
    await new Promise((r) => setTimeout(r, 200));
    const doc = person('sophie');
    await couch.couch.use(couch.dbName).insert(doc);
    const changed = await (await next).json();
    expect(changed.results.map((r: { id: string }) => r.id)).toEqual([doc._id]);
  });

  it('brings a document written on the server to a live PouchDB within seconds', async () => {
    const local = localDb();
    const remote = remoteDb('sophie');
    await local.replicate.from(remote);
    const replication = local.replicate.from(remote, { live: true, retry: true });
    try {
      const doc = person('sophie');
      await new Promise((r) => setTimeout(r, 300));
      const written = Date.now();
      await couch.couch.use(couch.dbName).insert(doc);
      await expect
        .poll(
          () =>
            local.get(doc._id).then(
              () => true,
              () => false,
            ),
          { timeout: 10_000, interval: 50 },
        )
        .toBe(true);
      expect(Date.now() - written).toBeLessThan(LONGPOLL_MAX_MS + 1500);
    } finally {
      replication.cancel();
    }
  });
});

describe('what CouchDB sees and what the browser gets back', () => {
  it('CouchDB sees the app’s account and the acting user, never the browser’s cookie or credentials', async () => {
    const spy = await startSpy(couch.baseUrl);
    const viaSpy = await startSessionProxyApp(
      appConfigFor({ ...couch, baseUrl: spy.url }, { longpollMaxMs: LONGPOLL_MAX_MS }),
    );
    try {
      const cookie = cookies.sophie ?? '';
      const res = await fetch(`${viaSpy.url}/db/_all_docs?limit=1`, {
        headers: { cookie: `${cookie}; AuthSession=stolen`, authorization: 'Basic c29waGllOnB3' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('www-authenticate')).toBeNull();
      const seen = spy.requests.at(-1)!;
      // A relay's listing is read with its documents, each checked against her reads.
      expect(seen.url).toBe(`/${couch.dbName}/_all_docs?limit=1&include_docs=true`);
      expect(seen.headers.cookie).toBeUndefined();
      const expected =
        'Basic ' + Buffer.from(`${couch.admin.name}:${couch.admin.password}`).toString('base64');
      expect(seen.headers.authorization).toBe(expected);
      expect(seen.headers['x-maillage-user']).toBe('sophie');
      expect(JSON.stringify(await res.json())).not.toContain(couch.admin.password);
    } finally {
      await viaSpy.stop();
      await spy.stop();
    }
  });

  it('answers 503 when CouchDB is down and 502 when it refuses the app’s account', async () => {
    const down = await startSessionProxyApp(appConfigFor({ ...couch, baseUrl: await closedUrl() }));
    const wrong = await startSessionProxyApp(
      appConfigFor({ ...couch, admin: { name: couch.admin.name, password: 'wrong' } }),
    );
    try {
      const headers = { cookie: cookies.sophie ?? '' };
      const res = await fetch(`${down.url}/db/`, { headers });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: 'unavailable',
        reason: 'Le serveur de données ne répond pas',
      });
      const refused = await fetch(`${wrong.url}/db/`, { headers });
      expect(refused.status).toBe(502);
      expect((await refused.json()).reason).toMatch(/s'identifier/);
      expect([...down.crashes, ...wrong.crashes]).toEqual([]);
    } finally {
      await down.stop();
      await wrong.stop();
    }
  });

  it('survives browsers that hang up in the middle of a stream or of a long poll', async () => {
    await couch.couch.use(couch.dbName).bulk({
      docs: Array.from({ length: 2000 }, () => person('claire', { notes: 'n'.repeat(500) })),
    });
    for (let i = 0; i < 5; i++) {
      await rawRequest('GET', '/db/_all_docs?include_docs=true', 'sophie', (req) => req.end(), {
        abortAfterFirstChunk: true,
      });
    }
    const info = await (await dbFetch('/db/', 'sophie')).json();
    const since = encodeURIComponent(info.update_seq);
    for (let i = 0; i < 5; i++) {
      await rawRequest(
        'GET',
        `/db/_changes?feed=longpoll&since=${since}`,
        'sophie',
        (req) => req.end(),
        { abortAfterMs: 100 },
      );
    }
    // A body cut halfway through an upload.
    await rawRequest('POST', '/db/_bulk_docs', 'sophie', (req) => {
      req.setHeader('content-length', '100000');
      req.write('{"docs":[');
      setTimeout(() => req.destroy(), 50);
    });
    await new Promise((r) => setTimeout(r, LONGPOLL_MAX_MS + 500));
    const after = await dbFetch('/db/', 'sophie');
    expect(after.status).toBe(200);
    expect(app.crashes).toEqual([]);
  });
});

interface RawResult {
  status: number;
}

/** A request over node:http, to control the body (chunked, cut) and hang up on purpose. */
function rawRequest(
  method: string,
  path: string,
  user: string,
  send: (req: ReturnType<typeof httpRequest>) => void,
  options: { abortAfterFirstChunk?: boolean; abortAfterMs?: number } = {},
): Promise<RawResult> {
  return new Promise((resolve) => {
    const req = httpRequest(
      `${app.url}${path}`,
      { method, headers: { cookie: cookies[user] ?? '', 'content-type': 'application/json' } },
      (res) => {
        const status = res.statusCode ?? 0;
        if (options.abortAfterFirstChunk) {
          res.once('data', () => {
            req.destroy();
            resolve({ status });
          });
        } else {
          res.resume();
          res.on('end', () => resolve({ status }));
        }
        res.on('error', () => resolve({ status }));
      },
    );
    req.on('error', () => resolve({ status: 0 }));
    if (options.abortAfterMs) {
      setTimeout(() => {
        req.destroy();
        resolve({ status: -1 });
      }, options.abortAfterMs);
    }
    send(req);
  });
}

/** An HTTP hop in front of CouchDB that records what it receives. */
async function startSpy(target: string) {
  const requests: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const upstream = httpRequest(
      `${target}${req.url}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
