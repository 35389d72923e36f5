// The embedded CouchDB-compatible server: express-pouchdb over pouchdb-node (LevelDB on disk),
// bound to loopback only. Everything else talks to it through the CouchDB HTTP API, exactly as it
// would to Apache CouchDB 3, so nothing may rely on a quirk of this one.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export interface EmbeddedCouchOptions {
  /** Folder for the LevelDB files, config.json and log.txt. */
  readonly dataDir: string;
  readonly port: number;
  readonly admin: { readonly name: string; readonly password: string };
}

export interface EmbeddedCouch {
  /** Base URL without credentials, e.g. http://127.0.0.1:5985 */
  readonly url: string;
  stop(): Promise<void>;
}

interface CouchConfig {
  get(section: string, key: string): unknown;
  getSection(section: string): Record<string, string>;
  set(section: string, key: string, value: unknown, callback: (err?: Error) => void): void;
}

export async function startEmbeddedCouch(options: EmbeddedCouchOptions): Promise<EmbeddedCouch> {
  const dataDir = resolve(options.dataDir);
  const dbDir = join(dataDir, 'couch');
  mkdirSync(dbDir, { recursive: true });

  const express = require('express');
  const PouchDB = require('pouchdb-node').defaults({ prefix: dbDir + '/' });
  const expressPouchDB = require('express-pouchdb');

  const pouchApp = expressPouchDB(PouchDB, {
    configPath: join(dataDir, 'couch-config.json'),
    logPath: join(dataDir, 'couch-log.txt'),
    // Fauxton would need files from the network; replication needs none of it.
    overrideMode: { exclude: ['routes/fauxton'] },
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
