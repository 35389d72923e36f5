// npm run worker — the worker alone, against the database `npm run db` or `npm start --no-worker`
// serves (or COUCHDB_URL). Gateway chosen by SMS_GATEWAY (console by default). Ctrl-C stops it
// cleanly; killed hard, the next start resumes from its checkpoint without re-sending anything.
// `npm start` runs this same file as its supervised worker child.
import { systemClock } from '../../src/lib/clock';
import { authenticatedCouchUrl, loadConfig, workerSettingsFromEnv } from '../config';
import { createGateway } from '../gateways/select';
import { onStopRequest } from '../supervisor/stop-request';
import { startWorker } from '../worker';

const log = (line: string) => console.error(`[worker] ${line}`);
const { config } = loadConfig();
const gateway = createGateway(process.env, { clock: systemClock, log });
const worker = await startWorker({
  couchUrl: authenticatedCouchUrl(config),
  dbName: config.dbName,
  gateway,
  clock: systemClock,
  name: process.env.WORKER_NAME ?? 'main',
  settings: { ...workerSettingsFromEnv(), retentionMonths: config.retentionMonths },
  log,
});
log(`following ${config.couchUrl}/${config.dbName} with the ${gateway.name} gateway`);

onStopRequest(() => worker.stop());
