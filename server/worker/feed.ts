// Follows the database's _changes feed from a checkpoint kept in a `_local/` document (never
// replicated, one per worker name). `seq` is opaque: stored and sent back as CouchDB gave it.
// Delivery is at least once: the checkpoint moves only after a whole batch was handled, so a
// worker killed mid-batch sees that batch again (handlers are idempotent). The batch size bounds
// the queue: nothing more is read until the batch is done.
// On a cluster the feed has no global order and shows a write late (docs/cluster.md): nothing here
// relies on either. A document in conflict is held back from the handlers: its racing writers
// settle it within milliseconds, which is a new change; one still in conflict after `graceMs`
// (a writer killed meanwhile) is resolved by the rule, which is a new change too.
import nano from 'nano';
import type { Db, StoredDoc } from '../../src/lib/server/shared/store';
import { getDoc, putDoc, resolveConflicts, updateDoc } from '../../src/lib/server/shared/store';

/** Where the revisions a resolution dropped are kept, so that no field is lost silently. */
export const RESOLVED_ID = '_local/worker-conflicts';
const KEEP_RESOLVED = 200;
type Resolved = { _id: string; dropped: { id: string; rev: string; doc: StoredDoc }[] };

export interface Change {
  readonly id: string;
  readonly seq: unknown;
  readonly doc?: StoredDoc;
  readonly deleted?: boolean;
}

type Checkpoint = { seq: unknown; conflicted?: string[] };

export class ChangesFeed {
  private rev: string | undefined;
  since: unknown = 0;
  /** The seq the stored checkpoint holds. */
  private saved: unknown = 0;
  /** Documents seen in conflict, with when (monotonic ms), until settled or resolved. */
  private readonly conflicted = new Map<string, number>();

  constructor(
    private readonly db: Db,
    readonly checkpointId: string,
    private readonly options: {
      readonly graceMs?: number;
      readonly onResolved?: (id: string, dropped: readonly StoredDoc[]) => void;
    } = {},
  ) {}

  async loadCheckpoint(): Promise<unknown> {
    const doc = await getDoc<Checkpoint>(this.db, this.checkpointId);
    this.rev = doc?._rev;
    this.since = doc?.seq ?? 0;
    this.saved = this.since;
    for (const id of doc?.conflicted ?? []) this.conflicted.set(id, performance.now());
    return this.since;
  }

  /**
   * The next batch after `since`. With `waitMs`, a long poll: answered as soon as a change
   * comes, else empty after `waitMs` (given up from this side too, should a server not end it;
   * `abort` ends it at once, for stop()). Documents in conflict are left out until settled.
   */
  async next(
    limit: number,
    wait: { readonly waitMs: number; readonly abort: AbortSignal } | null = null,
  ): Promise<{ changes: Change[]; lastSeq: unknown }> {
    await this.resolveLeftovers();
    const qs = { since: this.since, include_docs: true, conflicts: true, limit };
    const res = wait ? await this.longPoll(qs, wait) : await this.db.changes(qs as never);
    if (!res) return { changes: [], lastSeq: this.since };
    const { results, last_seq } = res as unknown as { results: Change[]; last_seq: unknown };
    const changes: Change[] = [];
    for (const change of results) {
      const conflicts = (change.doc as { _conflicts?: string[] } | undefined)?._conflicts;
      if (conflicts?.length) {
        if (!this.conflicted.has(change.id)) this.conflicted.set(change.id, performance.now());
      } else {
        this.conflicted.delete(change.id);
        changes.push(change);
      }
    }
    return { changes, lastSeq: last_seq };
  }

  /** The long-poll answer, or null when it was given up (timeout or abort). */
  private async longPoll(
    qs: object,
    wait: { readonly waitMs: number; readonly abort: AbortSignal },
  ) {
    const giveUp = AbortSignal.any([wait.abort, AbortSignal.timeout(wait.waitMs + 2000)]);
    const request = {
      db: this.db.config.db,
      path: '_changes',
      qs: { ...qs, feed: 'longpoll', timeout: wait.waitMs },
      signal: giveUp,
    };
    try {
      return await nano(this.db.config.url).request(request as nano.RequestOptions);
    } catch (error) {
      if (giveUp.aborted) return null;
      throw error;
    }
  }

  /** Conflicts nobody settled within the grace period are resolved by the rule. */
  private async resolveLeftovers(): Promise<void> {
    const graceMs = this.options.graceMs ?? 2000;
    for (const [id, seenAt] of this.conflicted) {
      if (performance.now() - seenAt < graceMs) continue;
      const dropped = await resolveConflicts(this.db, id);
      if (dropped.length > 0) {
        this.options.onResolved?.(id, dropped);
        await updateDoc<Resolved>(this.db, RESOLVED_ID, (current) => ({
          _id: RESOLVED_ID,
          ...(current?._rev ? { _rev: current._rev } : {}),
          dropped: [
            ...(current?.dropped ?? []),
            ...dropped.map((doc) => ({ id, rev: String(doc._rev), doc })),
          ].slice(-KEEP_RESOLVED),
        }));
      }
      this.conflicted.delete(id);
    }
  }

  /** Moves past a handled batch; the checkpoint itself is written by saveCheckpoint(). */
  advance(seq: unknown): void {
    this.since = seq;
  }

  /** Whether changes were handled past the stored checkpoint. */
  get unsaved(): boolean {
    return this.since !== this.saved;
  }

  /** Writes the checkpoint at `seq` (moving there first), or where advance() got to. */
  async saveCheckpoint(seq: unknown = this.since): Promise<void> {
    this.since = seq;
    // The documents still in conflict go with the checkpoint: their change is behind it now.
    const conflicted = [...this.conflicted.keys()];
    for (let i = 0; i < 3; i++) {
      const rev = await putDoc(this.db, {
        _id: this.checkpointId,
        ...(this.rev ? { _rev: this.rev } : {}),
        seq,
        ...(conflicted.length > 0 ? { conflicted } : {}),
      });
      if (rev !== false) {
        this.rev = rev;
        this.saved = seq;
        return;
      }
      this.rev = (await getDoc(this.db, this.checkpointId))?._rev;
    }
  }
}
