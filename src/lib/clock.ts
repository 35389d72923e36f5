// The one place that reads the machine's clock. Everything else is given a Clock (or a Date)
// by its caller, so that tests and the worker's timers run on any date they choose.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
