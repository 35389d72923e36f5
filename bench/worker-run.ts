// One phase of the worker benchmark: a worker caught up with a seeded database, requests written
// at a steady rate, and for each request when it was written, when its first SMS (the question
// to a driver, or "nobody yet" to the passenger) was in the outbox and handed to the gateway, or
// when the worker decided to wait for a busy driver. Times are monotonic (performance.now()).
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { addDays, isoWeekday } from '../src/lib/domain/schedule/calendar';
import { outMessageId, matchIdOf } from '../src/lib/domain/ids';
import type { OutgoingSms, SendOutcome } from '../src/lib/server/shared/gateway';
import type { Clock } from '../src/lib/clock';
import { ConsoleGateway } from '../server/gateways/console';
import { threadCpuMs } from '../server/couch/thread-cpu';
import { startWorker } from '../server/worker';
import { random, type World } from './worker-world';

export class TimedGateway extends ConsoleGateway {
  readonly handedAt = new Map<string, number>();
  override async send(sms: OutgoingSms): Promise<SendOutcome> {
    this.handedAt.set(sms.id, performance.now());
    return super.send(sms);
  }
}

export interface RequestTimes {
  readonly writtenAt: number;
  /** What became of it: a driver asked, nobody (the passenger is told), or waiting for a busy one. */
  readonly outcome: 'asked' | 'no-driver' | 'waiting' | 'unsettled';
  /** The first SMS written to the outbox (its createdAt, on the monotonic clock). */
  readonly outboxAt: number | null;
  readonly gatewayAt: number | null;
  /** When the worker was done with it: the SMS handed over, or the wait recorded. */
  readonly settledAt: number | null;
}

