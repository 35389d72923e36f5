// Issue 7 point 10: a fresh relay device pulling its 2,000 documents out of a database of 20,000
// and pushing 200 made offline, through the app's /db (session cookie, allow-list, reads per
// user from the by_reader index, per-document write checks) and straight to the database, on
// loopback, in the same run. "Straight" is the same replication without the app: her 2,000
// documents from a database that holds only them (what her own documents cost), and from the
// 20,000 with a doc_ids filter (what a filtered replication costs). Pulls in two rounds,
// alternated, the pushes in the last; the pull ratios use the best of each. Pushes follow each
// last-round pull as on a device: first the one the PWA's live push makes while it pulls
// (`catchUp`: it asks the server about every pulled document and finds nothing to send), then
// three times 200 made offline, each pushed from the checkpoint before (`pushMs` the best,
// `pushRunsMs` all three: the figure of point 10). For a push, "straight" is the database the
// documents go into, the territory's, with its validate_doc_update and worker
// (`pushVsDirectDocIds`, and the medians' ratio beside it); her own database has neither.
// `bareHopDocIds` is the doc_ids replication again through a bare HTTP hop in a process of its
// own (bench/support/bare-hop.mjs: no session, no check): what one more hop alone costs here.
// Figures mean little while the machine is loaded: the load average is printed with them.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import nano from 'nano';
import {
  buildPerson,
  newDocId,
  personInputSchema,
  readersFor,
  type AccessUser,
} from '../src/lib/domain/documents';
import { maillageDesignDoc } from '../server/design/maillage';
import { BY_READER_VIEW } from '../src/lib/server/shared/reads-design';
import { startApp } from '../tests/e2e/support/app';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-node');

const TOTAL = 20_000;
const OWN = 2000;
const PUSH = 200;
/** Pushes of PUSH timed after each last-round pull: one is too few on a shared machine. */
const PUSHES = 3;
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
  /** Documents on the device after the pull (pulledDocs counts one written twice twice). */
  heldDocs?: number;
  /** Those beyond her documents counted before timing (the worker's since), said by type. */
  laterDocs?: { id: string; type: unknown; readers: unknown }[];
  pullMs: number;
  /** The first push after the pull: every pulled document asked about, none sent. */
  catchUpMs?: number;
  catchUp?: Work;
  pushedDocs?: number;
  /** The best of PUSHES pushes of PUSH documents each, one after the other. */
  pushMs?: number;
  pushRunsMs?: number[];
  /** Requests the replicator made, and (through /db) those the app made to the database. */
  pull?: Work;
  push?: Work;
}

/** Requests and CPU time of one replication: what wall time on a shared machine cannot tell. */
interface Work {
  requests: number;
  upstream: Record<string, number>;
  cpuMs: Record<string, number>;
}

interface ReplicationResult {
  docs_written: number;
  doc_write_failures: number;
}

interface ProcessCounts {
  role: string;
  cpuMs: number;
  counts: Record<string, number>;
}

/** What the app's processes (bench/support/count-fetch.mjs) have counted so far, by role. */
function snapshot(countsDir: string): Record<string, ProcessCounts> {
  const byRole: Record<string, ProcessCounts> = {};
  for (const file of readdirSync(countsDir).filter((name) => name.endsWith('.json'))) {
    const read = JSON.parse(readFileSync(join(countsDir, file), 'utf8')) as ProcessCounts;
    const role = /supervisor\/app/.test(read.role)
      ? 'app'
      : /supervisor\/database/.test(read.role)
        ? 'database'
        : /worker/.test(read.role)
          ? 'worker'
          : null;
    if (role) byRole[role] = read;
  }
  return byRole;
}

let clientRequests = 0;
const countingFetch = (url: string, opts: RequestInit) => {
  clientRequests += 1;
  return PouchDB.fetch(url, opts);
};

/** Asks the app's processes for their counts (count-fetch.mjs looks every 50 ms), waits 300 ms. */
async function freshCounts(countsDir: string): Promise<Record<string, ProcessCounts>> {
  writeFileSync(join(countsDir, 'want'), '');
  await new Promise((done) => setTimeout(done, 300));
  return snapshot(countsDir);
}

/** Runs `work`, with its wall time, and the requests and CPU it cost. */
async function counted<T>(countsDir: string, work: () => Promise<T>): Promise<[T, Work, number]> {
  const before = await freshCounts(countsDir);
  const requestsBefore = clientRequests;
  const started = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - started);
  const requests = clientRequests - requestsBefore;
  const after = await freshCounts(countsDir);
  const upstream: Record<string, number> = {};
  for (const [key, n] of Object.entries(after.app?.counts ?? {})) {
    const diff = n - (before.app?.counts[key] ?? 0);
    if (diff > 0) upstream[key] = diff;
  }
  const cpuMs: Record<string, number> = {};
  for (const role of Object.keys(after))
    cpuMs[role] = Math.round(after[role]!.cpuMs - (before[role]?.cpuMs ?? 0));
  return [result, { requests, upstream, cpuMs }, ms];
}

