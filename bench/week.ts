// A simulated week on the demo territory (issue 8's figure), on the injected clock, not real time:
// the demo's drivers and passengers, 200 requests written over 7 days (2 in 3 on a demo line, the
// rest between any two demo communes), drivers answering OUI 60 %, NON 20 %, nothing 20 %, and ten
// trips added mid-week on lines asked and not offered. One worker, the console gateway.
// Each driver's answer to each request is drawn in advance from a seeded hash of (seed, driver
// phone, request) (bench/week-oracle.ts): asked again or in another order, a driver answers the
// same; silence means never (the answer deadline must move the search on).
// Reports requests served ÷ requests some trip could serve, where "some trip could serve" means:
// a trip written before the request's window closed covers it (day, window, detour, the 15-min
// lead from the later of the request's and the trip's writing, a question still possible before
// the pickup), with a seat left once the rides confirmed for other requests are counted, and its
// driver would answer OUI. The same without the last condition is the second figure. Also the
// median and p90 simulated minutes from a request to its confirmed ride, and the tasks per kind.
//
//   npm run bench -- week          BENCH_WEEK_REQUESTS (200), BENCH_WEEK_SEED (46)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nano from 'nano';
import type { RideRequest, Trip } from '../src/lib/domain/documents';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { projectRoot } from '../server/config';
import { ensureDatabase } from '../server/couch/setup';
import { designDocs } from '../server/design/maillage';
import { ConsoleGateway } from '../server/gateways/console';
import { buildDemoData } from '../server/seed/demo';
import { seededRandom } from '../server/couch/seed-demo';
import { startWorker } from '../server/worker';
import { askedRequest, coverage, drawAnswer, quantile, type ConfirmedSeat } from './week-oracle';
import { addTrips, planRequests, stampOf, type Planned } from './week-world';
import { openBenchCouch, pad } from './worker-world';

const START = '2026-11-23T06:00:00Z'; // Monday 7:00 in Paris
const MINUTE = 60_000;
const STEP_MINUTES = 10;

type Doc = Record<string, unknown> & { _id: string };
type Answer = { at: number; from: string; text: string };

class SimClock {
  constructor(public ms: number) {}
  now = () => new Date(this.ms);
}

export async function benchWeek(): Promise<Record<string, unknown>> {
  const gazetteer = JSON.parse(
    readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
  ) as GazetteerData;
  const total = Number(process.env.BENCH_WEEK_REQUESTS ?? 200);
  const seed = Number(process.env.BENCH_WEEK_SEED ?? 46);
  const rand = seededRandom(seed);
  const clock = new SimClock(Date.parse(START));
  const demo = buildDemoData({ now: clock.now(), communes: gazetteer.communes, random: rand });
  // The demo's own requests are dated from the real "now": the week writes its own instead.
  const people = demo.docs.filter((d) => d.type === 'person') as unknown as Doc[];
  const trips = demo.docs.filter((d) => d.type === 'trip') as Trip[];
  const passengers = people.filter((p) => (p.roles as string[]).includes('passenger'));
  const stamp = demo.docs.find((d) => d.type === 'request')!;
  const requests = planRequests(total, trips, passengers, rand, clock.ms);

  const bench = await openBenchCouch();
  const dbName = `maillage-bench-week-${pad(Math.floor(rand() * 1e6), 6)}`;
  await ensureDatabase(bench.couch, dbName, designDocs());
  const db = bench.couch.use<Doc>(dbName);
  await db.bulk({ docs: [...people, ...trips] as never[] });

  const answers: Answer[] = [];
  const answer = { oui: 0, non: 0, silence: 0 };
  const gateway = new ConsoleGateway({
    onSend: (sms) => {
      const requestId = askedRequest(sms.id);
      if (!requestId) return;
      const drawn = drawAnswer(seed, sms.to, requestId);
      answer[drawn.kind]++;
      if (drawn.kind === 'silence') return;
      answers.push({ at: clock.ms + drawn.delayMinutes * MINUTE, from: sms.to, text: drawn.kind });
    },
  });
  const worker = await startWorker({
    couchUrl: bench.url,
    dbName,
    gateway,
    gazetteer,
    clock,
    autoRun: false,
    log: () => {},
  });
  const written = new Map<string, number>();
  const added: Trip[] = [];
  const phones = new Map(people.map((p) => [p._id, p.phone as string]));
  const midWeek = Date.parse(START) + 3.5 * 1440 * MINUTE;
  const end = Date.parse(START) + 10 * 1440 * MINUTE; // three days more for the last windows
  const started = performance.now();
  try {
    let next = 0;
    while (clock.ms < end) {
      while (next < requests.length && requests[next]!.at <= clock.ms) {
        const r = requests[next++]!;
        const doc = { ...stampOf(stamp, clock.ms), ...r.doc };
        await db.insert(doc as never);
        written.set(doc._id, clock.ms);
      }
      for (const a of answers.splice(0).sort((x, y) => x.at - y.at)) {
        if (a.at > clock.ms) answers.push(a);
        else await gateway.receive(a.from, a.text, new Date(a.at));
      }
      if (added.length === 0 && clock.ms >= midWeek) {
        added.push(...(await addTrips(db, trips, people, stamp, clock.ms, 10, phones)));
      }
      await worker.runOnce();
      clock.ms += STEP_MINUTES * MINUTE;
    }
    const oracle = { trips: [...trips, ...added], phones, seed };
    return await report(db, requests, written, oracle, gazetteer, {
      answer,
      addedTrips: added.length,
      simulatedDays: 10,
      realSeconds: Math.round((performance.now() - started) / 100) / 10,
      server: bench.server,
    });
  } finally {
    await worker.stop();
    await bench.couch.db.destroy(dbName).catch(() => {});
    await bench.stop();
  }
}

