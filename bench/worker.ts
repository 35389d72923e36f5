// Time from a request document written to the driver's SMS: in the outbox (the message document
// exists) and handed to the gateway, over 1,000 requests with 5,000 regular trips in the
// database (embedded server on loopback, one worker, console gateway). Requests are written at a
// steady rate (BENCH_WORKER_RATE per second, 5 by default: one worker keeps up to about 8 per second here), each on a line some trip serves.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import { systemClock } from '../src/lib/clock';
import { COORDINATORS } from '../src/lib/domain/documents';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { addDays, isoWeekday } from '../src/lib/domain/schedule/calendar';
import { projectRoot } from '../server/config';
import { startEmbeddedCouch } from '../server/couch/embedded';
import { ensureDatabase } from '../server/couch/setup';
import { designDocs } from '../server/design/maillage';
import { ConsoleGateway } from '../server/gateways/console';
import type { OutgoingSms, SendOutcome } from '../src/lib/server/shared/gateway';
import { startWorker } from '../server/worker';

const TRIPS = 5000;
const REQUESTS = Number(process.env.BENCH_WORKER_REQUESTS ?? 1000);
const RATE = Number(process.env.BENCH_WORKER_RATE ?? 5);

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

class TimedGateway extends ConsoleGateway {
  readonly handedAt = new Map<string, number>();
  override async send(sms: OutgoingSms): Promise<SendOutcome> {
    this.handedAt.set(sms.id, performance.now());
    return super.send(sms);
  }
}

function quantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    median: Math.round(at(0.5)),
    p95: Math.round(at(0.95)),
    max: Math.round(sorted.at(-1) ?? NaN),
  };
}

