// When silence from an asked driver counts as NON: after `answerMinutes`, but never later than
// `marginBeforePickupMinutes` before the pickup (the passenger must still hear in time).
import { TZDate } from '@date-fns/tz';
import { dateParts, DEFAULT_TIME_ZONE } from '../schedule/calendar';

export interface DeadlineSettings {
  /** How long a driver has to answer, minutes. */
  readonly answerMinutes: number;
  /** The latest a driver may still answer: this many minutes before the pickup. */
  readonly marginBeforePickupMinutes: number;
  /** Shortest time worth giving a driver; with less, ask the next one (or nobody). */
  readonly minimumAnswerMinutes: number;
  /** Re-search after this many minutes when the only candidates are busy with another ask. */
  readonly busyRetryMinutes: number;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  answerMinutes: 60,
  marginBeforePickupMinutes: 60,
  minimumAnswerMinutes: 10,
  busyRetryMinutes: 10,
};

/** The instant of "HH:MM" on a date, in the territory's time zone. */
export function instantOf(date: string, time: string, timeZone = DEFAULT_TIME_ZONE): Date {
  const { year, month, day } = dateParts(date);
  const [h, m] = time.split(':').map(Number);
  return new Date(new TZDate(year, month - 1, day, h ?? 0, m ?? 0, 0, timeZone).getTime());
}

/** The answer deadline for an ask made `now`, or null when there is no time left to ask. */
export function answerDeadline(
  now: Date,
  pickup: Date,
  settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS,
): Date | null {
  const byAnswer = now.getTime() + settings.answerMinutes * 60_000;
  const byPickup = pickup.getTime() - settings.marginBeforePickupMinutes * 60_000;
  const deadline = Math.min(byAnswer, byPickup);
  if (deadline - now.getTime() < settings.minimumAnswerMinutes * 60_000) return null;
  return new Date(deadline);
}
