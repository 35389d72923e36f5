import { isRideChange, type DeletedDoc, type RideDoc } from '../../src/lib/domain/documents';
import type { Handler } from './types';

const isGone = (doc: RideDoc | DeletedDoc): doc is DeletedDoc =>
  (doc as { _deleted?: unknown })._deleted === true;

/** Keeps the seats taken per date (what a search counts) in step with the rides. */
export const rideChangedRefreshesSeats: Handler<RideDoc | DeletedDoc> = {
  name: 'ride-changed-refreshes-seats',
  appliesTo: isRideChange,
  handle: async (ride, ctx) =>
    ctx.seats.apply(
      isGone(ride)
        ? { _id: ride._id, deleted: true }
        : {
            _id: ride._id,
            date: ride.date,
            seat: ride.cancelledAt ? null : [ride.tripId, ride.leg, ride.seats],
          },
    ),
};
