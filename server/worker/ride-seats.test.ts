import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/shared/store';
import { RideSeats } from './ride-seats';

type Row = { id: string; key: string; value: [string, 'outbound' | 'return', number] };

/** A database whose rides_by_date answers `rows`, once `release` is called. */
function viewOf(rows: Row[]) {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  const asked: unknown[] = [];
  const db = {
    view: async (_design: string, _view: string, params: { key: string }) => {
      asked.push(params.key);
      await released;
      return { rows: rows.filter((r) => r.key === params.key) };
    },
  } as unknown as Db;
  return { db, asked, release };
}

const ride = (id: string, date: string, seats = 1) => ({
  _id: id,
  date,
  seat: ['trip:jean', 'outbound', seats] as const,
});

describe('the seats taken per date', () => {
  it('reads a date from the view once, then follows the rides from the feed', async () => {
    const view = viewOf([{ id: 'ride:a', key: '2026-12-03', value: ['trip:jean', 'outbound', 1] }]);
    view.release();
    const seats = new RideSeats();
    expect([...(await seats.on(view.db, '2026-12-03')).keys()]).toEqual(['ride:a']);
    seats.apply(ride('ride:b', '2026-12-03', 2));
    seats.apply({ _id: 'ride:a', date: '2026-12-03', seat: null }); // cancelled
    seats.apply(ride('ride:c', '2026-12-04')); // a date not read: the view will have it
    expect([...(await seats.on(view.db, '2026-12-03')).entries()]).toEqual([
      ['ride:b', ['trip:jean', 'outbound', 2]],
    ]);
    expect(view.asked).toEqual(['2026-12-03']);
    seats.apply({ _id: 'ride:b', deleted: true });
    expect((await seats.on(view.db, '2026-12-03')).size).toBe(0);
  });

  it('keeps what the feed said while the view was being read', async () => {
    const view = viewOf([
      { id: 'ride:a', key: '2026-12-03', value: ['trip:jean', 'outbound', 1] },
      { id: 'ride:b', key: '2026-12-03', value: ['trip:jean', 'return', 1] },
    ]);
    const seats = new RideSeats();
    const reading = seats.on(view.db, '2026-12-03');
    // The view answers as it was when asked; meanwhile the feed cancels one and brings another.
    seats.apply({ _id: 'ride:a', date: '2026-12-03', seat: null });
    seats.apply(ride('ride:c', '2026-12-03'));
    view.release();
    expect([...(await reading).keys()].sort()).toEqual(['ride:b', 'ride:c']);
  });
});
