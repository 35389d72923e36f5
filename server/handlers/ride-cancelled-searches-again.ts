import { isRideChange, type RideDoc } from '../../src/lib/domain/documents';
import { getMatch } from '../worker/matches';
import type { Handler } from './types';
import { searchAgainWhereTripServes } from './searches-again';

/**
 * A passenger's ride cancelled (their request cancelled, by SMS or by a coordinator): the seat it
 * held on that trip and date is free again, and the requests of that date with no driver that the
 * trip could serve search again. Not when the driver cancelled: they do not go that day.
 */
export const rideCancelledSearchesAgain: Handler<RideDoc> = {
  name: 'ride-cancelled-searches-again',
  appliesTo: (doc): doc is RideDoc =>
    isRideChange(doc) && !('_deleted' in doc) && doc.cancelledAt !== null,
  handle: async (ride, ctx) => {
    const trip = ctx.trips.get(ride.tripId);
    if (!trip || trip.paused) return;
    const match = await getMatch(ctx, ride.matchId);
    if (match?.state.status !== 'cancelled') return;
    await searchAgainWhereTripServes(ctx, trip, ride.date);
  },
};
