// The embedded CouchDB-compatible server itself: express-pouchdb over pouchdb-node (LevelDB on
// disk), bound to loopback only, serving in the thread that calls it (embedded.ts runs it in a
// thread of its own).
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { adminOnly } from './admin-only';
import type { EmbeddedCouchOptions } from './embedded';

const require = createRequire(import.meta.url);

interface CouchConfig {
  get(section: string, key: string): unknown;
  getSection(section: string): Record<string, string>;
  set(section: string, key: string, value: unknown, callback: (err?: Error) => void): void;
}

export interface ServedCouch {
  readonly url: string;
  stop(): Promise<void>;
}

export async function serveEmbeddedCouch(options: EmbeddedCouchOptions): Promise<ServedCouch> {
  const dataDir = resolve(options.dataDir);
  const dbDir = join(dataDir, 'couch');
  mkdirSync(dbDir, { recursive: true, mode: 0o700 });

  const express = require('express');
  const PouchDB = require('pouchdb-node').defaults({ prefix: dbDir + '/' });
  const expressPouchDB = require('express-pouchdb');

  const pouchApp = expressPouchDB(PouchDB, {
    configPath: join(dataDir, 'couch-config.json'),
    logPath: join(dataDir, 'couch-log.txt'),
    overrideMode: {
      exclude: [
        // Fauxton would need files from the network; replication needs none of it.
        'routes/fauxton',
        // Per-request work nobody uses: gzip on loopback, a walk of the database's folder for
        // every info() (disk_size), request lines formatted for a log kept at warning level.
        'compression',
        'disk-size',
        'routes/http-log',
      ],
    },
  });
  const config = pouchApp.couchConfig as CouchConfig;
  await setConfig(config, 'log', 'level', 'warning');
  // pouchdb-auth defaults to 10 PBKDF2 iterations, far too weak for stored passwords.
  await setConfig(config, 'couch_httpd_auth', 'iterations', 20000);
  // Admins are stored hashed; the plain password only lives in data/credentials.json.
  if (!config.getSection('admins')[options.admin.name]) {
    await setConfig(config, 'admins', options.admin.name, options.admin.password);
  }

  const app = express();
  app.disable('x-powered-by');
  // Before express-pouchdb: nothing of a request without the admin's credentials is parsed.
  app.use(adminOnly(options.admin));
  app.use('/', pouchApp);

  const server: Server = await new Promise((resolveServer, reject) => {
    const s: Server = app.listen(options.port, '127.0.0.1', () => resolveServer(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Saves only what changed: on a restart express-pouchdb rewrites its config file while it loads,
 * and a second concurrent save would race it (both rename the same temporary file).
 */
async function setConfig(config: CouchConfig, section: string, key: string, value: unknown) {
  if (String(config.get(section, key)) === String(value)) return;
  return new Promise<void>((done, fail) =>
    config.set(section, key, value, (err) => (err ? fail(err) : done())),
  );
}
