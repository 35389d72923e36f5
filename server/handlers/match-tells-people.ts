import {
  isStoredMatch,
  type RideDoc,
  type RideRequest,
  type StoredMatch,
  type Trip,
} from '../../src/lib/domain/documents';
import {
  driverConcerned,
  hasNews,
  instantOf,
  matchEffects,
  tripConcerned,
  type MatchEffects,
} from '../../src/lib/domain/match';
import { reminderAt } from '../../src/lib/domain/reminders';
import { createOnce, getDoc, stamp, updateDoc } from '../../src/lib/server/shared/store';
import type { WorkerContext } from '../worker/context';
import { releaseDriverPhone } from '../worker/driver-phones';
import { closeTask, createTask, queueSms } from '../worker/outbox';
import { getPerson } from '../worker/people';
import type { Handler } from './types';

/** Whatever state a match is in, the SMS, ride and tasks it implies exist (created once). */
export const matchTellsPeople: Handler<StoredMatch> = {
  name: 'match-tells-people',
  appliesTo: (doc): doc is StoredMatch => isStoredMatch(doc) && hasNews(doc.state),
  handle: async (match, ctx) => {
    const request = await ctx.known.read<RideRequest>(ctx.db, match.requestId, 'request');
    if (!request) return;
    const driverId = driverConcerned(match.state);
    const tripId = tripConcerned(match.state);
    const [passenger, driver, trip] = await Promise.all([
      getPerson(ctx, match.passengerId),
      driverId ? getPerson(ctx, driverId) : null,
      tripId ? (ctx.trips.get(tripId) ?? getDoc<Trip>(ctx.db, tripId)) : null,
    ]);
    const now = ctx.clock.now();
    const effects = matchEffects({
      match,
      request,
      passenger,
      driver,
      trip,
      placeName: (insee) => ctx.places.name(insee),
      meetingPlaces: ctx.places.meetingPlaces,
      centreOf: ctx.places.lookup,
      now,
    });
    // Every SMS about this match concerns the request's ride (quiet hours let it through if soon).
    await write(ctx, match, effects, now, instantOf(request.date, request.earliest));
  },
};

/**
 * The ride first, then the driver's phone is freed with the ride noted in its conversation: a
 * search that takes the phone next counts that seat even if `rides_by_date` does not show it yet.
 */
async function write(
  ctx: WorkerContext,
  match: StoredMatch,
  e: MatchEffects,
  now: Date,
  rideAt: Date,
) {
  if (e.ride) {
    const remindAt = reminderAt(e.ride.date, now, ctx.settings.reminders);
    await createOnce(ctx.db, stamp({ ...e.ride, remindAt, remindedAt: null }, now, match.readers));
  }
  if (e.cancelRide) {
    await updateDoc<RideDoc>(ctx.db, e.cancelRide, (ride) =>
      ride && ride.cancelledAt === null
        ? (stamp({ ...ride, cancelledAt: now.toISOString() }, now) as RideDoc)
        : null,
    );
  }
  if (e.releaseDriver) {
    const ride = e.ride ? { id: e.ride._id, date: e.ride.date } : null;
    await releaseDriverPhone(ctx, e.releaseDriver, match._id, ride);
  }
  for (const sms of e.sms) await queueSms(ctx, { ...sms, rideAt });
  for (const task of e.tasks) await createTask(ctx, task);
  for (const id of e.closeTasks) await closeTask(ctx, id);
}
