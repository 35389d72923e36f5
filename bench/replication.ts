// Issue 7 point 10: a fresh relay device pulling its 2,000 documents out of a database of 20,000
// and pushing 200 made offline, through the app's /db (session cookie, allow-list, reads per
// user from the by_reader index, per-document write checks) and straight to the database, on
// loopback, in the same run. "Straight" is the same replication without the app: her 2,000
// documents from a database that holds only them (what her own documents cost), and from the
// 20,000 with a doc_ids filter (what a filtered replication costs). Pulls in two rounds,
// alternated, the push in the last; the pull ratios use the best of each. Figures mean little while the machine is loaded: the load
// average is printed with them.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import {
  buildPerson,
  newDocId,
  personInputSchema,
  readersFor,
  type AccessUser,
} from '../src/lib/domain/documents';
import { BY_READER_VIEW } from '../src/lib/server/shared/reads-design';
import { startApp } from '../tests/e2e/support/app';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-node');

const TOTAL = 20_000;
const OWN = 2000;
const PUSH = 200;
const ROUNDS = 2;
const sophie: AccessUser = { name: 'sophie', roles: ['relay'] };
const paul: AccessUser = { name: 'paul', roles: ['relay'] };
let counter = 0;

function person(now: Date, by: AccessUser) {
  counter += 1;
  const input = personInputSchema.parse({
    firstName: `Personne ${counter}`,
    phone: '',
    homeInsee: '46102',
    roles: ['passenger'],
    consentMethod: 'oral',
  });
  const id = newDocId('person', () => `bench${String(counter).padStart(8, '0')}`);
  return buildPerson(input, { id, user: by.name, now, readers: readersFor('person', by) });
}

interface Leg {
  pulledDocs: number;
  pullMs: number;
  pushedDocs?: number;
  pushMs?: number;
}

/** A fresh device's pull, then (when `push`) the documents it made offline going up. */
async function measure(
  remote: unknown,
  dir: string,
  expected: number,
  push: boolean,
  pullOptions: object = {},
): Promise<Leg> {
  const local = new PouchDB(join(dir, `device-${counter}`));
  try {
    let started = performance.now();
    const pulled = await local.replicate.from(remote, { batch_size: 100, ...pullOptions });
    const pullMs = Math.round(performance.now() - started);
    if (pulled.docs_written !== expected) throw new Error(`pull wrote ${pulled.docs_written}`);
    if (!push) return { pulledDocs: pulled.docs_written, pullMs };
    const now = new Date();
    await local.bulkDocs(Array.from({ length: PUSH }, () => person(now, sophie)));
    started = performance.now();
    const pushed = await local.replicate.to(remote, { batch_size: 100 });
    const pushMs = Math.round(performance.now() - started);
    if (pushed.docs_written !== PUSH || pushed.doc_write_failures) {
      throw new Error(`push wrote ${pushed.docs_written}, refused ${pushed.doc_write_failures}`);
    }
    return { pulledDocs: pulled.docs_written, pullMs, pushedDocs: pushed.docs_written, pushMs };
  } finally {
    await local.destroy();
  }
}

const best = (legs: Leg[], key: 'pullMs' | 'pushMs') =>
  Math.min(...legs.flatMap((l) => (l[key] === undefined ? [] : [l[key]])));
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export async function benchReplication(): Promise<Record<string, unknown>> {
  const app = await startApp();
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  try {
    const couch = nano(app.couchUrl);
    const db = couch.use('maillage');
    await couch.db.create('bench-own');
    const ownDb = couch.use('bench-own');
    const now = new Date();
    for (let i = 0; i < TOTAL; i += 500) {
      // One in ten is hers, spread through the feed as a territory's would be.
      const docs = Array.from({ length: 500 }, (_, j) =>
        person(now, (i + j) % (TOTAL / OWN) === 0 ? sophie : paul),
      );
      await db.bulk({ docs });
    }
    // A live database's index is kept up by every pull; this one is built once before timing.
    let started = performance.now();
    const hers = await db.view('reads', 'by_reader', {
      startkey: ['user:sophie', ''],
      endkey: ['user:sophie', {}],
      include_docs: true,
    });
    const indexBuildMs = Math.round(performance.now() - started);
    // Her documents (the demo's included), the same revisions, alone in a database of their own.
    const ownIds = hers.rows.map((row) => row.id);
    await ownDb.bulk({ docs: hers.rows.map((row) => row.doc!), new_edits: false });
    const documentsInDatabase = (await db.info()).doc_count;

    const login = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sophie', password: 'demo-sophie' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    if (!login.ok || !cookie) throw new Error(`login failed: ${login.status}`);
    const viaProxy = new PouchDB(`${app.url}/db`, {
      skip_setup: true,
      fetch: (url: string, opts: RequestInit) => {
        const headers = new Headers(opts.headers);
        headers.set('cookie', cookie);
        return PouchDB.fetch(url, { ...opts, headers });
      },
    });
    const own = new PouchDB(`${app.couchUrl}/bench-own`, { skip_setup: true });
    const whole = new PouchDB(`${app.couchUrl}/maillage`, { skip_setup: true });
    const legs = { viaProxy: [] as Leg[], directOwn: [] as Leg[], directDocIds: [] as Leg[] };
    const loadBefore = loadavg()[0]!;
    started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      // Pushes in the last round only, each after its own pull: every pull sees the same documents.
      const push = round === ROUNDS - 1;
      const n = ownIds.length;
      legs.viaProxy.push(await measure(viaProxy, dir, n, push));
      legs.directOwn.push(await measure(own, dir, n, push));
      legs.directDocIds.push(await measure(whole, dir, n, push, { doc_ids: ownIds }));
    }
    const loadAfter = loadavg()[0]!;
    const proxyPull = best(legs.viaProxy, 'pullMs');
    const proxyPush = best(legs.viaProxy, 'pushMs');
    return {
      documentsInDatabase,
      relayDocuments: ownIds.length,
      pushedOffline: PUSH,
      batchSize: 100,
      rounds: ROUNDS,
      indexBuildMs,
      viaProxy: legs.viaProxy,
      directOwn: legs.directOwn,
      directDocIds: legs.directDocIds,
      ratios: {
        pullVsDirectOwn: ratio(proxyPull, best(legs.directOwn, 'pullMs')),
        pushVsDirectOwn: ratio(proxyPush, best(legs.directOwn, 'pushMs')),
        pullVsDirectDocIds: ratio(proxyPull, best(legs.directDocIds, 'pullMs')),
        pushVsDirectDocIds: ratio(proxyPush, best(legs.directDocIds, 'pushMs')),
      },
      freshPullUnder3s: proxyPull < 3000,
      loadAverage: { before: loadBefore, after: loadAfter },
      view: BY_READER_VIEW,
      totalMs: Math.round(performance.now() - started),
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}