export interface PhaseResult {
  readonly catchUpMs: number;
  readonly requests: readonly RequestTimes[];
  /** performance.now() when the first request was due and when the last one was written. */
  readonly startedAt: number;
  readonly lastWrittenAt: number;
  /** CPU time from the first request to the last settled: the whole process (server, worker,
   * writer, LevelDB's threads), its main thread (worker and writer) and the database's thread. */
  readonly cpuMs: {
    readonly process: number;
    readonly mainThread: number | null;
    readonly databaseThread: number | null;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface MatchDocLike {
  readonly _id: string;
  readonly updatedAt: string;
  readonly state: { status: string; retryAt?: string | null };
}

export async function runPhase(options: {
  readonly couchUrl: string;
  readonly world: World;
  readonly gazetteer: GazetteerData;
  readonly requests: number;
  readonly ratePerSecond: number;
  readonly pollMs: number;
  readonly seed: number;
  readonly settleTimeoutMs: number;
  readonly serverCpuMs: () => Promise<number | null>;
  /** The worker's clock: a daytime one (worker-world.ts daytimeClock). */
  readonly clock: Clock;
}): Promise<PhaseResult> {
  const { world, gazetteer } = options;
  const gateway = new TimedGateway();
  // A worker started on an existing database first catches up with it once; the figures are
  // those of the running worker after that.
  const catchUp = await startWorker({
    couchUrl: options.couchUrl,
    dbName: world.dbName,
    gateway,
    gazetteer,
    clock: options.clock,
    autoRun: false,
    log: () => {},
  });
  const catchUpStarted = performance.now();
  await catchUp.runOnce();
  const catchUpMs = Math.round(performance.now() - catchUpStarted);
  await catchUp.stop();
  const worker = await startWorker({
    couchUrl: options.couchUrl,
    dbName: world.dbName,
    gateway,
    gazetteer,
    clock: options.clock,
    pollMs: options.pollMs,
    log: process.env.WORKER_LOG ? (line) => console.error(line) : () => {},
  });

  // A weekday at least two days ahead, so that every answer deadline is an hour.
  const today = options.clock.now().toISOString().slice(0, 10);
  let date = addDays(today, 2);
  while (isoWeekday(date) > 5) date = addDays(date, 1);
  const rand = random(options.seed);
  const ids: string[] = [];
  const written = new Map<string, number>();
  // One offset turns the worker's createdAt stamps (wall clock) into monotonic time.
  const wallMinusMonotonic = options.clock.now().getTime() - performance.now();
  const cpuAtStart = process.cpuUsage();
  const mainAtStart = threadCpuMs();
  const serverAtStart = await options.serverCpuMs();
  const startedAt = performance.now();
  for (let i = 0; i < options.requests; i++) {
    const trip = world.trips[Math.floor(rand() * world.trips.length)]!;
    const doc = world.request(i, trip, date) as { _id: string };
    const wait = startedAt + (i * 1000) / options.ratePerSecond - performance.now();
    if (wait > 0) await sleep(wait);
    await world.db.insert(doc as never);
    written.set(doc._id, performance.now());
    ids.push(doc._id);
  }
  const lastWrittenAt = performance.now();

  const firstSms = (id: string) => {
    const match = matchIdOf(id);
    for (const [outcome, smsId] of [
      ['asked', outMessageId('ask', match, 1)],
      ['no-driver', outMessageId('none', match)],
    ] as const) {
      if (gateway.handedAt.has(smsId)) return { outcome, smsId };
    }
    return null;
  };
  // The worker is done with a request once its first SMS is handed over, or once it waits for a
  // busy driver (no SMS for 10 minutes): only those are read back from the database.
  const waiting = new Map<string, number>();
  const giveUp = performance.now() + options.settleTimeoutMs;
  for (let round = 0; ; round++) {
    const open = ids.filter((id) => !firstSms(id) && !waiting.has(matchIdOf(id)));
    if (open.length === 0 || performance.now() > giveUp) break;
    // The database is asked every 2 s only, to leave the worker the machine while it drains.
    if (round % 8 === 7) {
      const res = await world.db.fetch({ keys: open.map(matchIdOf) });
      for (const row of res.rows) {
        const doc = 'doc' in row ? (row.doc as unknown as MatchDocLike | null) : null;
        if (doc?.state.status === 'searching' && doc.state.retryAt)
          waiting.set(doc._id, Date.parse(doc.updatedAt) - wallMinusMonotonic);
      }
    }
    await sleep(250);
  }
  const cpu = process.cpuUsage(cpuAtStart);
  const mainAtEnd = threadCpuMs();
  const serverAtEnd = await options.serverCpuMs();
  const cpuMs = {
    process: (cpu.user + cpu.system) / 1000,
    mainThread: mainAtStart !== null && mainAtEnd !== null ? mainAtEnd - mainAtStart : null,
    databaseThread:
      serverAtStart !== null && serverAtEnd !== null ? serverAtEnd - serverAtStart : null,
  };
  await worker.stop();

  const outbox = await world.db.fetch({
    keys: ids.flatMap((id) => [
      outMessageId('ask', matchIdOf(id), 1),
      outMessageId('none', matchIdOf(id)),
    ]),
  });
  const createdAt = new Map<string, number>();
  for (const row of outbox.rows) {
    const doc = 'doc' in row ? (row.doc as unknown as { createdAt: string } | null) : null;
    if (doc) createdAt.set(row.key, Date.parse(doc.createdAt) - wallMinusMonotonic);
  }
  const requests = ids.map((id): RequestTimes => {
    const writtenAt = written.get(id)!;
    const sms = firstSms(id);
    if (sms) {
      const gatewayAt = gateway.handedAt.get(sms.smsId)!;
      const outboxAt = createdAt.get(sms.smsId) ?? null;
      return { writtenAt, outcome: sms.outcome, outboxAt, gatewayAt, settledAt: gatewayAt };
    }
    const waitedAt = waiting.get(matchIdOf(id));
    return waitedAt === undefined
      ? { writtenAt, outcome: 'unsettled', outboxAt: null, gatewayAt: null, settledAt: null }
      : { writtenAt, outcome: 'waiting', outboxAt: null, gatewayAt: null, settledAt: waitedAt };
  });
  return { catchUpMs, requests, startedAt, lastWrittenAt, cpuMs };
}
