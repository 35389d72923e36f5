// The simulated week's world: the requests it writes, and the trips it adds mid-week on the lines
// asked and not offered (bench/week.ts runs them).
import nano from 'nano';
import type { RideRequest, Trip } from '../src/lib/domain/documents';
import { addDays, localDateOf } from '../src/lib/domain/schedule/calendar';
import { hhmm, pad } from './worker-world';

const MINUTE = 60_000;

type Doc = Record<string, unknown> & { _id: string };
export const stampOf = (sample: object, ms: number) => {
  const at = new Date(ms).toISOString();
  const { readers, createdBy } = sample as { readers: string[]; createdBy: string };
  return { schema: 1, createdAt: at, createdBy, updatedAt: at, updatedBy: createdBy, readers };
};

export interface Planned {
  readonly at: number;
  readonly doc: Omit<
    RideRequest,
    'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers' | 'schema'
  >;
}

/** Requests written 7:00–20:00 over seven days, for one to three days later. */
export function planRequests(
  total: number,
  trips: readonly Trip[],
  passengers: readonly Doc[],
  rand: () => number,
  startMs: number,
): Planned[] {
  const homes = [...new Set(trips.flatMap((t) => [t.fromInsee, t.toInsee]))];
  const out: Planned[] = [];
  for (let i = 0; i < total; i++) {
    const at =
      startMs + Math.floor(rand() * 7) * 1440 * MINUTE + Math.floor(rand() * 13 * 60) * MINUTE;
    const passenger = passengers[Math.floor(rand() * passengers.length)]!;
    let from: string;
    let to: string;
    let centre: number;
    if (rand() < 2 / 3) {
      const trip = trips[Math.floor(rand() * trips.length)]!;
      [from, to] = [trip.fromInsee, trip.toInsee];
      const [h, m] = trip.departure.split(':').map(Number);
      centre = h! * 60 + m! + Math.floor(rand() * 30);
    } else {
      from = homes[Math.floor(rand() * homes.length)]!;
      do to = homes[Math.floor(rand() * homes.length)]!;
      while (to === from);
      centre = 7 * 60 + Math.floor(rand() * 10 * 60);
    }
    const date = addDays(localDateOf(new Date(at)), 1 + Math.floor(rand() * 3));
    const half = 30 + Math.floor(rand() * 4) * 15;
    out.push({
      at,
      doc: {
        _id: `request:week-${pad(i, 4)}`,
        type: 'request',
        passengerId: passenger._id,
        fromInsee: from,
        toInsee: to,
        date,
        earliest: hhmm(Math.max(6 * 60, centre - half)),
        latest: hhmm(Math.min(21 * 60, centre + half)),
        seats: 1,
        channel: 'relay',
        returnOf: null,
        cancelledAt: null,
      },
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Ten new drivers on the lines asked most and served by no trip so far (their match unmatched). */
export async function addTrips(
  db: nano.DocumentScope<Doc>,
  trips: readonly Trip[],
  people: readonly Doc[],
  sample: object,
  ms: number,
  count: number,
  phones: Map<string, string>,
): Promise<Trip[]> {
  const res = await db.view('maillage', 'unmatched_by_date', { include_docs: false });
  const lines = new Map<string, { from: string; to: string; earliest: string; n: number }>();
  for (const row of res.rows) {
    const request = (await db.get(row.value as string)) as unknown as RideRequest;
    const key = `${request.fromInsee}>${request.toInsee}`;
    const line = lines.get(key) ?? {
      from: request.fromInsee,
      to: request.toInsee,
      earliest: request.earliest,
      n: 0,
    };
    line.n++;
    lines.set(key, line);
  }
  const chosen = [...lines.values()].sort((a, b) => b.n - a.n).slice(0, count);
  const docs: Trip[] = [];
  const stamps = stampOf(sample, ms);
  for (const [i, line] of chosen.entries()) {
    const driverId = `person:week-driver-${pad(i, 2)}`;
    const driver = people.find((p) => (p.roles as string[]).includes('driver'))!;
    const phone = `+3363998${pad(90 + i, 2)}${pad(i, 2)}`;
    phones.set(driverId, phone);
    await db.insert({
      ...driver,
      ...stamps,
      _id: driverId,
      _rev: undefined,
      firstName: `Nouveau${i}`,
      phone,
      homeInsee: line.from,
    } as never);
    const trip = {
      ...trips[0]!,
      ...stamps,
      _id: `trip:week-${pad(i, 2)}`,
      driverId,
      fromInsee: line.from,
      toInsee: line.to,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      departure: line.earliest,
      returnDeparture: null,
      detourMinutes: 10,
      paused: false,
      validUntil: null,
    } as Trip;
    delete (trip as { _rev?: string })._rev;
    await db.insert(trip as never);
    docs.push(trip);
  }
  return docs;
}
