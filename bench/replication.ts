// A fresh device pulling 2,000 documents and pushing 200 made offline, through the app's /db
// proxy (session cookie, allow-list, per-document checks) and directly to the database, on
// loopback, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import {
  buildPerson,
  newDocId,
  personInputSchema,
  readersFor,
  type AccessUser,
} from '../src/lib/domain/documents';
import { startApp } from '../tests/e2e/support/app';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-node');

const PULL = 2000;
const PUSH = 200;
const sophie: AccessUser = { name: 'sophie', roles: ['relay'] };
let counter = 0;

function person(now: Date) {
  counter += 1;
  const input = personInputSchema.parse({
    firstName: `Personne ${counter}`,
    phone: '',
    homeInsee: '46102',
    roles: ['passenger'],
    consentMethod: 'oral',
  });
  const id = newDocId('person', () => `bench${String(counter).padStart(8, '0')}`);
  return buildPerson(input, { id, user: sophie.name, now, readers: readersFor('person', sophie) });
}

async function measure(remote: unknown, dir: string) {
  const local = new PouchDB(join(dir, `device-${counter}`));
  let started = performance.now();
  const pulled = await local.replicate.from(remote, { batch_size: 100 });
  const pullMs = performance.now() - started;
  const now = new Date();
  await local.bulkDocs(Array.from({ length: PUSH }, () => person(now)));
  started = performance.now();
  const pushed = await local.replicate.to(remote, { batch_size: 100 });
  const pushMs = performance.now() - started;
  await local.destroy();
  if (pushed.docs_written !== PUSH || pushed.doc_write_failures) {
    throw new Error(`push wrote ${pushed.docs_written}, refused ${pushed.doc_write_failures}`);
  }
  return {
    pulledDocs: pulled.docs_written,
    pullMs: Math.round(pullMs),
    pushedDocs: pushed.docs_written,
    pushMs: Math.round(pushMs),
  };
}

export async function benchReplication(): Promise<Record<string, unknown>> {
  const app = await startApp();
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  try {
    const db = nano(app.couchUrl).use('maillage');
    const now = new Date();
    for (let i = 0; i < PULL; i += 500) {
      await db.bulk({ docs: Array.from({ length: Math.min(500, PULL - i) }, () => person(now)) });
    }
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
    const direct = new PouchDB(`${app.couchUrl}/maillage`, { skip_setup: true });
    const total = (await db.info()).doc_count;
    const proxy = await measure(viaProxy, dir);
    const straight = await measure(direct, dir);
    return { documentsInDatabase: total, batchSize: 100, viaProxy: proxy, direct: straight };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}
