// One process: the embedded database (unless COUCHDB_URL is set), the territory database with its
// design documents and demo data, and the SvelteKit app. Wiring only; the parts live beside it.
//   npm start [-- --no-demo] [-- --no-worker]   everything
//   npm run db [-- --no-demo]                   the database only (embedded, or check the remote one)
//   npm run worker                              the worker alone, beside `npm start -- --no-worker`
import express from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import nano from 'nano';
import { designDocs } from './design/maillage';
import { ensureBuild, ensureGazetteer } from './build-if-missing';
import { announceNewCredentials, authenticatedCouchUrl, loadConfig, projectRoot } from './config';
import { startEmbeddedCouch, type EmbeddedCouch } from './couch/embedded';
import { seedDemoOnce } from './couch/seed-demo';
import { ensureDatabase } from './couch/setup';
import { createGateway } from './gateways/select';
import { startWorker } from './worker';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { systemClock } from '../src/lib/clock';

const args = new Set(process.argv.slice(2));
const dbOnly = args.has('--db-only');
const withDemo = !args.has('--no-demo');
const withWorker = !args.has('--no-worker');

const loaded = loadConfig();
const { config } = loaded;
const stops: Array<() => Promise<void>> = [];

let embedded: EmbeddedCouch | null = null;
if (config.embedded) {
  embedded = await startEmbeddedCouch({
    dataDir: config.dataDir,
    port: config.embeddedPort,
    admin: config.couchAuth,
  });
  stops.push(() => embedded!.stop());
  console.error(
    `database: embedded CouchDB-compatible server on ${embedded.url} (data in ${config.dataDir})`,
  );
} else {
  console.error(`database: Apache CouchDB at ${config.couchUrl}`);
}
announceNewCredentials(loaded);

const couch = nano(authenticatedCouchUrl(config));
try {
  await ensureDatabase(couch, config.dbName, designDocs());
} catch (err) {
  console.error(
    `database: cannot set up "${config.dbName}" at ${config.couchUrl}: ${(err as Error).message}`,
  );
  await stopAll();
  process.exit(1);
}

ensureGazetteer();
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

if (!dbOnly && withWorker) {
  const worker = await startWorker({
    couchUrl: authenticatedCouchUrl(config),
    dbName: config.dbName,
    gateway: createGateway(process.env, {
      clock: systemClock,
      log: (line) => console.error(line),
    }),
    clock: systemClock,
  });
  stops.push(() => worker.stop());
  console.error('worker: following changes (npm start -- --no-worker to run it apart)');
}

if (dbOnly) {
  console.log(`Database ready: ${config.couchUrl}/${config.dbName}`);
} else {
  ensureBuild();
  // Read by the SvelteKit server at request time ($env/dynamic/private).
  process.env.COUCHDB_URL = authenticatedCouchUrl(config);
  process.env.COUCHDB_DB = config.dbName;
  process.env.SESSION_SECRET = config.sessionSecret;
  process.env.BODY_SIZE_LIMIT ??= '16M';
  // adapter-node assumes https unless told; behind a TLS proxy, X-Forwarded-Proto says https.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  const handlerPath = join(projectRoot, 'build', 'handler.js');
  if (!existsSync(handlerPath)) throw new Error(`missing ${handlerPath}`);
  const { handler } = await import(pathToFileURL(handlerPath).href);
  const app = express();
  app.disable('x-powered-by');
  app.use((req, _res, next) => {
    req.headers['x-forwarded-proto'] ??= 'http';
    next();
  });
  app.use(handler);
  const server = app.listen(config.port, config.host, () => {
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
    console.log(`Maillage: http://${shown}:${config.port}`);
  });
  stops.push(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
}

async function stopAll() {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await stopAll();
    process.exit(0);
  });
}
