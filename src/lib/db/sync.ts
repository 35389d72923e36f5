// Live two-way replication with the server, and the count of local changes not yet sent.
import type { Clock } from '$lib/clock';
import type { LocalDb, StoredDoc } from './pouch';
import { backOffDelay, describeSyncError, isUnauthorized, type SyncErrorKind } from './sync-errors';

export type SyncPhase = 'starting' | 'active' | 'idle' | 'unreachable' | 'unauthorized' | 'stopped';

export interface SyncSnapshot {
  readonly phase: SyncPhase;
  /** Documents written on this device that the server has not received yet. */
  readonly pending: number;
  /** ISO instant the push last caught up with every local change. */
  readonly lastSyncedAt: string | null;
  readonly error: { readonly kind: SyncErrorKind; readonly message: string } | null;
}

/**
 * Kept on the device (Dexie) across restarts: where the push replication has got to, and which
 * documents were written here (documents pulled from the server never wait to be sent).
 */
export interface JournalPort {
  read(): Promise<{ lastPushedSeq: number | string; lastSyncedAt: string | null }>;
  write(entry: { lastPushedSeq?: number | string; lastSyncedAt?: string | null }): Promise<void>;
  /** Called before a document is written locally, so it is counted from its first change. */
  markWritten(ids: readonly string[]): Promise<void>;
  /** Those of `ids` that were written on this device. */
  writtenHere(ids: readonly string[]): Promise<Set<string>>;
}

type Replication = PouchDB.Replication.Replication<StoredDoc>;

/** After the first catch-up of a start, what follows a sync runs again at most this often. */
export const AFTER_SYNC_EVERY_MS = 5 * 60_000;

/**
 * The PWA never deletes a document (people cancel, pause, block): a deletion on the device is a
 * local removal (drop-unreadable.ts) and must never reach the server.
 */
export const pushesChange = (doc: { _deleted?: boolean }) => doc._deleted !== true;

export class SyncEngine {
  private push: Replication | null = null;
  private pull: Replication | null = null;
  private localChanges: PouchDB.Core.Changes<StoredDoc> | null = null;
  private lastPushedSeq: number | string = 0;
  private snapshot: SyncSnapshot = {
    phase: 'stopped',
    pending: 0,
    lastSyncedAt: null,
    error: null,
  };
  private counting: Promise<void> | null = null;
  private recountAgain = false;
  private afterSyncAt: number | null = null;
  private afterSyncRunning = false;
  /** The push's last attempt failed: a pull that gets through does not make it reachable. */
  private pushFailing = false;

  constructor(
    private readonly local: LocalDb,
    private readonly remote: LocalDb,
    private readonly journal: JournalPort,
    private readonly onChange: (snapshot: SyncSnapshot) => void,
    private readonly clock: Clock,
    /**
     * What follows a sync (after-sync.ts), once the pull has caught up; it is given the ids of
     * the documents written here that the push has not yet sent.
     */
    private readonly afterSync: (waiting: ReadonlySet<string>) => Promise<void> = async () => {},
  ) {}

  get state(): SyncSnapshot {
    return this.snapshot;
  }

  /** Starts (or restarts, e.g. when the network comes back) both replications. */
  async start(): Promise<void> {
    this.stopReplications();
    const entry = await this.journal.read();
    this.lastPushedSeq = entry.lastPushedSeq;
    this.update({ phase: 'starting', lastSyncedAt: entry.lastSyncedAt, error: null });
    this.localChanges ??= this.local
      .changes({ since: 'now', live: true })
      .on('change', () => void this.recount());
    await this.recount();

    const options = { live: true, retry: true, back_off_function: backOffDelay };
    const push = this.local.replicate.to(this.remote, { ...options, filter: pushesChange });
    const pull = this.local.replicate.from(this.remote, options);
    this.afterSyncAt = null;
    this.pushFailing = false;
    this.push = push;
    this.pull = pull;

    // 'checkpoint' with a `checkpoint` field is emitted once the push checkpoint is written:
    // every local change up to that sequence is on the server.
    push.on('checkpoint' as 'change', (info: unknown) => {
      const seq = (info as { checkpoint?: number | string }).checkpoint;
      if (seq === undefined) return;
      this.lastPushedSeq = seq;
      void this.journal.write({ lastPushedSeq: seq });
      void this.recount();
    });
    push.on('paused', (err?: unknown) => {
      if (err) return this.fail(err, 'push');
      this.pushFailing = false;
      const at = this.clock.now().toISOString();
      void this.journal.write({ lastSyncedAt: at });
      // The push goes quiet right after a refusal: the refusal stays told (see 'active' below).
      this.update({ phase: 'idle', lastSyncedAt: at, error: this.keptRefusal() });
      void this.recount();
    });
    pull.on('paused', (err?: unknown) => {
      if (err) return this.fail(err, 'pull');
      // After an outage with nothing to send, the push stays quiet and would never say so.
      this.answered('idle');
      // At most every few minutes (after-sync.ts).
      void this.runAfterSync();
    });
    for (const [rep, direction] of [
      [push, 'push'],
      [pull, 'pull'],
    ] as const) {
      // A batch begun is no proof the server answers: while it is unreachable, only an answer
      // (a batch through, or a 'paused' without error) says it is back.
      rep.on('active', () => {
        if (this.snapshot.phase !== 'unreachable')
          this.update({ phase: 'active', error: this.keptRefusal() });
      });
      rep.on('change', () => {
        if (direction === 'push') this.pushFailing = false;
        this.answered('active');
      });
      rep.on('denied', (err: unknown) => this.update({ error: describeSyncError(err) }));
      rep.on('error', (err: unknown) => this.fail(err, direction));
      // Each failed attempt, also the retries PouchDB makes without a new 'paused'.
      rep.on('requestError' as 'error', (err: unknown) => this.fail(err, direction));
    }
  }

