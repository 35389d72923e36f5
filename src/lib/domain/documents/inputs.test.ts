import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consentDateError,
  FUTURE_CONSENT_MESSAGE,
  PAST_REQUEST_MESSAGE,
  requestInputSchemaAt,
} from './inputs';

const request = (date: string) => ({
  passengerId: 'person:marie01',
  fromInsee: '46056',
  toInsee: '46102',
  date,
  earliest: '8h',
  latest: '9h30',
  seats: 1,
  channel: 'relay',
});

// 23:30 in Paris on 30 November is already 1 December there.
const now = new Date('2026-11-30T23:30:00.000Z');

describe('dates typed in the forms', () => {
  it('refuse a request for a day already past in Paris, in French, and accept today', () => {
    const schema = requestInputSchemaAt(now);
    const past = schema.safeParse(request('2026-11-30'));
    expect(past.success).toBe(false);
    expect(past.error?.issues).toEqual([
      expect.objectContaining({ path: ['date'], message: PAST_REQUEST_MESSAGE }),
    ]);
    expect(schema.safeParse(request('2026-12-01')).success).toBe(true);
    expect(schema.safeParse(request('2025-12-01')).success).toBe(false);
  });

  it('refuse a consent dated after today in Paris, never one of today or before', () => {
    expect(consentDateError('2026-12-01T12:00:00.000Z', now)).toBeNull();
    expect(consentDateError('2026-12-02T12:00:00.000Z', now)).toBe(FUTURE_CONSENT_MESSAGE);
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (days) => {
        const at = new Date(now.getTime() + days * 86_400_000).toISOString();
        expect(consentDateError(at, now) === null).toBe(days <= 0);
      }),
    );
  });
});
