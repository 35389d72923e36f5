// The embedded CouchDB-compatible server: express-pouchdb over pouchdb-node (LevelDB on disk),
// bound to loopback only. Everything else talks to it through the CouchDB HTTP API, exactly as it
// would to Apache CouchDB 3, so nothing may rely on a quirk of this one. It runs in a thread of
// its own, as a CouchDB would in its own process: the database's work and the app's or the
// worker's then use two cores instead of sharing one event loop.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { serveEmbeddedCouch } from './embedded-server';
import { keepPrivate } from './private-files';

const require = createRequire(import.meta.url);

export interface EmbeddedCouchOptions {
  /** Folder for the LevelDB files, config.json and log.txt. */
  readonly dataDir: string;
  readonly port: number;
  readonly admin: { readonly name: string; readonly password: string };
  /** Serve from the calling thread (a test that looks inside the engine). Default: its own thread. */
  readonly inProcess?: boolean;
}

export interface EmbeddedCouch {
  /** Base URL without credentials, e.g. http://127.0.0.1:5985 */
  readonly url: string;
  /** CPU time its thread used so far, ms (null: served in-process, or no /proc). */
  cpuMs(): Promise<number | null>;
  stop(): Promise<void>;
}

export async function startEmbeddedCouch(options: EmbeddedCouchOptions): Promise<EmbeddedCouch> {
  keepPrivate(options.dataDir);
  if (options.inProcess) {
    const couch = await serveEmbeddedCouch(options);
    return { ...couch, cpuMs: async () => null };
  }
  const { inProcess: _, ...served } = options;
  const thread = new Worker(require.resolve('./embedded-thread.mjs'), {
    // Not the caller's loader flags (the thread registers tsx itself); a CPU profile, if asked.
    execArgv: process.execArgv.filter((flag) => flag.startsWith('--cpu-prof')),
    workerData: served,
  });
  let stopping = false;
  const url = await new Promise<string>((resolve, reject) => {
    thread.once('message', (m: { url?: string; error?: string }) =>
      m.url ? resolve(m.url) : reject(new Error(`embedded CouchDB did not start: ${m.error}`)),
    );
    thread.once('error', reject);
  }).catch(async (error) => {
    await thread.terminate();
    throw error;
  });
  // A server that dies under the app takes the process with it, as it did in a single thread.
  thread.on('error', (error) => {
    throw error;
  });
  thread.on('exit', (code) => {
    if (!stopping) throw new Error(`embedded CouchDB thread exited (${code})`);
  });
  const ask = <T>(message: string, key: string) =>
    new Promise<T>((done) => {
      const onMessage = (m: Record<string, T>) => {
        if (!(key in m)) return;
        thread.off('message', onMessage);
        done(m[key]!);
      };
      thread.on('message', onMessage);
      thread.postMessage(message);
    });
  return {
    url,
    cpuMs: () => ask<number | null>('cpu', 'cpuMs'),
    stop: async () => {
      stopping = true;
      await ask<boolean>('stop', 'stopped');
      await thread.terminate();
    },
  };
}
