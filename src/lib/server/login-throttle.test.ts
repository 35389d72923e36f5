import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const options = { maxFailures: 3, maxPerAddress: 10, windowMs: 60_000, maxEntries: 100 };

/** n attempts that all fail, at `at`; how many were let through. */
function fail(throttle: LoginThrottle, name: string, address: string, n: number, at: number) {
  let through = 0;
  for (let i = 0; i < n; i++) if (throttle.begin(name, address, at) === 0) through++;
  return through;
}

describe('the login throttle', () => {
  it('lets attempts through until they reach the limit, then makes them wait out the window', () => {
    const throttle = new LoginThrottle(options);
    for (let i = 0; i < 3; i++) expect(throttle.begin('Sophie', '10.0.0.1', 1000 + i)).toBe(0);
    expect(throttle.begin('Sophie', '10.0.0.1', 1003)).toBe(60_000 - 3);
    expect(throttle.begin('Sophie', '10.0.0.1', 61_001)).toBe(0);
  });

  it('counts an attempt when it begins, so attempts checked in parallel cannot slip past', () => {
    const throttle = new LoginThrottle(options);
    // 30 attempts begun before any password check has answered.
    const started = Array.from({ length: 30 }, () => throttle.begin('sophie', '10.0.0.1', 5));
    expect(started.filter((wait) => wait === 0)).toHaveLength(3);
  });

  it('counts per name and address, ignoring the case of the name', () => {
    const throttle = new LoginThrottle(options);
    fail(throttle, 'sophie', '10.0.0.1', 3, 0);
    expect(throttle.begin('SOPHIE', '10.0.0.1', 10)).toBeGreaterThan(0);
    expect(throttle.begin('sophie', '10.0.0.2', 10)).toBe(0);
    expect(throttle.begin('marc', '10.0.0.1', 10)).toBe(0);
  });

  it('stops an address that tries many names, whatever the names', () => {
    const throttle = new LoginThrottle(options);
    const through = Array.from({ length: 40 }, (_, i) => fail(throttle, `user${i}`, 'ip', 1, 1));
    expect(through.reduce((a, b) => a + b, 0)).toBe(10);
    expect(throttle.begin('user99', 'another-ip', 1)).toBe(0);
  });

  it('forgets a name’s attempts after a success', () => {
    const throttle = new LoginThrottle(options);
    fail(throttle, 'sophie', 'ip', 2, 1);
    expect(throttle.begin('sophie', 'ip', 2)).toBe(0);
    throttle.succeeded('sophie', 'ip');
    expect(fail(throttle, 'sophie', 'ip', 3, 3)).toBe(3);
  });

  it('keeps counting a name however many other names are tried meanwhile', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), (others) => {
        const throttle = new LoginThrottle({ ...options, maxPerAddress: 1e9 });
        fail(throttle, 'sophie', 'victim-ip', 3, 0);
        for (let i = 0; i < others; i++) throttle.begin(`name${i}`, `ip${i % 97}`, 1);
        expect(throttle.begin('sophie', 'victim-ip', 2)).toBeGreaterThan(0);
        expect(throttle.size).toBeLessThanOrEqual(options.maxEntries);
      }),
      { numRuns: 20 },
    );
  });

  it('makes room by dropping only what has expired', () => {
    const throttle = new LoginThrottle({ ...options, maxEntries: 4 });
    expect(throttle.begin('a', 'ip1', 0)).toBe(0);
    expect(throttle.begin('b', 'ip2', 0)).toBe(0);
    expect(throttle.begin('c', 'ip3', 10)).toBeGreaterThan(0);
    expect(throttle.begin('c', 'ip3', 60_001)).toBe(0);
  });
});
