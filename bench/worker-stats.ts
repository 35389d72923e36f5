// Figures of one worker benchmark phase: latency quantiles, and whether the worker kept up
// (backlog when the last request was written, latency from the first tenth of the run to the
// last, throughput).
import type { PhaseResult, RequestTimes } from './worker-run';

export function quantiles(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    count: sorted.length,
    median: Math.round(at(0.5)),
    p95: Math.round(at(0.95)),
    p99: Math.round(at(0.99)),
    max: Math.round(sorted.at(-1) ?? NaN),
  };
}

const delays = (rows: readonly RequestTimes[], at: (r: RequestTimes) => number | null) =>
  rows.flatMap((r) => {
    const t = at(r);
    return t === null ? [] : [t - r.writtenAt];
  });

/** Largest number of requests written and not yet settled at any moment, and at `moment`. */
function backlog(rows: readonly RequestTimes[], moment: number) {
  const events: [number, number][] = [];
  for (const r of rows) {
    events.push([r.writtenAt, 1]);
    events.push([r.settledAt ?? Infinity, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let max = 0;
  for (const [, d] of events) max = Math.max(max, (open += d));
  const atMoment = rows.filter(
    (r) => r.writtenAt <= moment && (r.settledAt === null || r.settledAt > moment),
  ).length;
  return { max, atMoment };
}

export function summarize(result: PhaseResult, ratePerSecond: number) {
  const rows = result.requests;
  const outcomes: Record<string, number> = {};
  for (const r of rows) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  const asked = rows.filter((r) => r.outcome === 'asked');
  const settled = rows.filter((r) => r.settledAt !== null);
  const lastSettled = Math.max(...settled.map((r) => r.settledAt!));
  const writingSeconds = (result.lastWrittenAt - result.startedAt) / 1000;

  // Latency to the worker being done (first SMS handed over, or the wait recorded), by tenth of
  // the run in writing order: a worker that falls behind makes it grow with its queue.
  const tenths = Array.from({ length: 10 }, (_, i) => {
    const slice = rows.slice(
      Math.floor((i * rows.length) / 10),
      Math.floor(((i + 1) * rows.length) / 10),
    );
    const q = quantiles(delays(slice, (r) => r.settledAt));
    return { median: q.median, p95: q.p95 };
  });
  const queue = backlog(rows, result.lastWrittenAt);
  const perRequest = (ms: number | null) => (ms === null ? null : round1(ms / rows.length));
  const busiest = Math.max(result.cpuMs.mainThread ?? 0, result.cpuMs.databaseThread ?? 0);
  const threadBound = busiest > 0 ? round1((1000 * rows.length) / busiest) : null;
  const first = tenths[0]!;
  const last = tenths[9]!;
  // Kept up: everything settled, at most one second of requests still open when the last was
  // written, and the last tenth's p95 no more than twice the first's (or 200 ms).
  const keptUp =
    settled.length === rows.length &&
    queue.atMoment <= ratePerSecond &&
    last.p95 <= 2 * Math.max(first.p95, 200);
  return {
    requests: rows.length,
    ratePerSecond,
    writtenPerSecond: round1(rows.length / writingSeconds),
    catchUpMs: result.catchUpMs,
    // Unlike the latencies, these do not count the time other processes had the cores.
    cpuMsPerRequest: {
      process: round1(result.cpuMs.process / rows.length),
      mainThread: perRequest(result.cpuMs.mainThread),
      databaseThread: perRequest(result.cpuMs.databaseThread),
    },
    // What the busier thread allows if each thread has a core of its own (an upper bound).
    threadBoundPerSecond: threadBound,
    outcomes,
    driverQuestionToOutboxMs: quantiles(delays(asked, (r) => r.outboxAt)),
    driverQuestionToGatewayMs: quantiles(delays(asked, (r) => r.gatewayAt)),
    keepingUp: {
      keptUp,
      backlogWhenLastWritten: queue.atMoment,
      maxBacklog: queue.max,
      drainMs: settled.length ? Math.max(0, Math.round(lastSettled - result.lastWrittenAt)) : null,
      settledPerSecond: settled.length
        ? round1(settled.length / ((lastSettled - result.startedAt) / 1000))
        : 0,
      settleMsByTenth: tenths,
    },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
