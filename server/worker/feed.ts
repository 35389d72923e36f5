// Follows the database's _changes feed from a checkpoint kept in a `_local/` document (never
// replicated, one per worker name). `seq` is opaque: stored and sent back as CouchDB gave it.
// Delivery is at least once: the checkpoint moves only after a whole batch was handled, so a
// worker killed mid-batch sees that batch again (handlers are idempotent). The batch size bounds
// the queue: nothing more is read until the batch is done.
import type { Db, StoredDoc } from '../../src/lib/server/shared/store';
import { getDoc, putDoc } from '../../src/lib/server/shared/store';

export interface Change {
  readonly id: string;
  readonly seq: unknown;
  readonly doc?: StoredDoc;
  readonly deleted?: boolean;
}

export class ChangesFeed {
  private rev: string | undefined;
  since: unknown = 0;

  constructor(
    private readonly db: Db,
    readonly checkpointId: string,
  ) {}

  async loadCheckpoint(): Promise<unknown> {
    const doc = await getDoc<{ seq: unknown }>(this.db, this.checkpointId);
    this.rev = doc?._rev;
    this.since = doc?.seq ?? 0;
    return this.since;
  }

  /**
   * The next batch after `since` (a normal, not long-polled, request: the embedded server does
   * not end a long poll on its timeout, which would make stop() hang; the worker sleeps between
   * empty polls instead).
   */
  async next(limit: number): Promise<{ changes: Change[]; lastSeq: unknown }> {
    const res = (await this.db.changes({
      since: this.since,
      include_docs: true,
      limit,
    } as never)) as unknown as { results: Change[]; last_seq: unknown };
    return { changes: res.results, lastSeq: res.last_seq };
  }

  async saveCheckpoint(seq: unknown): Promise<void> {
    this.since = seq;
    for (let i = 0; i < 3; i++) {
      const rev = await putDoc(this.db, {
        _id: this.checkpointId,
        ...(this.rev ? { _rev: this.rev } : {}),
        seq,
      });
      if (rev !== false) {
        this.rev = rev;
        return;
      }
      this.rev = (await getDoc(this.db, this.checkpointId))?._rev;
    }
  }
}
