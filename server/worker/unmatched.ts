// Requests with no driver whose date is still ahead, known to this worker: read once from the
// `unmatched_by_date` view, then kept from the changes feed, so that a trip written (5,000 at a
// start from scratch) costs no view query. Kept beside the context, not in it, by worker.
import type { StoredMatch } from '../../src/lib/domain/documents';
import type { Db } from '../../src/lib/server/shared/store';
import type { WorkerContext } from './context';

export interface UnmatchedEntry {
  readonly matchId: string;
  readonly requestId: string;
  readonly date: string;
}

export class UnmatchedMatches {
  private readonly entries = new Map<string, UnmatchedEntry>();
  /** Matches the feed brought: their state there beats the view's (read maybe earlier). */
  private readonly applied = new Set<string>();
  private loading: Promise<void> | null = null;

  apply(match: Pick<StoredMatch, '_id' | 'requestId' | 'date' | 'state'>): void {
    this.applied.add(match._id);
    if (match.state.status === 'unmatched' && match.date)
      this.entries.set(match._id, {
        matchId: match._id,
        requestId: match.requestId,
        date: match.date,
      });
    else this.entries.delete(match._id);
  }

  /** Reads the view the first time (from `today` on); later calls wait for that read. */
  load(db: Db, today: string): Promise<void> {
    this.loading ??= (async () => {
      const res = await db.view('maillage', 'unmatched_by_date', { startkey: today });
      for (const row of res.rows) {
        if (this.applied.has(row.id)) continue;
        const entry = { matchId: row.id, requestId: row.value as string, date: row.key as string };
        this.entries.set(row.id, entry);
      }
    })().catch((err: unknown) => {
      this.loading = null; // read again next time
      throw err;
    });
    return this.loading;
  }

  /** Entries dated `today` or later, soonest first; older ones are forgotten. */
  from(today: string): UnmatchedEntry[] {
    const out: UnmatchedEntry[] = [];
    for (const [id, e] of this.entries) {
      if (e.date < today) this.entries.delete(id);
      else out.push(e);
    }
    return out.sort((a, b) => a.date.localeCompare(b.date));
  }
}

const byWorker = new WeakMap<WorkerContext, UnmatchedMatches>();

export function unmatchedOf(ctx: WorkerContext): UnmatchedMatches {
  let found = byWorker.get(ctx);
  if (!found) byWorker.set(ctx, (found = new UnmatchedMatches()));
  return found;
}
