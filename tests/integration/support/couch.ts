// A real CouchDB-compatible server for integration tests: the embedded one on a free loopback
// port with its data in a temporary folder, or an Apache CouchDB when TEST_COUCHDB_URL is set
// (a URL with admin credentials), so the same tests prove both. `faults` puts a CouchDB cluster's
// behaviour in front of it (support/cluster-faults.ts); TEST_CLUSTER_FAULTS=<seed> does so for
// every test, TEST_CLUSTER_FAULTS=off bypasses it (a real cluster has its own faults).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import { startEmbeddedCouch } from '../../../server/couch/embedded';
import { ensureDatabase } from '../../../server/couch/setup';
import { designDocs } from '../../../server/design/maillage';
import {
  CLUSTER_FAULTS,
  startClusterFaults,
  type ClusterFaultOptions,
  type ClusterFaults,
} from './cluster-faults';

export interface TestCouch {
  /** Base URL with admin credentials, e.g. http://admin:pw@127.0.0.1:PORT */
  readonly url: string;
  /** Base URL without credentials. */
  readonly baseUrl: string;
  readonly admin: { readonly name: string; readonly password: string };
  /** A fresh database, already set up (security, design documents). */
  readonly dbName: string;
  readonly couch: nano.ServerScope;
  /** The fault injector the URLs go through, when there is one. */
  readonly faults: ClusterFaults | null;
  /** The embedded server's data folder (null for an Apache CouchDB). */
  readonly dataDir: string | null;
  stop(): Promise<void>;
}

function faultsWanted(asked: ClusterFaultOptions | undefined): ClusterFaultOptions | null {
  const env = process.env.TEST_CLUSTER_FAULTS;
  if (env === 'off') return null;
  if (asked) return asked;
  if (!env) return null;
  const seed = Number.parseInt(env, 10);
  return { ...CLUSTER_FAULTS, seed: Number.isNaN(seed) ? 1 : seed };
}

/**
 * `setup: 'design'` (default) creates the database with its _security and design documents, as
 * `npm start` does; `'plain'` only its _security; `false` nothing.
 */
export async function startTestCouch(
  options: { setup?: 'design' | 'plain' | false; faults?: ClusterFaultOptions } = {},
): Promise<TestCouch> {
  const dbName = `maillage-test-${randomBytes(4).toString('hex')}`;
  const remote = process.env.TEST_COUCHDB_URL;
  let baseUrl: string;
  let admin: { name: string; password: string };
  let stopServer: () => Promise<void>;
  let dataDir: string | null = null;
  if (remote) {
    const u = new URL(remote);
    admin = { name: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    u.username = '';
    u.password = '';
    baseUrl = u.toString().replace(/\/$/, '');
    stopServer = async () => {};
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-couch-'));
    dataDir = dir;
    admin = { name: 'test-admin', password: randomBytes(12).toString('hex') };
    const server = await startEmbeddedCouch({ dataDir: dir, port: 0, admin });
    baseUrl = server.url;
    stopServer = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const withCredentials = (base: string) => {
    const u = new URL(base);
    u.username = encodeURIComponent(admin.name);
    u.password = encodeURIComponent(admin.password);
    return u.toString().replace(/\/$/, '');
  };
  const direct = nano(withCredentials(baseUrl));
  const setup = options.setup ?? 'design';
  if (setup) await ensureDatabase(direct, dbName, setup === 'design' ? designDocs() : []);
  const wanted = faultsWanted(options.faults);
  const faults = wanted ? await startClusterFaults(baseUrl, wanted) : null;
  if (faults) baseUrl = faults.url;
  const url = withCredentials(baseUrl);
  return {
    url,
    baseUrl,
    admin,
    dbName,
    couch: faults ? nano(url) : direct,
    faults,
    dataDir,
    stop: async () => {
      await faults?.stop();
      if (remote) await direct.db.destroy(dbName).catch(() => {});
      await stopServer();
    },
  };
}
