// Time from a request document written to the driver's SMS, in the outbox (the message document
// exists) and handed to the gateway, with 5,000 regular trips in the database: one worker, the
// console gateway, every request on a line some trip serves. Two phases, each on a fresh
// database: `steady`, requests at 5 per second; `sustained`, at 20 per second, long enough to see
// whether the worker keeps up (backlog, latency from the first tenth to the last, throughput).
//
//   npm run bench -- worker                                   the embedded server, in-process
//   BENCH_COUCHDB_URL=http://admin:pw@host:5984 npm run bench -- worker   Apache CouchDB 3
//     (TEST_COUCHDB_URL is read too; the databases it creates are deleted at the end)
//   BENCH_WORKER_REQUESTS, BENCH_WORKER_RATE            steady phase (1000, 5; 0 skips it)
//   BENCH_WORKER_SUSTAINED_REQUESTS, ..._SUSTAINED_RATE  sustained phase (1500, 20; 0 skips it)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../src/lib/clock';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { projectRoot } from '../server/config';
import { runPhase } from './worker-run';
import { summarize } from './worker-stats';
import { daytimeClock, openBenchCouch, seedWorld, type BenchCouch } from './worker-world';

const TRIPS = 5000;
const POLL_MS = 100;
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function phase(
  bench: BenchCouch,
  gazetteer: GazetteerData,
  requests: number,
  ratePerSecond: number,
  seed: number,
) {
  const clock = daytimeClock(systemClock.now());
  const world = await seedWorld(bench, {
    communes: gazetteer.communes,
    trips: TRIPS,
    passengers: requests,
    now: clock.now(),
  });
  try {
    const result = await runPhase({
      couchUrl: bench.url,
      world,
      gazetteer,
      requests,
      ratePerSecond,
      pollMs: POLL_MS,
      seed,
      // Long enough for a worker that fell behind to drain, so that its backlog is measured.
      settleTimeoutMs: 60_000 + (requests * 1000) / ratePerSecond,
      serverCpuMs: () => bench.serverCpuMs(),
      clock,
    });
    return summarize(result, ratePerSecond);
  } finally {
    await world.drop();
  }
}

export async function benchWorker(): Promise<Record<string, unknown>> {
  const gazetteer = JSON.parse(
    readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
  ) as GazetteerData;
  const steadyRequests = setting('BENCH_WORKER_REQUESTS', 1000);
  const sustainedRequests = setting('BENCH_WORKER_SUSTAINED_REQUESTS', 1500);
  const bench = await openBenchCouch();
  try {
    const steady =
      steadyRequests > 0
        ? await phase(bench, gazetteer, steadyRequests, setting('BENCH_WORKER_RATE', 5), 46)
        : null;
    if (steady)
      console.error(`bench: worker steady: ${JSON.stringify(steady.driverQuestionToOutboxMs)}`);
    const sustained =
      sustainedRequests > 0
        ? await phase(
            bench,
            gazetteer,
            sustainedRequests,
            setting('BENCH_WORKER_SUSTAINED_RATE', 20),
            47,
          )
        : null;
    return { server: bench.server, trips: TRIPS, pollMs: POLL_MS, steady, sustained };
  } finally {
    await bench.stop();
  }
}