export async function benchWorker(): Promise<Record<string, unknown>> {
  const gazetteer = JSON.parse(
    readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
  ) as GazetteerData;
  const communes = gazetteer.communes;
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-worker-'));
  const admin = { name: 'bench-admin', password: 'bench-admin-password' };
  const server = await startEmbeddedCouch({ dataDir: dir, port: 0, admin });
  const url = new URL(server.url);
  url.username = admin.name;
  url.password = admin.password;
  const couchUrl = url.toString().replace(/\/$/, '');
  const couch = nano(couchUrl);
  const dbName = 'maillage-bench';
  await ensureDatabase(couch, dbName, designDocs());
  const db = couch.use(dbName);
  const rand = random(46);
  const now = new Date();
  const stamp = {
    schema: 1,
    createdAt: now.toISOString(),
    createdBy: 'coordination',
    updatedAt: now.toISOString(),
    updatedBy: 'coordination',
    readers: [COORDINATORS],
  };
  const person = (id: string, phone: string, roles: string[], home: string) => ({
    _id: id,
    type: 'person',
    ...stamp,
    firstName: 'Personne',
    phone,
    phoneKind: 'mobile',
    homeInsee: home,
    roles,
    consent: { by: 'coordination', method: 'oral', at: now.toISOString() },
    blocked: false,
  });
  const pick = () => communes[Math.floor(rand() * communes.length)]!;

  // 5,000 drivers, one regular trip each, between random communes of the Lot.
  const trips: {
    _id: string;
    fromInsee: string;
    toInsee: string;
    weekdays: number[];
    departure: string;
  }[] = [];
  const docs: object[] = [];
  for (let i = 0; i < TRIPS; i++) {
    const from = pick();
    let to = pick();
    while (to.insee === from.insee) to = pick();
    const driverId = `person:bench-driver-${pad(i, 5)}`;
    docs.push(person(driverId, `+3363998${pad(i % 10000, 4)}`, ['driver'], from.insee));
    const trip = {
      _id: `trip:bench-${pad(i, 5)}`,
      type: 'trip',
      ...stamp,
      driverId,
      fromInsee: from.insee,
      toInsee: to.insee,
      weekdays: [1, 2, 3, 4, 5],
      departure: hhmm(6 * 60 + Math.floor(rand() * 12) * 15),
      returnDeparture: null,
      seats: 3,
      detourMinutes: 10,
      validFrom: '2026-01-01',
      validUntil: null,
      paused: false,
    };
    trips.push(trip);
    docs.push(trip);
  }
  for (let i = 0; i < docs.length; i += 1000)
    await db.bulk({ docs: docs.slice(i, i + 1000) as never[] });

  const gateway = new TimedGateway();
  // Catch up with the 10,000 documents first (a worker started on an existing database does it
  // once), so that the figures are those of a running worker.
  const catchUp = await startWorker({
    couchUrl,
    dbName,
    gateway,
    gazetteer,
    clock: systemClock,
    autoRun: false,
    log: () => {},
  });
  const catchUpStarted = performance.now();
  await catchUp.runOnce();
  const catchUpMs = Math.round(performance.now() - catchUpStarted);
  await catchUp.stop();
  const worker = await startWorker({
    couchUrl,
    dbName,
    gateway,
    gazetteer,
    clock: systemClock,
    pollMs: 100,
    log: process.env.WORKER_PROFILE ? (line) => console.error(line) : () => {},
  });

  // A weekday at least two days ahead, so every answer deadline is an hour.
  let date = addDays(now.toISOString().slice(0, 10), 2);
  while (isoWeekday(date) > 5) date = addDays(date, 1);
  const written = new Map<string, number>();
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const trip = trips[Math.floor(rand() * trips.length)]!;
    const passengerId = `person:bench-pax-${pad(i, 5)}`;
    const dep = Number(trip.departure.slice(0, 2)) * 60 + Number(trip.departure.slice(3));
    await db.insert(
      person(passengerId, `+3363997${pad(i, 4)}`, ['passenger'], trip.fromInsee) as never,
    );
    const id = `request:bench-${pad(i, 5)}`;
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await db.insert({
      _id: id,
      type: 'request',
      ...stamp,
      passengerId,
      fromInsee: trip.fromInsee,
      toInsee: trip.toInsee,
      date,
      earliest: hhmm(dep - 30),
      latest: hhmm(dep + 30),
      seats: 1,
      channel: 'relay',
      returnOf: null,
      cancelledAt: null,
    } as never);
    written.set(id, performance.now());
  }
  // Wait until every request has left plain "searching" and every question was handed over.
  const askId = (requestId: string) => `message:ask-${requestId.slice(8)}-1`;
  type MatchRow = { state: { status: string; retryAt?: string | null } };
  const matchStates = async () =>
    (
      await db.view('maillage', 'by_type', {
        startkey: ['match'],
        endkey: ['match', {}],
        include_docs: true,
      })
    ).rows.map((r) => (r.doc as unknown as MatchRow).state);
  const settled = (states: MatchRow['state'][]) =>
    states.length >= REQUESTS &&
    states.every((s) => s.status !== 'searching' || s.retryAt) &&
    states.filter((s) => s.status === 'asking').length <=
      [...written.keys()].filter((id) => gateway.handedAt.has(askId(id))).length;
  const giveUp = performance.now() + 120_000;
  while (performance.now() < giveUp && !settled(await matchStates())) {
    await new Promise((r) => setTimeout(r, 250));
  }
  const toGateway: number[] = [];
  const toOutbox: number[] = [];
  const outbox = await db.view('worker', 'sms_by_time', { include_docs: true });
  const createdAt = new Map(
    outbox.rows.map((r) => [
      r.id,
      Date.parse((r.doc as unknown as { createdAt: string }).createdAt),
    ]),
  );
  const wallOffset = Date.now() - performance.now();
  for (const [id, at] of written) {
    const handed = gateway.handedAt.get(askId(id));
    if (handed !== undefined) toGateway.push(handed - at);
    const created = createdAt.get(askId(id));
    if (created !== undefined) toOutbox.push(created - (at + wallOffset));
  }
  const statuses: Record<string, number> = {};
  for (const s of await matchStates()) {
    const key = s.status === 'searching' && s.retryAt ? 'waiting-for-a-busy-driver' : s.status;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  await worker.stop();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    trips: TRIPS,
    requests: REQUESTS,
    ratePerSecond: RATE,
    catchUpMs,
    driversAsked: toGateway.length,
    matchStates: statuses,
    requestToOutboxMs: quantiles(toOutbox),
    requestToGatewayMs: quantiles(toGateway),
  };
}
