// Follows the database's _changes feed from a checkpoint kept in a `_local/` document (never
// replicated, one per worker name). `seq` is opaque: stored and sent back as CouchDB gave it.
// Delivery is at least once: the checkpoint moves only after a whole batch was handled, so a
// worker killed mid-batch sees that batch again (handlers are idempotent). The batch size bounds
// the queue: nothing more is read until the batch is done.
// On a cluster the feed has no global order and shows a write late (docs/cluster.md): nothing here
// relies on either. A document in conflict is held back from the handlers: its racing writers
// settle it within milliseconds, which is a new change; one still in conflict after `graceMs`
// (a writer killed meanwhile) is resolved by the rule, which is a new change too.
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
    for (const id of doc?.conflicted ?? []) this.conflicted.set(id, performance.now());
    return this.since;
  }

  /**
   * The next batch after `since` (a normal, not long-polled, request: the embedded server does
   * not end a long poll on its timeout, which would make stop() hang; the worker sleeps between
   * empty polls instead). Documents in conflict are left out until settled.
   */
  async next(limit: number): Promise<{ changes: Change[]; lastSeq: unknown }> {
    await this.resolveLeftovers();
    const res = (await this.db.changes({
      since: this.since,
      include_docs: true,
      conflicts: true,
      limit,
    } as never)) as unknown as { results: Change[]; last_seq: unknown };
    const changes: Change[] = [];
    for (const change of res.results) {
      const conflicts = (change.doc as { _conflicts?: string[] } | undefined)?._conflicts;
      if (conflicts?.length) {
        if (!this.conflicted.has(change.id)) this.conflicted.set(change.id, performance.now());
      } else {
        this.conflicted.delete(change.id);
        changes.push(change);
      }
    }
    return { changes, lastSeq: res.last_seq };
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

  async saveCheckpoint(seq: unknown): Promise<void> {
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
        return;
      }
      this.rev = (await getDoc(this.db, this.checkpointId))?._rev;
    }
  }
}
