// SMS and conversations are kept `retentionMonths` (docs/personal-data.md): older ones are
// deleted with every earlier revision (purge-history.ts), a few hundred per run of the timer.
// Two workers doing it at once write the same deletion: harmless.
import { subMonths } from 'date-fns';
import {
  replaceWithHistory,
  settleReplacements,
  type PurgeMode,
} from '../../src/lib/server/shared/purge-history';
import type { Db } from '../../src/lib/server/shared/store';

export const DEFAULT_RETENTION_MONTHS = 12;
/** Documents deleted per run: a first run on years of SMS spreads over several ticks. */
const BATCH = 200;
/** Runs at most this often (by the injected clock): the views are read, not the whole feed. */
export const RETENTION_EVERY_MS = 60 * 60_000;

/** The instant before which SMS and conversations go. */
export function retentionCutoff(now: Date, months: number): string {
  return subMonths(now, months).toISOString();
}

/**
 * Ids of what is older than `cutoff` (SMS by creation, conversations by their last change), and
 * whether more are left beyond this batch.
 */
async function expiredIds(db: Db, cutoff: string): Promise<{ ids: string[]; more: boolean }> {
  const [messages, conversations] = await Promise.all([
    db.view('worker', 'sms_by_time', { endkey: cutoff, inclusive_end: false, limit: BATCH }),
    db.view('maillage', 'by_type', {
      startkey: ['conversation'],
      endkey: ['conversation', cutoff],
      inclusive_end: false,
      limit: BATCH,
    }),
  ]);
  return {
    ids: [...messages.rows, ...conversations.rows].map((row) => row.id),
    more: messages.rows.length === BATCH || conversations.rows.length === BATCH,
  };
}

/** Deletes a batch of what is past retention: how many went, and whether more are left. */
export async function purgeExpired(
  db: Db,
  now: Date,
  months: number,
  log: (line: string) => void,
): Promise<{ purged: number; more: boolean }> {
  if (!(months > 0)) return { purged: 0, more: false };
  const cutoff = retentionCutoff(now, months);
  const { ids, more } = await expiredIds(db, cutoff);
  let purged = 0;
  const modes = new Set<PurgeMode>();
  for (const id of ids) {
    const mode = await replaceWithHistory(db, id, 'deleted');
    if (mode === null) continue;
    purged++;
    modes.add(mode);
  }
  await settleReplacements(db, modes);
  if (purged > 0) log(`retention: ${purged} SMS and conversations older than ${cutoff} deleted`);
  return { purged, more };
}

/**
 * Runs purgeExpired when it is due by the injected clock (the first call always is, and the next
 * tick again while a backlog is left).
 */
export class RetentionTimer {
  private nextAt = -Infinity;
  constructor(
    private readonly db: Db,
    private readonly months: number,
    private readonly log: (line: string) => void,
  ) {}

  async maybeRun(now: Date): Promise<number> {
    if (now.getTime() < this.nextAt) return 0;
    const { purged, more } = await purgeExpired(this.db, now, this.months, this.log);
    this.nextAt = more ? -Infinity : now.getTime() + RETENTION_EVERY_MS;
    return purged;
  }
}
