import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTimeOf } from '../schedule/calendar';
import { holdUntil, inQuietHours, quietHoursEnd } from './quiet-hours';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

// Instants around the four Paris clock changes of 2026–2027 and across the whole two years.
const DST_DAYS = ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'];
const nearDst = fc
  .tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: -36 * 60, max: 36 * 60 }))
  .map(([day, minutes]) => new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000));
const anyInstant = fc.oneof(
  nearDst,
  fc.date({
    min: at('2026-01-01T00:00:00Z'),
    max: at('2027-12-31T23:59:00Z'),
    noInvalidDate: true,
  }),
);

describe('quiet hours', () => {
  it('are 21:00 to 8:00 in Paris, winter and summer', () => {
    expect(inQuietHours(at('2026-11-24T19:59:00Z'))).toBe(false); // 20:59 winter
    expect(inQuietHours(at('2026-11-24T20:00:00Z'))).toBe(true); // 21:00
    expect(inQuietHours(at('2026-11-25T06:59:00Z'))).toBe(true); // 7:59
    expect(inQuietHours(at('2026-11-25T07:00:00Z'))).toBe(false); // 8:00
    expect(inQuietHours(at('2026-07-01T19:00:00Z'))).toBe(true); // 21:00 summer
    expect(inQuietHours(at('2026-07-02T06:00:00Z'))).toBe(false); // 8:00 summer
  });

  it('hold an SMS queued at 22:00 until 8:00 the next morning', () => {
    expect(holdUntil(at('2026-11-24T21:00:00Z'), null)).toEqual(at('2026-11-25T07:00:00Z'));
    expect(holdUntil(at('2026-11-25T02:00:00Z'), null)).toEqual(at('2026-11-25T07:00:00Z'));
  });

  it('let through an SMS about a ride in the next 12 hours, not one about a later ride', () => {
    const night = at('2026-11-24T21:00:00Z'); // 22:00
    expect(holdUntil(night, at('2026-11-25T07:00:00Z'))).toBeNull(); // 8:00 tomorrow
    expect(holdUntil(night, at('2026-11-25T09:01:00Z'))).toEqual(at('2026-11-25T07:00:00Z'));
    expect(holdUntil(night, at('2026-11-24T08:00:00Z'))).toEqual(at('2026-11-25T07:00:00Z')); // past
  });

  it('end at 8:00 on the morning the clocks change', () => {
    // 29/03/2026: 2:00 becomes 3:00, 8:00 is 6:00 UTC; 25/10/2026: 3:00 becomes 2:00, 8:00 is 7:00 UTC.
    expect(quietHoursEnd(at('2026-03-28T22:00:00Z'))).toEqual(at('2026-03-29T06:00:00Z'));
    expect(quietHoursEnd(at('2026-10-24T22:00:00Z'))).toEqual(at('2026-10-25T07:00:00Z'));
  });

  it('never send at night, and release at the first minute of the morning, whatever the date', () => {
    fc.assert(
      fc.property(anyInstant, fc.option(anyInstant, { nil: null }), (now, rideAt) => {
        const until = holdUntil(now, rideAt);
        const urgent =
          rideAt !== null &&
          rideAt.getTime() >= now.getTime() &&
          rideAt.getTime() - now.getTime() <= 12 * HOUR;
        if (!inQuietHours(now) || urgent) {
          expect(until).toBeNull();
          return;
        }
        expect(until).not.toBeNull();
        const t = until!.getTime();
        expect(t).toBeGreaterThan(now.getTime());
        // 21:00 → 8:00 is 11 hours, 12 on the night the clocks go back.
        expect(t - now.getTime()).toBeLessThanOrEqual(12 * HOUR);
        expect(localTimeOf(until!)).toBe('08:00');
        expect(inQuietHours(until!)).toBe(false);
        expect(inQuietHours(new Date(t - 60_000))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('read the local time as Paris does: quiet exactly when the wall clock says 21:00–7:59', () => {
    fc.assert(
      fc.property(anyInstant, (now) => {
        const [h] = localTimeOf(now).split(':').map(Number);
        expect(inQuietHours(now)).toBe(h! >= 21 || h! < 8);
      }),
      { numRuns: 2000 },
    );
  });

  it('are never quiet when start and end are the same, and can be a daytime span', () => {
    const never = { start: '08:00', end: '08:00', urgentWithinHours: 12 };
    expect(holdUntil(at('2026-11-24T22:00:00Z'), null, never)).toBeNull();
    const lunch = { start: '12:00', end: '14:00', urgentWithinHours: 1 };
    expect(inQuietHours(at('2026-11-24T12:30:00Z'), lunch)).toBe(true); // 13:30
    expect(holdUntil(at('2026-11-24T12:30:00Z'), null, lunch)).toEqual(at('2026-11-24T13:00:00Z'));
  });
});
