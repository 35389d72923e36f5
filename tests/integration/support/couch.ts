// A real CouchDB-compatible server for integration tests: the embedded one on a free loopback
// port with its data in a temporary folder, or an Apache CouchDB when TEST_COUCHDB_URL is set
// (a URL with admin credentials), so the same tests prove both.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import { startEmbeddedCouch } from '../../../server/couch/embedded';
import { ensureDatabase } from '../../../server/couch/setup';
import { designDocs } from '../../../server/design/maillage';

export interface TestCouch {
  /** Base URL with admin credentials, e.g. http://admin:pw@127.0.0.1:PORT */
  readonly url: string;
  /** Base URL without credentials. */
  readonly baseUrl: string;
  readonly admin: { readonly name: string; readonly password: string };
  /** A fresh database, already set up (security, design documents). */
  readonly dbName: string;
  readonly couch: nano.ServerScope;
  stop(): Promise<void>;
}

/**
 * `setup: 'design'` (default) creates the database with its _security and design documents, as
 * `npm start` does; `'plain'` only its _security; `false` nothing.
 */
export async function startTestCouch(
  options: { setup?: 'design' | 'plain' | false } = {},
): Promise<TestCouch> {
  const dbName = `maillage-test-${randomBytes(4).toString('hex')}`;
  const remote = process.env.TEST_COUCHDB_URL;
  let baseUrl: string;
  let admin: { name: string; password: string };
  let stopServer: () => Promise<void>;
  if (remote) {
    const u = new URL(remote);
    admin = { name: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    u.username = '';
    u.password = '';
    baseUrl = u.toString().replace(/\/$/, '');
    stopServer = async () => {};
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-couch-'));
    admin = { name: 'test-admin', password: randomBytes(12).toString('hex') };
    const server = await startEmbeddedCouch({ dataDir, port: 0, admin });
    baseUrl = server.url;
    stopServer = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const u = new URL(baseUrl);
  u.username = encodeURIComponent(admin.name);
  u.password = encodeURIComponent(admin.password);
  const url = u.toString().replace(/\/$/, '');
  const couch = nano(url);
  const setup = options.setup ?? 'design';
  if (setup) await ensureDatabase(couch, dbName, setup === 'design' ? designDocs() : []);
  return {
    url,
    baseUrl,
    admin,
    dbName,
    couch,
    stop: async () => {
      if (remote) await couch.db.destroy(dbName).catch(() => {});
      await stopServer();
    },
  };
}
