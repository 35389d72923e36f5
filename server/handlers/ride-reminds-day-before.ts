import type { RideDoc } from '../../src/lib/domain/documents';
import { reminderDue, reminderEffects } from '../../src/lib/domain/reminders';
import { instantOf } from '../../src/lib/domain/match';
import { stamp, updateDoc, type StoredDoc } from '../../src/lib/server/shared/store';
import { createTask, queueSms } from '../worker/outbox';
import { getPerson } from '../worker/people';
import type { Handler } from './types';

type StoredRide = RideDoc & StoredDoc & { readonly _rev: string };

const isRideToRemind = (doc: StoredDoc): doc is StoredRide =>
  doc.type === 'ride' && typeof doc._rev === 'string' && typeof doc.remindAt === 'string';

/**
 * The day before a confirmed ride (the timer brings it at `remindAt`): the driver and a passenger
 * with a mobile get an SMS, the relay of a passenger without one a callback task; then the ride
 * notes `remindedAt`. Ids are the ride's, so a reminder handled twice is sent once.
 */
export const rideRemindsDayBefore: Handler<StoredRide> = {
  name: 'ride-reminds-day-before',
  appliesTo: isRideToRemind,
  handle: async (ride, ctx) => {
    const now = ctx.clock.now();
    if (!reminderDue(ride, now)) return;
    const [driver, passenger] = await Promise.all([
      getPerson(ctx, ride.driverId),
      getPerson(ctx, ride.passengerId),
    ]);
    const effects = reminderEffects({ ride, driver, passenger });
    const rideAt = instantOf(ride.date, ride.pickupTime);
    for (const sms of effects.sms) await queueSms(ctx, { ...sms, rideAt });
    for (const task of effects.tasks) await createTask(ctx, task);
    await updateDoc<RideDoc>(ctx.db, ride._id, (current) =>
      current && !current.remindedAt
        ? (stamp({ ...current, remindedAt: now.toISOString() }, now) as RideDoc)
        : null,
    );
  },
};
