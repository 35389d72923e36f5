// The worker: follows the changes feed, runs the handlers in order on each changed document,
// wakes proposals whose deadline passed and SMS waiting for a retry, and hands SMS to the gateway.
//   const worker = await startWorker({ couchUrl, dbName, gateway, clock: systemClock });  …  await worker.stop();
// Tests pass `autoRun: false` and drive it with runOnce() and an injected clock.
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nano from 'nano';
import type { GazetteerData } from '../../src/lib/domain/gazetteer/types';
import type { MeetingPlace } from '../../src/lib/domain/meeting-places';
import { isPersonChange, isTripChange } from '../../src/lib/domain/documents';
import { projectRoot } from '../config';
import { recordInbound, recordOrKeepReport } from '../../src/lib/server/shared/record-sms';
import type { SmsGateway } from '../../src/lib/server/shared/gateway';
import { HANDLERS } from '../handlers';
import {
  handOverInOrder,
  messageGoesToGateway,
  reportStuckMessages,
  type StoredOutgoing,
} from '../handlers/message-goes-to-gateway';
import {
  AskHistory,
  DEFAULT_WORKER_SETTINGS,
  Places,
  TripCache,
  type WorkerContext,
  type WorkerSettings,
} from './context';
import { RideSeats } from './ride-seats';
import type { Clock } from '../../src/lib/clock';
import { ensureWorkerDesign } from '../../src/lib/server/shared/worker-design';
import { ChangesFeed, type Change } from './feed';
import { KnownDocs } from './known-docs';
import { laneOf, runInLanes } from './lanes';
import { readMeetingPlaces } from './meeting-places';
import { DEFAULT_RETENTION_MONTHS, RetentionTimer } from './retention';
import { readUnknownDrivers } from './search-facts';
import { isUnreachable, unreachableDelayMs, whenReachable } from './unreachable';
import {
  getDoc,
  putDoc,
  updateDoc,
  type Db,
  type StoredDoc,
} from '../../src/lib/server/shared/store';

export interface WorkerOptions {
  /** CouchDB base URL with credentials (an admin, or a user with the `worker` role). */
  readonly couchUrl: string;
  readonly dbName: string;
  readonly gateway: SmsGateway;
  readonly clock: Clock;
  readonly gazetteer?: GazetteerData;
  /** The imported carpooling places; default data/meeting-places.json, none if absent. */
  readonly meetingPlaces?: readonly MeetingPlace[];
  readonly settings?: Partial<WorkerSettings>;
  /** Names the checkpoint (`_local/worker-<name>`); workers sharing a name share progress. */
  readonly name?: string;
  readonly log?: (line: string) => void;
  /** false: nothing runs by itself; call runOnce() (tests). Default true. */
  readonly autoRun?: boolean;
  /** Pause after a failed poll of the feed, ms (a quiet feed is long-polled: no pause). */
  readonly pollMs?: number;
  /** How often the timer looks for deadlines and retries, ms. */
  readonly tickMs?: number;
  /** Changes read at once: the queue's bound. */
  readonly batchSize?: number;
  /** Lanes of a batch handled at once (lanes.ts); 1 handles every change one after the other. */
  readonly concurrency?: number;
  /**
   * While changes keep coming, the checkpoint is written at most this often, ms (and whenever the
   * feed is quiet, and at stop()); a worker killed meanwhile sees those changes again. Default
   * 1000 with autoRun, 0 (every batch) without.
   */
  readonly checkpointMs?: number;
  /** Tries of a failing handler on one change before the document is parked. */
  readonly maxDocAttempts?: number;
  readonly retryDelayMs?: number;
}

export interface Parked {
  readonly rev: string | undefined;
  readonly handler: string;
  readonly error: string;
  readonly at: string;
}

export interface RunningWorker {
  /** Handles every change not yet handled, then runs the timer once. Returns changes handled. */
  runOnce(): Promise<number>;
  /** Handles one batch of changes (at most batchSize), without the timer. */
  step(): Promise<number>;
  /** The timer alone: expired proposals, searches to retry, SMS to retry. */
  tick(): Promise<number>;
  /** Documents that kept failing, with their error (kept in `_local/worker-parked-<name>`). */
  parked(): Promise<Record<string, Parked>>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Documents one change may write and have handled at once; the feed brings any beyond. */
const MAX_FOLLOW_UPS = 50;
/** Revisions this worker wrote and handled, remembered so that the feed skips them. */
const MAX_REMEMBERED = 10_000;

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const couch = nano(options.couchUrl);
  const db: Db = couch.use(options.dbName);
  const clock = options.clock;
  const name = options.name ?? 'main';
  const log = options.log ?? ((line: string) => console.error(`[worker] ${line}`));
  const gazetteer =
    options.gazetteer ??
    (JSON.parse(
      readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
    ) as GazetteerData);
  const places = new Places(gazetteer, options.meetingPlaces ?? readMeetingPlaces());
  const trips = new TripCache(places);
  const known = new KnownDocs();
  const ctx: WorkerContext = {
    name,
    db,
    clock,
    gateway: options.gateway,
    places,
    trips,
    asks: new AskHistory(),
    seats: new RideSeats(),
    known,
    settings: { ...DEFAULT_WORKER_SETTINGS, ...options.settings },
    log,
    wrote: (doc) => written.getStore()?.push(doc),
  };
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 8;
  const checkpointMs = options.checkpointMs ?? (options.autoRun === false ? 0 : 1000);
  const maxDocAttempts = options.maxDocAttempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const parkedId = `_local/worker-parked-${name}`;
  const written = new AsyncLocalStorage<StoredDoc[]>();
  const handledRevs = new Map<string, string>();