async function report(
  db: nano.DocumentScope<Doc>,
  requests: readonly Planned[],
  written: ReadonlyMap<string, number>,
  oracle: { trips: readonly Trip[]; phones: ReadonlyMap<string, string>; seed: number },
  gazetteer: GazetteerData,
  extra: Record<string, unknown>,
) {
  const all = (await db.list({ include_docs: true })).rows.map((r) => r.doc as Doc);
  const byId = new Map(all.map((d) => [d._id, d]));
  const communes = new Map(gazetteer.communes.map((c) => [c.insee, { lon: c.lon, lat: c.lat }]));
  const rides = all.filter(
    (d): d is Doc & ConfirmedSeat => d.type === 'ride' && d.cancelledAt === null,
  );
  const phoneOf = (id: string) => oracle.phones.get(id) ?? id;
  const count = { servable: 0, ignoringAnswers: 0, served: 0, servedOfServable: 0 };
  const minutes: number[] = [];
  const outcome: Record<string, number> = {};
  // Why a request some trip could serve ended with no driver (the match's reason).
  const unserved: Record<string, number> = {};
  const unservedIgnoringAnswers: Record<string, number> = {};
  for (const { doc } of requests) {
    const at = written.get(doc._id)!;
    const match = byId.get(`match:${doc._id.slice('request:'.length)}`);
    const state = match?.state as { status: string; confirmedAt?: string } | undefined;
    const status = state?.status ?? 'none';
    outcome[status] = (outcome[status] ?? 0) + 1;
    const request = doc as RideRequest;
    const cover = coverage(
      request,
      at,
      oracle.trips,
      rides,
      phoneOf,
      communes.get.bind(communes),
      oracle.seed,
    );
    if (cover.ignoringAnswers) count.ignoringAnswers++;
    if (cover.willing) count.servable++;
    const reason = String((state as { reason?: string } | undefined)?.reason ?? status);
    if (cover.willing && status !== 'confirmed') unserved[reason] = (unserved[reason] ?? 0) + 1;
    if (cover.ignoringAnswers && status !== 'confirmed')
      unservedIgnoringAnswers[reason] = (unservedIgnoringAnswers[reason] ?? 0) + 1;
    if (status === 'confirmed') {
      count.served++;
      if (cover.willing) count.servedOfServable++;
      minutes.push((Date.parse(state!.confirmedAt!) - at) / MINUTE);
    }
  }
  const tasks: Record<string, number> = {};
  for (const d of all)
    if (d.type === 'task') tasks[d.kind as string] = (tasks[d.kind as string] ?? 0) + 1;
  minutes.sort((a, b) => a - b);
  const ratio = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
  return {
    definition: SERVABLE_DEFINITION,
    requests: requests.length,
    someTripCouldServe: count.servable,
    someTripCouldServeIgnoringAnswers: count.ignoringAnswers,
    served: count.served,
    servedOfServable: count.servedOfServable,
    servedRatio: ratio(count.servedOfServable, count.servable),
    servedRatioIgnoringAnswers: ratio(count.served, count.ignoringAnswers),
    medianMinutesToConfirmedRide: quantile(minutes, 0.5),
    p90MinutesToConfirmedRide: quantile(minutes, 0.9),
    matchOutcomes: outcome,
    servableNotServedBecause: unserved,
    servableIgnoringAnswersNotServedBecause: unservedIgnoringAnswers,
    tasksByKind: tasks,
    ...extra,
  };
}

const SERVABLE_DEFINITION =
  'someTripCouldServe: a trip written before the window closed covers the request (day, window, ' +
  'detour, 15-min lead from the later of the request and the trip, a question still possible ' +
  'before the pickup), with a seat left once rides confirmed for other requests are counted, and ' +
  'its driver would answer OUI (answers pre-drawn per driver phone and request). ' +
  'someTripCouldServeIgnoringAnswers: the same without the answer.';