  /** The server answered: reachable again after an outage, unless the push is still failing. */
  private answered(phase: 'idle' | 'active'): void {
    if (this.snapshot.phase === 'unreachable' && !this.pushFailing)
      this.update({ phase, error: this.keptRefusal() });
  }

  /** A refusal stays on screen until the next start: the refused change will not go by retrying. */
  private keptRefusal(): SyncSnapshot['error'] {
    return this.snapshot.error?.kind === 'denied' ? this.snapshot.error : null;
  }

  /** Stops everything (log out, or the user changed). */
  stop(): void {
    this.stopReplications();
    this.localChanges?.cancel();
    this.localChanges = null;
    this.update({ phase: 'stopped' });
  }

  private stopReplications(): void {
    this.push?.cancel();
    this.pull?.cancel();
    this.push = null;
    this.pull = null;
  }

  private fail(err: unknown, direction: 'push' | 'pull'): void {
    if (isUnauthorized(err)) {
      // Retrying cannot help: the session must be renewed by logging in again.
      this.stopReplications();
      this.update({ phase: 'unauthorized', error: describeSyncError(err) });
      return;
    }
    const described = describeSyncError(err);
    // The server answered (it refused a document): the network is fine.
    if (described.kind === 'denied') return this.update({ error: described });
    if (direction === 'push') this.pushFailing = true;
    this.update({ phase: 'unreachable', error: described });
  }

  /** The steps after a sync: at the first catch-up of each start, then now and then. */
  private async runAfterSync(): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.afterSyncRunning) return;
    if (this.afterSyncAt !== null && now - this.afterSyncAt < AFTER_SYNC_EVERY_MS) return;
    this.afterSyncRunning = true;
    this.afterSyncAt = now;
    try {
      const waiting = await pendingChanges(this.local, this.lastPushedSeq, (ids) =>
        this.journal.writtenHere(ids),
      );
      await this.afterSync(waiting);
    } finally {
      this.afterSyncRunning = false;
    }
  }

  /** Counts the documents written on this device after the last push checkpoint. */
  async recount(): Promise<void> {
    if (this.counting) {
      this.recountAgain = true;
      return this.counting;
    }
    this.counting = (async () => {
      do {
        this.recountAgain = false;
        const pending = await pendingChanges(this.local, this.lastPushedSeq, (ids) =>
          this.journal.writtenHere(ids),
        );
        this.update({ pending: pending.size });
      } while (this.recountAgain);
    })().finally(() => {
      this.counting = null;
    });
    return this.counting;
  }

  private update(patch: Partial<SyncSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.onChange(this.snapshot);
  }
}

/**
 * Ids of the documents written on this device whose latest change comes after the push checkpoint
 * `since`. Documents pulled from the server are not waiting, even when this user wrote them elsewhere.
 */
export async function pendingChanges(
  db: LocalDb,
  since: number | string,
  writtenHere: (ids: readonly string[]) => Promise<Set<string>>,
): Promise<Set<string>> {
  const changes = await db.changes({ since });
  // A removal from the device (what its user lost) is never sent: nothing waits.
  const ids = changes.results
    .filter((c) => !c.deleted)
    .map((c) => c.id)
    .filter((id) => !id.startsWith('_design/'));
  if (ids.length === 0) return new Set();
  return writtenHere(ids);
}