  const feed = new ChangesFeed(db, `_local/worker-${name}`, {
    onResolved: (id, dropped) =>
      log(
        `${id}: conflict left behind, resolved by the rule; dropped ${dropped.map((d) => d._rev).join(', ')}`,
      ),
  });
  /** What the worker keeps in memory, its views indexed and its checkpoint, read once at start. */
  async function readStartingState() {
    await ensureWorkerDesign(db);
    const all = await db.view('maillage', 'by_type', {
      startkey: ['trip'],
      endkey: ['trip', {}],
      include_docs: true,
    });
    for (const row of all.rows) if (row.doc && isTripChange(row.doc)) trips.apply(row.doc);
    // Everyone is read once (drivers' blocks included); then the feed keeps them current.
    const people = await db.view('maillage', 'by_type', {
      startkey: ['person'],
      endkey: ['person', {}],
      include_docs: true,
    });
    for (const row of people.rows) {
      if (!row.doc) continue;
      known.seen(row.doc as StoredDoc);
      if (isPersonChange(row.doc)) trips.applyPerson(row.doc);
    }
    await readUnknownDrivers(ctx);
    // Views are indexed when first queried: do it now rather than during the first request.
    for (const view of [
      'wake',
      'rides_by_date',
      'active_by_person',
      'trips_by_driver',
      'asks_by_time',
      'received_by_phone',
    ]) {
      await db.view('worker', view, { limit: 1 });
    }
    await db.view('maillage', 'people_by_phone', { limit: 1 });
    await feed.loadCheckpoint();
  }
  // Started while the database is down (a restart beside it, a machine booting): wait for it
  // rather than exit, as the loop below does.
  await whenReachable(readStartingState, { maxWaitMs: Infinity, log, what: 'start' });

  await options.gateway.start({
    inbound: async (sms) => {
      await recordInbound(couch, options.dbName, options.gateway.name, sms, clock.now());
    },
    report: async (report) => {
      // A report can beat send()'s answer: kept until the sender records the reference.
      if ((await recordOrKeepReport(couch, options.dbName, report, clock.now())) === 'kept')
        log(`delivery report for ${report.gatewayRef} kept until a message has that reference`);
    },
  });

  async function park(doc: StoredDoc, handler: string, error: unknown) {
    const message = (error as Error)?.stack ?? String(error);
    log(`parked ${doc._id} (${handler}): ${message}`);
    await updateDoc<{ _id: string; docs: Record<string, Parked> }>(db, parkedId, (current) => ({
      _id: parkedId,
      ...(current?._rev ? { _rev: current._rev } : {}),
      docs: {
        ...(current?.docs ?? {}),
        [doc._id]: {
          rev: doc._rev,
          handler,
          error: String((error as Error)?.message ?? error),
          at: clock.now().toISOString(),
        },
      },
    }));
  }

  async function handleDoc(doc: StoredDoc) {
    for (const handler of HANDLERS) {
      if (!handler.appliesTo(doc)) continue;
      for (let attempt = 1; ; attempt++) {
        try {
          await handler.handle(doc, ctx);
          break;
        } catch (error) {
          // Not this document's fault: the batch is done again from the checkpoint once the
          // database answers, instead of parking the document and moving past it.
          if (isUnreachable(error)) throw error;
          if (attempt >= maxDocAttempts) {
            await park(doc, handler.name, error);
            break;
          }
          await sleep(retryDelayMs * 2 ** (attempt - 1));
        }
      }
    }
  }

  /**
   * A document and what this worker wrote while handling it (ctx.wrote), then what that wrote,
   * each through the whole handler list. The revisions written are remembered so that the feed,
   * bringing them back, skips them: the batch that wrote them ends only after they were handled,
   * so a checkpoint never passes a revision still unhandled.
   */
  async function handleWithFollowUps(doc: StoredDoc) {
    const queue: StoredDoc[] = [];
    await written.run(queue, () => handleDoc(doc));
    for (let n = 0; n < MAX_FOLLOW_UPS && queue.length > 0; n++) {
      const next = queue.shift()!;
      await written.run(queue, () => handleDoc(next));
      handledRevs.set(next._id, next._rev!);
      if (handledRevs.size > MAX_REMEMBERED) handledRevs.delete(handledRevs.keys().next().value!);
    }
  }

