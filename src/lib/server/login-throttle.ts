// A brake on password guessing: a few attempts per name and address, and a few dozen per address
// whatever the names, in a sliding window. An attempt is counted before the password is checked,
// so parallel attempts cannot slip past; an entry is never evicted to make room (when the table is
// full of live entries, new names wait), so a flood of other names cannot wipe a count. In memory:
// a restart forgets it (CouchDB's PBKDF2 already makes each guess slow).

export interface ThrottleOptions {
  /** Attempts allowed per name and address within the window; a success forgets them. */
  readonly maxFailures: number;
  /** Failed attempts allowed per address, whatever the names, within the window. */
  readonly maxPerAddress: number;
  readonly windowMs: number;
  /** Names and addresses tracked at most. */
  readonly maxEntries: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  maxFailures: 5,
  maxPerAddress: 30,
  windowMs: 15 * 60 * 1000,
  maxEntries: 100_000,
};

export class LoginThrottle {
  readonly #byKey = new Map<string, number[]>();
  readonly #byAddress = new Map<string, number[]>();
  readonly #options: ThrottleOptions;
  #lastSweep = -Infinity;

  constructor(options: ThrottleOptions = DEFAULT_THROTTLE) {
    this.#options = options;
  }

  static key(name: string, address: string): string {
    return `${name.trim().toLowerCase()}\u0000${address}`;
  }

  /**
   * Milliseconds to wait, or 0: then the attempt is counted now, before its password is checked,
   * and `succeeded` takes it back if the password was right.
   */
  begin(name: string, address: string, now: number): number {
    const key = LoginThrottle.key(name, address);
    const mine = this.#recent(this.#byKey, key, now);
    const theirs = this.#recent(this.#byAddress, address, now);
    const wait = Math.max(
      waitFor(mine, this.#options.maxFailures, this.#options.windowMs, now),
      waitFor(theirs, this.#options.maxPerAddress, this.#options.windowMs, now),
    );
    if (wait > 0) return wait;
    if (!this.#makeRoom(key, address, now)) return this.#options.windowMs;
    this.#byKey.set(key, [...mine, now]);
    this.#byAddress.set(address, [...theirs, now]);
    return 0;
  }

  /** The right password: this name's attempts from this address are forgotten. */
  succeeded(name: string, address: string): void {
    const key = LoginThrottle.key(name, address);
    const mine = this.#byKey.get(key) ?? [];
    this.#byKey.delete(key);
    const theirs = this.#byAddress.get(address);
    // The successful attempt was counted against the address too; the failures stay counted.
    const last = mine[mine.length - 1];
    const at = last === undefined || !theirs ? -1 : theirs.lastIndexOf(last);
    if (at >= 0) theirs!.splice(at, 1);
  }

  get size(): number {
    return this.#byKey.size + this.#byAddress.size;
  }

  #recent(map: Map<string, number[]>, key: string, now: number): number[] {
    return (map.get(key) ?? []).filter((t) => t > now - this.#options.windowMs && t <= now);
  }

  /** Room for the key and the address, dropping only expired entries. */
  #makeRoom(key: string, address: string, now: number): boolean {
    const needed = (this.#byKey.has(key) ? 0 : 1) + (this.#byAddress.has(address) ? 0 : 1);
    if (this.size + needed <= this.#options.maxEntries) return true;
    // A full table is swept at most once a second, so a flood does not cost a sweep per attempt.
    if (now - this.#lastSweep < 1000 && now >= this.#lastSweep) return false;
    this.#lastSweep = now;
    for (const map of [this.#byKey, this.#byAddress]) {
      for (const [k, times] of map) {
        if (times.every((t) => t <= now - this.#options.windowMs)) map.delete(k);
      }
    }
    return this.size + needed <= this.#options.maxEntries;
  }
}

function waitFor(times: readonly number[], limit: number, windowMs: number, now: number): number {
  if (times.length < limit) return 0;
  const oldest = times[times.length - limit] ?? now;
  return Math.max(1, oldest + windowMs - now);
}
