// Runs inside the embedded server's own thread (started by embedded.ts): serves, says its URL,
// tells its CPU time and stops when asked.
import { parentPort, workerData } from 'node:worker_threads';
import type { EmbeddedCouchOptions } from './embedded';
import { serveEmbeddedCouch } from './embedded-server';
import { threadCpuMs } from './thread-cpu';

const port = parentPort!;
try {
  const couch = await serveEmbeddedCouch(workerData as EmbeddedCouchOptions);
  port.on('message', async (message: unknown) => {
    if (message === 'cpu') port.postMessage({ cpuMs: threadCpuMs() });
    if (message !== 'stop') return;
    await couch.stop();
    port.postMessage({ stopped: true });
  });
  port.postMessage({ url: couch.url });
} catch (error) {
  port.postMessage({ error: (error as Error)?.stack ?? String(error) });
}
