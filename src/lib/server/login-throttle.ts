// A modest brake on password guessing: after a few failures for the same name from the same
// address, further attempts wait. In memory: a restart forgets it, which is acceptable here
// (CouchDB's own PBKDF2 already makes each guess slow).

export interface ThrottleOptions {
  /** Failures allowed within the window before attempts are refused. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Entries kept at most; the oldest are dropped first. */
  readonly maxEntries: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  maxFailures: 5,
  windowMs: 15 * 60 * 1000,
  maxEntries: 10_000,
};

export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #options: ThrottleOptions;

  constructor(options: ThrottleOptions = DEFAULT_THROTTLE) {
    this.#options = options;
  }

  static key(name: string, address: string): string {
    return `${name.trim().toLowerCase()}\u0000${address}`;
  }

  /** Milliseconds to wait before the next attempt, 0 when one is allowed now. */
  retryAfter(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.#options.maxFailures) return 0;
    const oldest = recent[recent.length - this.#options.maxFailures] ?? now;
    return Math.max(0, oldest + this.#options.windowMs - now);
  }

  recordFailure(key: string, now: number): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#failures.delete(key);
    this.#failures.set(key, recent.slice(-this.#options.maxFailures));
    while (this.#failures.size > this.#options.maxEntries) {
      const oldestKey = this.#failures.keys().next().value;
      if (oldestKey === undefined) break;
      this.#failures.delete(oldestKey);
    }
  }

  recordSuccess(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => t > now - this.#options.windowMs);
  }
}
