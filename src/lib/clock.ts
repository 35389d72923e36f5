// The one place that reads the machine's clock. Everything else is given a Clock (or a Date)
// by its caller, so that tests and the worker's timers run on any date they choose.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Whether what happened `at` (clock ms) is less than `ms` old `now`: a clock gone back makes
 * nothing recent, so a cached answer is never trusted past its time.
 */
export const isRecent = (at: number, now: number, ms: number): boolean =>
  now >= at && now - at < ms;
