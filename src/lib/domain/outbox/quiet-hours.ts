// No SMS at night (issue 8 point 4): between `start` and `end`, territory time, an SMS waits in
// the outbox (`notBefore`) until `end`, unless it concerns a ride within `urgentWithinHours`
// (a cancellation at 22:00 for tomorrow 7:00 must not wait). Daylight saving is the tz
// database's business: times are read and built through the calendar module.
import { addDays, DEFAULT_TIME_ZONE, localDateOf, localTimeOf } from '../schedule/calendar';
import { instantOf } from '../match/deadline';
import { minutesOfDay } from '../documents/time';

export interface QuietHoursSettings {
  /** "HH:MM": from then on, SMS wait… */
  readonly start: string;
  /** …until then ("HH:MM", the next morning when before `start`). Equal to start: never quiet. */
  readonly end: string;
  /** An SMS about a ride starting within this many hours goes at once, even at night. */
  readonly urgentWithinHours: number;
  readonly timeZone?: string;
}

export const DEFAULT_QUIET_HOURS: QuietHoursSettings = {
  start: '21:00',
  end: '08:00',
  urgentWithinHours: 12,
};

/** Whether `at` falls in quiet hours, in the territory's time. */
export function inQuietHours(at: Date, s: QuietHoursSettings = DEFAULT_QUIET_HOURS): boolean {
  const now = minutesOfDay(localTimeOf(at, s.timeZone ?? DEFAULT_TIME_ZONE));
  const [start, end] = [minutesOfDay(s.start), minutesOfDay(s.end)];
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The first instant after `at` when quiet hours are over: `end` that day or the next. */
export function quietHoursEnd(at: Date, s: QuietHoursSettings = DEFAULT_QUIET_HOURS): Date {
  const zone = s.timeZone ?? DEFAULT_TIME_ZONE;
  const today = localDateOf(at, zone);
  const sameDay = instantOf(today, s.end, zone);
  return sameDay.getTime() > at.getTime() ? sameDay : instantOf(addDays(today, 1), s.end, zone);
}

/**
 * Until when an SMS queued `now` waits: null to send it now; else the end of quiet hours.
 * `rideAt` is the start of the ride it concerns (null: none, like a reminder to nobody's ride).
 */
export function holdUntil(
  now: Date,
  rideAt: Date | null,
  s: QuietHoursSettings = DEFAULT_QUIET_HOURS,
): Date | null {
  if (!inQuietHours(now, s)) return null;
  const ahead = rideAt ? rideAt.getTime() - now.getTime() : -1;
  if (ahead >= 0 && ahead <= s.urgentWithinHours * 3_600_000) return null;
  return quietHoursEnd(now, s);
}