/** A fresh device's pull, then (when `push`) the documents it made offline going up. */
async function measure(
  remote: unknown,
  dir: string,
  countsDir: string,
  hers: ReadonlySet<string>,
  push: boolean,
  pullOptions: object = {},
): Promise<Leg> {
  const expected = hers.size;
  const local = new PouchDB(join(dir, `device-${counter}`));
  try {
    const [pulled, pullWork, pullMs] = await counted(countsDir, (): Promise<ReplicationResult> =>
      local.replicate.from(remote, { batch_size: 100, ...pullOptions }),
    );
    // The demo's worker may touch one of her documents during the pull: written twice, not lost.
    const held = (await local.info()).doc_count;
    if (held < expected) throw new Error(`pull wrote ${pulled.docs_written}, holds ${held}`);
    const later = (await local.allDocs({ include_docs: true })).rows
      .filter((row: { id: string }) => !hers.has(row.id))
      .map((row: { id: string; doc: Record<string, unknown> }) => ({
        id: row.id,
        type: row.doc.type,
        readers: row.doc.readers,
      }));
    const laterDocs = later.length ? { laterDocs: later } : {};
    if (!push)
      return {
        pulledDocs: pulled.docs_written,
        heldDocs: held,
        ...laterDocs,
        pullMs,
        pull: pullWork,
      };
    const pushUp = (): Promise<ReplicationResult> =>
      local.replicate.to(remote, { batch_size: 100 });
    const [caughtUp, catchUpWork, catchUpMs] = await counted(countsDir, pushUp);
    if (caughtUp.docs_written !== 0 || caughtUp.doc_write_failures) {
      throw new Error(`catch-up push wrote ${caughtUp.docs_written}`);
    }
    const pushRunsMs: number[] = [];
    let pushWork: Work | undefined;
    for (let run = 0; run < PUSHES; run++) {
      const now = new Date();
      await local.bulkDocs(Array.from({ length: PUSH }, () => person(now, sophie)));
      const [pushed, work, ms] = await counted(countsDir, pushUp);
      if (pushed.docs_written !== PUSH || pushed.doc_write_failures) {
        throw new Error(`push wrote ${pushed.docs_written}, refused ${pushed.doc_write_failures}`);
      }
      pushRunsMs.push(ms);
      pushWork ??= work;
    }
    return {
      pulledDocs: pulled.docs_written,
      heldDocs: held,
      ...laterDocs,
      pullMs,
      pull: pullWork,
      catchUpMs,
      catchUp: catchUpWork,
      pushedDocs: PUSH,
      pushMs: Math.min(...pushRunsMs),
      pushRunsMs,
      push: pushWork,
    };
  } finally {
    await local.destroy();
  }
}

const seqNumber = (seq: unknown) => Number.parseInt(String(seq), 10);

/** Waits (at most 5 minutes) until the worker has handled every change and the database is quiet. */
async function workerCaughtUp(db: nano.DocumentScope<unknown>): Promise<number> {
  const started = performance.now();
  let last = -1;
  while (performance.now() - started < 300_000) {
    const seq = seqNumber((await db.info()).update_seq);
    const handled = await db.get('_local/worker-main').then(
      (doc) => seqNumber((doc as { seq?: unknown }).seq),
      () => 0,
    );
    if (handled >= seq && seq === last) break;
    last = seq;
    await new Promise((done) => setTimeout(done, 1000));
  }
  return Math.round(performance.now() - started);
}

const best = (legs: Leg[], key: 'pullMs' | 'catchUpMs' | 'pushMs') =>
  Math.min(...legs.flatMap((l) => (l[key] === undefined ? [] : [l[key]])));
