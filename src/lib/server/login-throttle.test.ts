import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const options = { maxFailures: 3, windowMs: 60_000, maxEntries: 100 };

describe('the login throttle', () => {
  it('lets attempts through until the failures reach the limit, then makes them wait', () => {
    const throttle = new LoginThrottle(options);
    const key = LoginThrottle.key('Sophie', '10.0.0.1');
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfter(key, 1000 + i)).toBe(0);
      throttle.recordFailure(key, 1000 + i);
    }
    expect(throttle.retryAfter(key, 1003)).toBe(60_000 - 3);
    expect(throttle.retryAfter(key, 61_000)).toBe(0);
  });

  it('counts per name and address, ignoring the case of the name', () => {
    const throttle = new LoginThrottle(options);
    for (let i = 0; i < 3; i++) throttle.recordFailure(LoginThrottle.key('sophie', '10.0.0.1'), i);
    expect(throttle.retryAfter(LoginThrottle.key('SOPHIE', '10.0.0.1'), 10)).toBeGreaterThan(0);
    expect(throttle.retryAfter(LoginThrottle.key('sophie', '10.0.0.2'), 10)).toBe(0);
    expect(throttle.retryAfter(LoginThrottle.key('marc', '10.0.0.1'), 10)).toBe(0);
  });

  it('forgets the failures after a success', () => {
    const throttle = new LoginThrottle(options);
    const key = LoginThrottle.key('sophie', 'ip');
    throttle.recordFailure(key, 1);
    throttle.recordFailure(key, 2);
    throttle.recordSuccess(key);
    throttle.recordFailure(key, 3);
    expect(throttle.retryAfter(key, 4)).toBe(0);
  });

  it('keeps no more entries than allowed, however many names are tried', () => {
    const throttle = new LoginThrottle({ ...options, maxEntries: 10 });
    for (let i = 0; i < 1000; i++) throttle.recordFailure(LoginThrottle.key(`user${i}`, 'ip'), i);
    const kept = Array.from({ length: 1000 }, (_, i) => LoginThrottle.key(`user${i}`, 'ip'));
    for (const key of kept.slice(-10)) throttle.recordFailure(key, 2000);
    for (const key of kept.slice(-10)) throttle.recordFailure(key, 2001);
    expect(kept.slice(-10).every((key) => throttle.retryAfter(key, 2002) > 0)).toBe(true);
    expect(kept.slice(0, 990).every((key) => throttle.retryAfter(key, 2002) === 0)).toBe(true);
  });
});
