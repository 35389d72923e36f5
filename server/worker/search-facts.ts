// What a search needs to know of the world besides the trips, read for one request: seats taken
// that day, blocked people, how recently each driver was asked, the public holidays of its year.
import type { Person, RideRequest } from '../../src/lib/domain/documents';
import { driversTried, type Searching } from '../../src/lib/domain/match';
import {
  askWindowStart,
  matchingSettings,
  seatKey,
  type MatchContext,
} from '../../src/lib/domain/matching';
import { frenchPublicHolidays } from '../../src/lib/domain/schedule/holidays';
import type { WorkerContext } from './context';
import { readDocs } from './driver-phones';

/** Seats already taken on each trip, leg and date (confirmed rides not cancelled). */
async function seatsTakenOn(ctx: WorkerContext, date: string): Promise<Map<string, number>> {
  const res = await ctx.db.view('worker', 'rides_by_date', { key: date });
  const taken = new Map<string, number>();
  for (const row of res.rows) {
    const [tripId, leg, seats] = row.value as [string, 'outbound' | 'return', number];
    const key = seatKey(tripId, date, leg);
    taken.set(key, (taken.get(key) ?? 0) + seats);
  }
  return taken;
}

/** Reads the person documents of drivers whose trips the cache has but whose block it lacks. */
export async function readUnknownDrivers(ctx: WorkerContext): Promise<void> {
  const ids = ctx.trips.driversToRead();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const people = await readDocs<Person>(ctx.db, chunk);
    // A driver with no person document left cannot be asked: known, and not blocked.
    for (const id of chunk) ctx.trips.applyPerson(people.get(id) ?? { _id: id, _deleted: true });
  }
}

export async function matchContextFor(
  ctx: WorkerContext,
  request: RideRequest,
  passenger: Person | null,
  state: Searching,
  now: Date,
): Promise<MatchContext> {
  const settings = matchingSettings(ctx.settings.matching);
  await readUnknownDrivers(ctx);
  await ctx.asks.load(ctx.db, askWindowStart(now, settings));
  const seatsTaken = await seatsTakenOn(ctx, request.date);
  const blockedPeople = new Set(ctx.trips.blockedDrivers());
  if (passenger?.blocked) blockedPeople.add(passenger._id);
  const year = Number(request.date.slice(0, 4));
  return {
    communes: ctx.places.lookup,
    now,
    settings: ctx.settings.matching,
    contribution: ctx.settings.contribution,
    seatsTaken,
    blockedPeople,
    recentAsks: ctx.asks.weights(now, settings),
    holidays: new Set(frenchPublicHolidays(year).map((h) => h.date)),
    skipDrivers: driversTried(state),
  };
}
