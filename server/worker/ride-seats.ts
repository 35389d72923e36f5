// The seats taken by confirmed rides, per date: read once per date from the `rides_by_date` view,
// then kept current from the changes feed (ride-changed-refreshes-seats), so that a search reads
// no view. A ride just written that the feed has not brought yet is the same gap a lagging view
// has, and search-facts.ts's withMissedSeats fills it from the candidates' conversations.
import type { Db } from '../../src/lib/server/shared/store';

type Leg = 'outbound' | 'return';
type Seat = readonly [tripId: string, leg: Leg, seats: number];

/** What the feed says of one ride: where it sits, or gone (cancelled, deleted). */
export type RideSeatChange =
  | { readonly _id: string; readonly date: string; readonly seat: Seat | null }
  | { readonly _id: string; readonly deleted: true };

/** Dates kept at most; the earliest go first (a date past is asked no more). */
const MAX_DATES = 62;

export class RideSeats {
  private readonly byDate = new Map<string, Map<string, Seat>>();
  /** Changes seen while a date is being read: they win over what the view answered. */
  private readonly loading = new Map<string, Map<string, Seat | null>>();

  apply(change: RideSeatChange): void {
    const dates = 'deleted' in change ? [...this.byDate.keys()] : [change.date];
    for (const date of dates) {
      const seat = 'deleted' in change ? null : change.seat;
      this.loading.get(date)?.set(change._id, seat);
      const rides = this.byDate.get(date);
      if (!rides) continue;
      if (seat) rides.set(change._id, seat);
      else rides.delete(change._id);
    }
  }

  /** The rides holding seats on `date`, by id: read from the view the first time. */
  async on(db: Db, date: string): Promise<ReadonlyMap<string, Seat>> {
    const known = this.byDate.get(date);
    if (known) return known;
    const seen = new Map<string, Seat | null>();
    this.loading.set(date, seen);
    try {
      const res = await db.view('worker', 'rides_by_date', { key: date });
      const rides = new Map(res.rows.map((row) => [row.id, row.value as Seat]));
      for (const [id, seat] of seen) {
        if (seat) rides.set(id, seat);
        else rides.delete(id);
      }
      this.byDate.set(date, rides);
      this.forgetOldest();
      return rides;
    } finally {
      this.loading.delete(date);
    }
  }

  private forgetOldest(): void {
    if (this.byDate.size <= MAX_DATES) return;
    const [oldest] = [...this.byDate.keys()].sort();
    if (oldest !== undefined) this.byDate.delete(oldest);
  }
}
