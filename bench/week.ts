// A simulated week on the demo territory (issue 8's figure), on the injected clock, not real time:
// the demo's drivers and passengers, 200 requests written over 7 days (2 in 3 on a demo line, the
// rest between any two demo communes), drivers answering OUI 60 %, NON 20 %, nothing 20 % (seeded),
// and ten trips added mid-week on lines asked and not offered. One worker, the console gateway.
// Reports requests served ÷ requests some trip could serve, the median time from a request to its
// confirmed ride (simulated minutes), and the tasks created per kind.
//
//   npm run bench -- week          BENCH_WEEK_REQUESTS (200), BENCH_WEEK_SEED (46)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nano from 'nano';
import type { RideRequest, Trip } from '../src/lib/domain/documents';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { findCandidates } from '../src/lib/domain/matching';
import { addDays, localDateOf } from '../src/lib/domain/schedule/calendar';
import { frenchPublicHolidays } from '../src/lib/domain/schedule/holidays';
import { instantOf } from '../src/lib/domain/match';
import { projectRoot } from '../server/config';
import { ensureDatabase } from '../server/couch/setup';
import { designDocs } from '../server/design/maillage';
import { ConsoleGateway } from '../server/gateways/console';
import { buildDemoData } from '../server/seed/demo';
import { seededRandom } from '../server/couch/seed-demo';
import { startWorker } from '../server/worker';
import { hhmm, openBenchCouch, pad } from './worker-world';

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
  const rand = seededRandom(Number(process.env.BENCH_WEEK_SEED ?? 46));
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
      if (!sms.id.startsWith('message:ask-')) return;
      const r = rand();
      const kind = r < 0.6 ? 'oui' : r < 0.8 ? 'non' : 'silence';
      answer[kind]++;
      if (kind === 'silence') return;
      const delay = (2 + Math.floor(rand() * 40)) * MINUTE;
      answers.push({ at: clock.ms + delay, from: sms.to, text: kind });
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
        added.push(...(await addTrips(db, trips, people, stamp, clock.ms, 10)));
      }
      await worker.runOnce();
      clock.ms += STEP_MINUTES * MINUTE;
    }
    return await report(db, requests, written, [...trips, ...added], gazetteer, {
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

const stampOf = (sample: object, ms: number) => {
  const at = new Date(ms).toISOString();
  const { readers, createdBy } = sample as { readers: string[]; createdBy: string };
  return { schema: 1, createdAt: at, createdBy, updatedAt: at, updatedBy: createdBy, readers };
};

interface Planned {
  readonly at: number;
  readonly doc: Omit<
    RideRequest,
    'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers' | 'schema'
  >;
}

/** Requests written 7:00–20:00 over seven days, for one to three days later. */
function planRequests(
  total: number,
  trips: readonly Trip[],
  passengers: readonly Doc[],
  rand: () => number,
  startMs: number,
): Planned[] {
  const homes = [...new Set(trips.flatMap((t) => [t.fromInsee, t.toInsee]))];
  const out: Planned[] = [];
  for (let i = 0; i < total; i++) {
    const at =
      startMs + Math.floor(rand() * 7) * 1440 * MINUTE + Math.floor(rand() * 13 * 60) * MINUTE;
    const passenger = passengers[Math.floor(rand() * passengers.length)]!;
    let from: string;
    let to: string;
    let centre: number;
    if (rand() < 2 / 3) {
      const trip = trips[Math.floor(rand() * trips.length)]!;
      [from, to] = [trip.fromInsee, trip.toInsee];
      const [h, m] = trip.departure.split(':').map(Number);
      centre = h! * 60 + m! + Math.floor(rand() * 30);
    } else {
      from = homes[Math.floor(rand() * homes.length)]!;
      do to = homes[Math.floor(rand() * homes.length)]!;
      while (to === from);
      centre = 7 * 60 + Math.floor(rand() * 10 * 60);
    }
    const date = addDays(localDateOf(new Date(at)), 1 + Math.floor(rand() * 3));
    const half = 30 + Math.floor(rand() * 4) * 15;
    out.push({
      at,
      doc: {
        _id: `request:week-${pad(i, 4)}`,
        type: 'request',
        passengerId: passenger._id,
        fromInsee: from,
        toInsee: to,
        date,
        earliest: hhmm(Math.max(6 * 60, centre - half)),
        latest: hhmm(Math.min(21 * 60, centre + half)),
        seats: 1,
        channel: 'relay',
        returnOf: null,
        cancelledAt: null,
      },
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Ten new drivers on the lines asked most and served by no trip so far (their match unmatched). */
async function addTrips(
  db: nano.DocumentScope<Doc>,
  trips: readonly Trip[],
  people: readonly Doc[],
  sample: object,
  ms: number,
  count: number,
): Promise<Trip[]> {
  const res = await db.view('maillage', 'unmatched_by_date', { include_docs: false });
  const lines = new Map<string, { from: string; to: string; earliest: string; n: number }>();
  for (const row of res.rows) {
    const request = (await db.get(row.value as string)) as unknown as RideRequest;
    const key = `${request.fromInsee}>${request.toInsee}`;
    const line = lines.get(key) ?? {
      from: request.fromInsee,
      to: request.toInsee,
      earliest: request.earliest,
      n: 0,
    };
    line.n++;
    lines.set(key, line);
  }
  const chosen = [...lines.values()].sort((a, b) => b.n - a.n).slice(0, count);
  const docs: Trip[] = [];
  const stamps = stampOf(sample, ms);
  for (const [i, line] of chosen.entries()) {
    const driverId = `person:week-driver-${pad(i, 2)}`;
    const driver = people.find((p) => (p.roles as string[]).includes('driver'))!;
    await db.insert({
      ...driver,
      ...stamps,
      _id: driverId,
      _rev: undefined,
      firstName: `Nouveau${i}`,
      phone: `+3363998${pad(90 + i, 2)}${pad(i, 2)}`,
      homeInsee: line.from,
    } as never);
    const trip = {
      ...trips[0]!,
      ...stamps,
      _id: `trip:week-${pad(i, 2)}`,
      driverId,
      fromInsee: line.from,
      toInsee: line.to,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      departure: line.earliest,
      returnDeparture: null,
      detourMinutes: 10,
      paused: false,
      validUntil: null,
    } as Trip;
    delete (trip as { _rev?: string })._rev;
    await db.insert(trip as never);
    docs.push(trip);
  }
  return docs;
}

async function report(
  db: nano.DocumentScope<Doc>,
  requests: readonly Planned[],
  written: ReadonlyMap<string, number>,
  trips: readonly Trip[],
  gazetteer: GazetteerData,
  extra: Record<string, unknown>,
) {
  const all = (await db.list({ include_docs: true })).rows.map((r) => r.doc as Doc);
  const byId = new Map(all.map((d) => [d._id, d]));
  const communes = new Map(gazetteer.communes.map((c) => [c.insee, { lon: c.lon, lat: c.lat }]));
  let servable = 0;
  let served = 0;
  let servedOfServable = 0;
  const minutes: number[] = [];
  const outcome: Record<string, number> = {};
  // Why a request some trip could serve ended with no driver (the match's reason).
  const unserved: Record<string, number> = {};
  for (const { doc } of requests) {
    const at = written.get(doc._id)!;
    const match = byId.get(`match:${doc._id.slice('request:'.length)}`);
    const state = match?.state as { status: string; confirmedAt?: string } | undefined;
    const status = state?.status ?? 'none';
    outcome[status] = (outcome[status] ?? 0) + 1;
    // Some trip could serve it: one existing before its window closed, with seats and answers
    // set aside (the question is whether the network covered it, not whether a driver agreed).
    const closes = instantOf(doc.date, doc.latest).getTime();
    const year = Number(doc.date.slice(0, 4));
    const result = findCandidates(
      doc as RideRequest,
      trips.filter((t) => Date.parse(t.createdAt) < closes),
      {
        communes: (insee) => communes.get(insee),
        now: new Date(at),
        seatsTaken: new Map(),
        blockedPeople: new Set(),
        recentAsks: new Map(),
        holidays: new Set(frenchPublicHolidays(year).map((h) => h.date)),
      },
    );
    const could = result.status === 'ok' && result.candidates.length > 0;
    if (could) servable++;
    if (could && status !== 'confirmed') {
      const reason = String((state as { reason?: string } | undefined)?.reason ?? status);
      unserved[reason] = (unserved[reason] ?? 0) + 1;
    }
    if (status === 'confirmed') {
      served++;
      if (could) servedOfServable++;
      minutes.push((Date.parse(state!.confirmedAt!) - at) / MINUTE);
    }
  }
  const tasks: Record<string, number> = {};
  for (const d of all)
    if (d.type === 'task') tasks[d.kind as string] = (tasks[d.kind as string] ?? 0) + 1;
  minutes.sort((a, b) => a - b);
  const median = minutes.length ? minutes[Math.floor((minutes.length - 1) / 2)]! : null;
  return {
    requests: requests.length,
    someTripCouldServe: servable,
    served,
    servedOfServable,
    servedRatio: servable ? Math.round((servedOfServable / servable) * 1000) / 10 : null,
    medianMinutesToConfirmedRide: median,
    p90MinutesToConfirmedRide: minutes.length ? minutes[Math.floor(minutes.length * 0.9)] : null,
    matchOutcomes: outcome,
    servableNotServedBecause: unserved,
    tasksByKind: tasks,
    ...extra,
  };
}
