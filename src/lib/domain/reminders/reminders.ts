// The day before a confirmed ride (issue 8 point 4), at a set time (18:00, territory time): an SMS
// to the driver and to a passenger with a mobile; a passenger without one is called by the relay
// who registered them. Pure: the worker stamps `remindAt` on the ride it creates, the timer brings
// the ride back then, and the worker writes what reminderEffects returns, once (`remindedAt`).
import { firstNameOf, isTextable, registeredBy, type Person, type RideDoc } from '../documents';
import { outMessageId, taskId } from '../ids';
import { instantOf } from '../match/deadline';
import type { SmsToSend, TaskToCreate } from '../match/effect-items';
import { addDays, DEFAULT_TIME_ZONE } from '../schedule/calendar';
import * as T from '../sms-templates';

export interface ReminderSettings {
  /** "HH:MM" the day before the ride; null: no reminders. */
  readonly time: string | null;
  readonly timeZone?: string;
}

export const DEFAULT_REMINDERS: ReminderSettings = { time: '18:00' };

/**
 * When the reminder of a ride on `rideDate` confirmed at `confirmedAt` is due, or null: none
 * set, or a ride confirmed after that time (its confirmation, just sent, says it all).
 */
export function reminderAt(
  rideDate: string,
  confirmedAt: Date,
  s: ReminderSettings = DEFAULT_REMINDERS,
): string | null {
  if (s.time === null) return null;
  const due = instantOf(addDays(rideDate, -1), s.time, s.timeZone ?? DEFAULT_TIME_ZONE);
  return due.getTime() > confirmedAt.getTime() ? due.toISOString() : null;
}

/** A ride whose reminder is due at `now` and not sent yet (nor cancelled since). */
export function reminderDue(
  ride: Pick<RideDoc, 'remindAt' | 'remindedAt' | 'cancelledAt'>,
  now: Date,
): boolean {
  return (
    typeof ride.remindAt === 'string' &&
    !ride.remindedAt &&
    ride.cancelledAt === null &&
    Date.parse(ride.remindAt) <= now.getTime()
  );
}

export interface ReminderFacts {
  readonly ride: Pick<
    RideDoc,
    | '_id'
    | 'requestId'
    | 'passengerId'
    | 'date'
    | 'pickupTime'
    | 'pickupPlace'
    | 'contributionCents'
  >;
  readonly driver: Person | null;
  readonly passenger: Person | null;
}

export interface ReminderEffects {
  readonly sms: readonly SmsToSend[];
  readonly tasks: readonly TaskToCreate[];
}

export function reminderEffects({ ride, driver, passenger }: ReminderFacts): ReminderEffects {
  const text = {
    date: ride.date,
    pickupTime: ride.pickupTime,
    pickupPlace: ride.pickupPlace,
    contributionCents: ride.contributionCents,
  };
  const sms: SmsToSend[] = [];
  const tasks: TaskToCreate[] = [];
  const about = (purpose: string, to: Person & { phone: string }, body: string): SmsToSend => ({
    id: outMessageId(purpose, ride._id),
    to: to.phone,
    text: body,
    purpose,
    personId: to._id,
    relatedId: ride._id,
  });
  if (isTextable(driver)) {
    const body = T.driverReminderSms({ ...text, passengerFirstName: firstNameOf(passenger) });
    sms.push(about('remind-driver', driver, body));
  }
  if (isTextable(passenger)) {
    const body = T.passengerReminderSms({ ...text, driverFirstName: firstNameOf(driver) });
    sms.push(about('remind-passenger', passenger, body));
  } else if (passenger) {
    tasks.push({
      id: taskId('remind', ride._id),
      kind: 'callback',
      text: T.reminderCallbackText({
        ...text,
        passengerFirstName: firstNameOf(passenger),
        driverFirstName: firstNameOf(driver),
        passengerPhone: passenger.phone,
      }),
      assignee: registeredBy(passenger),
      personId: passenger._id,
      requestId: ride.requestId,
      messageId: null,
    });
  }
  return { sms, tasks };
}
