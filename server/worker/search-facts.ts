// What a search needs to know of the world besides the trips, read for one request: seats taken
// that day (and those the view missed), blocked people, how recently each driver was asked, the
// public holidays of its year.
import {
  isHeldBack,
  type Person,
  type RideDoc,
  type RideRequest,
} from '../../src/lib/domain/documents';
import { driversTried, type Searching } from '../../src/lib/domain/match';
import {
  askWindowStart,
  matchingSettings,
  seatKey,
  type MatchContext,
} from '../../src/lib/domain/matching';
import { frenchPublicHolidays } from '../../src/lib/domain/schedule/holidays';
import type { WorkerContext } from './context';
import { readDocs, type Candidates } from './driver-phones';

type Leg = 'outbound' | 'return';

/** Seats taken on each trip and leg of one date, and the rides counted (by id). */
export interface SeatCount {
  readonly date: string;
  readonly taken: ReadonlyMap<string, number>;
  readonly rides: ReadonlySet<string>;
}

const adding = (count: SeatCount, rideId: string, tripId: string, leg: Leg, seats: number) => {
  const key = seatKey(tripId, count.date, leg);
  const taken = new Map(count.taken).set(key, (count.taken.get(key) ?? 0) + seats);
  return { ...count, taken, rides: new Set(count.rides).add(rideId) };
};

/** Seats already taken on each trip and leg that date (confirmed rides not cancelled). */
async function seatsTakenOn(ctx: WorkerContext, date: string): Promise<SeatCount> {
  const rides = await ctx.seats.on(ctx.db, date);
  const taken = new Map<string, number>();
  for (const [tripId, leg, seats] of rides.values()) {
    const key = seatKey(tripId, date, leg);
    taken.set(key, (taken.get(key) ?? 0) + seats);
  }
  return { date, taken, rides: new Set(rides.keys()) };
}

/**
 * The seats the view missed among the candidates' (docs/cluster.md: a view may not show a ride
 * just written): the rides of that date their conversations noted, and the ride a confirmed match
 * still holding a phone implies (not written yet), read by id. Usually nothing to read.
 */
export async function withMissedSeats(
  ctx: WorkerContext,
  count: SeatCount,
  candidates: Pick<Candidates, 'rides' | 'confirmedHolders'>,
): Promise<SeatCount> {
  const unseen = (id: string) => !count.rides.has(id);
  const holders = candidates.confirmedHolders.filter((m) => unseen(m.state.rideId));
  const noted = candidates.rides.filter((r) => r.date === count.date && unseen(r.id));
  if (noted.length === 0 && holders.length === 0) return count;
  const rides = await readDocs<RideDoc>(ctx.db, [
    ...noted.map((r) => r.id),
    ...holders.map((m) => m.state.rideId),
  ]);
  const unwritten = holders.filter((m) => !rides.has(m.state.rideId));
  const requests = await readDocs<RideRequest>(
    ctx.db,
    unwritten.map((m) => m.requestId),
  );
  let result = count;
  for (const ride of rides.values())
    if (ride.date === count.date && ride.cancelledAt === null)
      result = adding(result, ride._id, ride.tripId, ride.leg, ride.seats);
  for (const { requestId, state } of unwritten) {
    const request = requests.get(requestId);
    if (request?.date !== count.date || request.cancelledAt) continue;
    result = adding(result, state.rideId, state.proposal.tripId, state.proposal.leg, request.seats);
  }
  return result;
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

/** The matching context of a request, and the seat count its `seatsTaken` comes from. */
export async function matchContextFor(
  ctx: WorkerContext,
  request: RideRequest,
  passenger: Person | null,
  state: Searching,
  now: Date,
): Promise<{ context: MatchContext; seats: SeatCount }> {
  const settings = matchingSettings(ctx.settings.matching);
  await readUnknownDrivers(ctx);
  await ctx.asks.load(ctx.db, askWindowStart(now, settings));
  const seats = await seatsTakenOn(ctx, request.date);
  const blockedPeople = new Set(ctx.trips.blockedDrivers());
  if (passenger && isHeldBack(passenger)) blockedPeople.add(passenger._id);
  const year = Number(request.date.slice(0, 4));
  const context: MatchContext = {
    communes: ctx.places.lookup,
    now,
    settings: ctx.settings.matching,
    contribution: ctx.settings.contribution,
    seatsTaken: seats.taken,
    blockedPeople,
    recentAsks: ctx.asks.weights(now, settings),
    holidays: new Set(frenchPublicHolidays(year).map((h) => h.date)),
    skipDrivers: driversTried(state),
  };
  return { context, seats };
}