  function handleChange(change: Change): Promise<void> {
    if (change.id.startsWith('_design/')) return Promise.resolve();
    if (change.doc) {
      if (handledRevs.get(change.id) === change.doc._rev) return Promise.resolve();
      handledRevs.delete(change.id);
      return handleWithFollowUps(change.doc);
    }
    if (change.deleted) {
      trips.apply({ _id: change.id, _deleted: true });
      known.seen({ _id: change.id, _deleted: true });
    }
    return Promise.resolve();
  }

  let savedAt = -Infinity;
  async function saveCheckpoint() {
    savedAt = performance.now();
    await feed.saveCheckpoint();
  }

  /** One batch: long-polled when `wait` is given (the loop), a plain read otherwise (tests). */
  async function batch(wait: { waitMs: number; abort: AbortSignal } | null = null) {
    const { changes, lastSeq } = await feed.next(batchSize, wait);
    // People and requests of the whole batch are known before any lane reads them.
    for (const change of changes) if (change.doc) known.seen(change.doc);
    await runInLanes(
      changes,
      (change) => (change.doc ? laneOf(change.doc) : change.id),
      concurrency,
      handleChange,
    );
    if (changes.length > 0 || lastSeq !== feed.since) feed.advance(lastSeq);
    const quiet = changes.length === 0;
    if (feed.unsaved && (quiet || performance.now() - savedAt >= checkpointMs))
      await saveCheckpoint();
    return changes.length;
  }

  // Claims older than this were already looked at for being stuck (in memory: a restarted
  // worker looks at them all once more, and finds their tasks already there).
  let stuckLookedUntil: string | null = null;
  const retention = new RetentionTimer(
    db,
    ctx.settings.retentionMonths ?? DEFAULT_RETENTION_MONTHS,
    log,
  );

  async function tick(): Promise<number> {
    const now = clock.now();
    const due = await db.view('worker', 'wake', { endkey: now.toISOString(), include_docs: true });
    let woken = 0;
    const messages: StoredOutgoing[] = [];
    for (const row of due.rows) {
      const doc = row.doc as StoredDoc | undefined;
      if (!doc) continue;
      if (doc.type === 'message' && doc.direction === 'out') {
        if (messageGoesToGateway.appliesTo(doc)) messages.push(doc);
        else log(`timer: ${doc._id}: not a valid outgoing message, left as it is`);
        continue;
      }
      try {
        // A match's deadline or retry is due, an inbound SMS's lease, a ride's reminder: the
        // handlers decide.
        if (doc.type === 'match' || doc.type === 'message' || doc.type === 'ride')
          await handleWithFollowUps(doc);
        woken++;
      } catch (error) {
        log(`timer: ${doc._id}: ${(error as Error).message}`);
      }
    }
    // Only messages actually handed over count: one held behind an older SMS stays due.
    woken += await handOverInOrder(ctx, messages);
    stuckLookedUntil = await reportStuckMessages(ctx, stuckLookedUntil);
    // Old SMS and conversations go; a failure (not the admin's account) waits for its next turn.
    await retention.maybeRun(now).catch((e: Error) => log(`retention: ${e.message}`));
    return woken;
  }

  async function runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      // Handle changes until the feed is quiet, then let the timer add its own, and repeat.
      let n: number;
      while ((n = await batch()) > 0) total += n;
      if ((await tick()) === 0 && (await batch()) === 0) return total;
    }
  }

  let stopped = false;
  const stopping = new AbortController();
  let loop: Promise<void> = Promise.resolve();
  if (options.autoRun !== false) {
    const pollMs = options.pollMs ?? 250;
    const tickMs = options.tickMs ?? 5000;
    loop = (async () => {
      // Paced by the monotonic timer: the injected clock says what time it is for the documents,
      // not how long to sleep. The feed is long-polled until the timer is due.
      let lastTick = -Infinity;
      let failures = 0;
      while (!stopped) {
        try {
          const waitMs = Math.max(0, Math.round(lastTick + tickMs - performance.now()));
          await batch(waitMs > 0 ? { waitMs, abort: stopping.signal } : null);
          if (!stopped && performance.now() - lastTick >= tickMs) {
            lastTick = performance.now();
            await tick();
          }
          if (failures > 0) log(`database answers again after ${failures} failed tries`);
          failures = 0;
        } catch (error) {
          if (stopped) break;
          // The database down: wait longer each time (up to 5 s), then go on from the checkpoint.
          const delay = isUnreachable(error) ? unreachableDelayMs(failures) : pollMs;
          log(`feed: ${(error as Error).message}; retrying in ${delay} ms`);
          failures++;
          await sleep(delay);
        }
      }
    })();
  }

  return {
    runOnce,
    step: () => batch(),
    tick,
    parked: async () => (await getDoc<{ docs: Record<string, Parked> }>(db, parkedId))?.docs ?? {},
    stop: async () => {
      stopped = true;
      stopping.abort();
      await loop;
      if (feed.unsaved) await saveCheckpoint().catch((e: Error) => log(`checkpoint: ${e.message}`));
      await options.gateway.stop();
    },
  };
}

export { ConsoleGateway } from '../gateways/console';
export type { Clock } from '../../src/lib/clock';
export { putDoc };