const medianPush = (legs: Leg[]) => {
  const runs = legs.flatMap((l) => l.pushRunsMs ?? []).sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
};
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export async function benchReplication(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  const countsDir = mkdtempSync(join(tmpdir(), 'maillage-bench-counts-'));
  const saved = { options: process.env.NODE_OPTIONS, counts: process.env.MAILLAGE_BENCH_COUNTS };
  process.env.NODE_OPTIONS = `${saved.options ?? ''} --import ${pathToFileURL(resolve('bench/support/count-fetch.mjs')).href}`;
  process.env.MAILLAGE_BENCH_COUNTS = countsDir;
  const app = await startApp();
  process.env.NODE_OPTIONS = saved.options ?? '';
  if (saved.counts === undefined) delete process.env.MAILLAGE_BENCH_COUNTS;
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
    // The worker reads the 20,000 through its feed and may still be writing for the demo's
    // requests: timing starts once its checkpoint has reached the database's sequence, or its
    // catch-up would land in whichever leg runs first (the proxy's, 130 feed pages measured).
    const waitedMs = await workerCaughtUp(db);
    // The worker's views too: else the first push into the territory (the proxy's) pays for
    // indexing the 20,000 when the worker looks up the people it brings, and the others do not.
    const design = maillageDesignDoc();
    for (const view of Object.keys(design.views))
      await db.view(design._id.slice('_design/'.length), view, { limit: 1 });
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
        return countingFetch(url, { ...opts, headers });
      },
    });
    const own = new PouchDB(`${app.couchUrl}/bench-own`, {
      skip_setup: true,
      fetch: countingFetch,
    });
    const whole = new PouchDB(`${app.couchUrl}/maillage`, {
      skip_setup: true,
      fetch: countingFetch,
    });
    const hop = fork(resolve('bench/support/bare-hop.mjs'), {
      env: { ...process.env, TARGET: new URL(app.couchUrl).origin },
    });
    const hopPort = await new Promise<number>((done) =>
      hop.once('message', (m) => done((m as { port: number }).port)),
    );
    const throughHop = new URL(app.couchUrl);
    throughHop.port = String(hopPort);
    const hopped = new PouchDB(`${throughHop.href}maillage`, {
      skip_setup: true,
      fetch: countingFetch,
    });
    const legs = {
      viaProxy: [] as Leg[],
      directOwn: [] as Leg[],
      directDocIds: [] as Leg[],
      bareHopDocIds: [] as Leg[],
    };
    const loadBefore = loadavg()[0]!;
    started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      // Pushes in the last round only, each after its own pull: every pull sees the same documents.
      const push = round === ROUNDS - 1;
      const n = new Set(ownIds);
      legs.viaProxy.push(await measure(viaProxy, dir, countsDir, n, push));
      legs.directOwn.push(await measure(own, dir, countsDir, n, push));
      legs.directDocIds.push(await measure(whole, dir, countsDir, n, push, { doc_ids: ownIds }));
      legs.bareHopDocIds.push(await measure(hopped, dir, countsDir, n, push, { doc_ids: ownIds }));
    }
    hop.kill();
    const loadAfter = loadavg()[0]!;
    const proxyPull = best(legs.viaProxy, 'pullMs');
    const proxyPush = best(legs.viaProxy, 'pushMs');
    const proxyCatchUp = best(legs.viaProxy, 'catchUpMs');
    return {
      documentsInDatabase,
      relayDocuments: ownIds.length,
      pushedOffline: PUSH,
      batchSize: 100,
      rounds: ROUNDS,
      indexBuildMs,
      workerCatchUpMs: waitedMs,
      viaProxy: legs.viaProxy,
      directOwn: legs.directOwn,
      directDocIds: legs.directDocIds,
      bareHopDocIds: legs.bareHopDocIds,
      ratios: {
        pullVsDirectOwn: ratio(proxyPull, best(legs.directOwn, 'pullMs')),
        pushVsDirectOwn: ratio(proxyPush, best(legs.directOwn, 'pushMs')),
        pullVsDirectDocIds: ratio(proxyPull, best(legs.directDocIds, 'pullMs')),
        pushVsDirectDocIds: ratio(proxyPush, best(legs.directDocIds, 'pushMs')),
        pushMediansVsDirectDocIds: ratio(medianPush(legs.viaProxy), medianPush(legs.directDocIds)),
        catchUpVsDirectOwn: ratio(proxyCatchUp, best(legs.directOwn, 'catchUpMs')),
        catchUpVsDirectDocIds: ratio(proxyCatchUp, best(legs.directDocIds, 'catchUpMs')),
        // One bare hop, no check at all: the floor under the /db ratios on this machine.
        bareHopPullVsDirectDocIds: ratio(
          best(legs.bareHopDocIds, 'pullMs'),
          best(legs.directDocIds, 'pullMs'),
        ),
        bareHopPushVsDirectDocIds: ratio(
          best(legs.bareHopDocIds, 'pushMs'),
          best(legs.directDocIds, 'pushMs'),
        ),
        bareHopPushMediansVsDirectDocIds: ratio(
          medianPush(legs.bareHopDocIds),
          medianPush(legs.directDocIds),
        ),
      },
      freshPullUnder3s: proxyPull < 3000,
      loadAverage: { before: loadBefore, after: loadAfter },
      view: BY_READER_VIEW,
      totalMs: Math.round(performance.now() - started),
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
    try {
      rmSync(countsDir, { recursive: true, force: true });
    } catch {
      // Its processes may still write their last counts while they stop: the figures come first.
    }
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}
