// `npm start`: a supervisor of child processes — the embedded database (unless COUCHDB_URL is
// set), the worker and the SvelteKit app — each started again when it crashes, so that one crash
// does not take the others down (docs/supervision.md). It also sets up the territory database and
// its demo data once the database answers. Wiring only; the parts live in server/supervisor/.
//   npm start [-- --no-demo] [-- --no-worker]   everything
//   npm run db [-- --no-demo]                   the database only (embedded, or check the remote one)
//   npm run worker                              the worker alone, beside `npm start -- --no-worker`
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nano from 'nano';
import { designDocs } from './design/maillage';
import { ensureBuild, ensureGazetteer } from './build-if-missing';
import { announceNewCredentials, authenticatedCouchUrl, loadConfig, projectRoot } from './config';
import { seedDemoOnce } from './couch/seed-demo';
import { ensureDatabase } from './couch/setup';
import { SupervisedChild, type ChildSpec } from './supervisor/child';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { systemClock } from '../src/lib/clock';

const args = new Set(process.argv.slice(2));
const dbOnly = args.has('--db-only');
const withDemo = !args.has('--no-demo');
const withWorker = !args.has('--no-worker');

const loaded = loadConfig();
const { config } = loaded;
const log = (line: string) => console.error(`[supervisor] ${line}`);
log(`started (pid ${process.pid})`);
const children: SupervisedChild[] = [];
let stopping = false;

/** Starts a part; resolves with the first `{ ready }` message when `ready` is asked for. */
function supervise(spec: ChildSpec, ready = false): Promise<string | null> {
  return new Promise((resolve) => {
    let first = true;
    const child = new SupervisedChild(spec, {
      clock: systemClock,
      log,
      out: (line) => console.error(line),
      onMessage: (message) => {
        const url = (message as { ready?: unknown } | null)?.ready;
        if (typeof url !== 'string') return;
        if (!first) return log(`${spec.name} ready again`);
        first = false;
        resolve(url);
      },
    });
    children.push(child);
    child.start();
    if (!ready) resolve(null);
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll(0));
}

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  // The app and the worker first, the database they use last.
  const database = config.embedded ? children[0] : undefined;
  await Promise.all(children.filter((c) => c !== database).map((c) => c.stop()));
  await database?.stop();
  process.exit(code);
}

ensureGazetteer();
if (!dbOnly) ensureBuild();

if (config.embedded) {
  const url = await supervise(
    { name: 'database', script: join(projectRoot, 'server/supervisor/database.ts') },
    true,
  );
  console.error(`database: embedded CouchDB-compatible server on ${url}`);
} else {
  console.error(`database: Apache CouchDB at ${config.couchUrl}`);
}
announceNewCredentials(loaded);

const couch = nano(authenticatedCouchUrl(config));
try {
  await ensureDatabase(couch, config.dbName, designDocs());
} catch (err) {
  log(`cannot set up "${config.dbName}" at ${config.couchUrl}: ${(err as Error).message}`);
  await stopAll(1);
}

if (withDemo) {
  const gazetteer = JSON.parse(
    readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
  ) as GazetteerData;
  const seed = await seedDemoOnce(couch, config.dbName, gazetteer.communes, systemClock.now());
  console.error(
    seed.seeded
      ? `demo: ${seed.documents} documents and ${seed.users.length} logins seeded`
      : 'demo: already seeded',
  );
}

if (dbOnly) {
  console.log(`Database ready: ${config.couchUrl}/${config.dbName}`);
} else {
  if (withWorker) {
    await supervise({ name: 'worker', script: join(projectRoot, 'server/cli/worker.ts') });
    console.error('worker: following changes (npm start -- --no-worker to run it apart)');
  }
  const url = await supervise(
    {
      name: 'app',
      script: join(projectRoot, 'server/supervisor/app.ts'),
      // Read by the SvelteKit server at request time ($env/dynamic/private).
      env: {
        COUCHDB_URL: authenticatedCouchUrl(config),
        COUCHDB_DB: config.dbName,
        SESSION_SECRET: config.sessionSecret,
        BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '16M',
        // adapter-node assumes https unless told; behind a TLS proxy, X-Forwarded-Proto says so.
        PROTOCOL_HEADER: process.env.PROTOCOL_HEADER ?? 'x-forwarded-proto',
        HOST: config.host,
        PORT: String(config.port),
      },
    },
    true,
  );
  console.log(`Maillage: ${url}`);
}
