// What the reports read of a ride: the confirmed, not cancelled seats up to a day, with the road
// km of the passenger's leg (the matching's estimate between commune centres).
import type { RideDoc } from '../documents';

export type ReportRide = Pick<
  RideDoc,
  | '_id'
  | 'requestId'
  | 'tripId'
  | 'driverId'
  | 'passengerId'
  | 'date'
  | 'pickupTime'
  | 'pickupInsee'
  | 'dropoffInsee'
  | 'seats'
  | 'contributionCents'
  | 'cancelledAt'
>;

export type RoadKm = (fromInsee: string, toInsee: string) => number;

/** Rides not cancelled, dated from..to (both included), in date and time order. */
export function ridesDone(rides: readonly ReportRide[], from: string, to: string): ReportRide[] {
  return rides
    .filter((r) => r.cancelledAt === null && r.date >= from && r.date <= to)
    .sort(
      (a, b) =>
        (a.date + a.pickupTime).localeCompare(b.date + b.pickupTime) || a._id.localeCompare(b._id),
    );
}
