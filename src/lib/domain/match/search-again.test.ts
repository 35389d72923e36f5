import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayLookAgain, relaunchRequested, windowStillAhead } from './search-again';
import { askDriver, findNoDriver, searchAgain, startSearching } from './state';

const now = new Date('2026-11-24T09:43:00Z');
const request = { date: '2026-11-26', latest: '09:30', cancelledAt: null };
const none = findNoDriver(startSearching(now), now, 'Aucun trajet');

describe('when a request with no driver looks again', () => {
  it('looks while a pickup at least the lead time away can still fall in the window', () => {
    expect(windowStillAhead(request, now, 15)).toBe(true);
    // 9:15 in Paris on the day: a pickup 15 minutes later is 9:30, the window's end.
    expect(windowStillAhead(request, new Date('2026-11-26T08:15:00Z'), 15)).toBe(true);
    expect(windowStillAhead(request, new Date('2026-11-26T08:16:00Z'), 15)).toBe(false);
  });

  it('looks only for a request with no driver that is not cancelled', () => {
    expect(mayLookAgain(none, request, now, 15)).toBe(true);
    expect(mayLookAgain(startSearching(now), request, now, 15)).toBe(false);
    const cancelled = { ...request, cancelledAt: now.toISOString() };
    expect(mayLookAgain(none, cancelled, now, 15)).toBe(false);
  });

  it('keeps the drivers already tried when it searches again', () => {
    const asked = askDriver(startSearching(now), {
      driverId: 'person:j3an0000',
      tripId: 'trip:j3an0001',
      leg: 'outbound',
      pickupTime: '08:25',
      contributionCents: 120,
      detourMinutes: 2,
      askedAt: now.toISOString(),
      deadline: now.toISOString(),
    });
    const tried = [
      { driverId: 'person:j3an0000', outcome: 'declined' as const, at: '2026-11-24T10:00:00.000Z' },
    ];
    const later = new Date('2026-11-25T10:00:00Z');
    const again = searchAgain({ ...none, tried }, later);
    expect(asked.status).toBe('asking');
    expect(again).toEqual({
      status: 'searching',
      since: later.toISOString(),
      retryAt: null,
      tried,
    });
  });

  it('relaunches only after the search that ended, never for a request cancelled', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 600 }), fc.boolean(), (minutes, cancelled) => {
        const at = new Date(Date.parse(none.at) + minutes * 60_000).toISOString();
        const r = { searchAgainAt: at, cancelledAt: cancelled ? at : null };
        expect(relaunchRequested(none, r)).toBe(minutes > 0 && !cancelled);
      }),
    );
    expect(relaunchRequested(none, { searchAgainAt: null, cancelledAt: null })).toBe(false);
    expect(relaunchRequested(none, { cancelledAt: null })).toBe(false);
  });
});
