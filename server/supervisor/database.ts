// Child process of `npm start`: the embedded CouchDB-compatible server alone, so that a crash of
// the app or of the worker leaves it serving (and a crash of it leaves them running).
import { loadConfig } from '../config';
import { startEmbeddedCouch } from '../couch/embedded';
import { onStopRequest } from './stop-request';

const { config } = loadConfig();
const embedded = await startEmbeddedCouch({
  dataDir: config.dataDir,
  port: config.embeddedPort,
  admin: config.couchAuth,
});
console.error(`embedded CouchDB-compatible server on ${embedded.url} (data in ${config.dataDir})`);
process.send?.({ ready: embedded.url });
onStopRequest(() => embedded.stop());
