import { describe, expect, it } from 'vitest';
import type { RideRequest } from '../documents';
import { sampleRequest } from '../documents/test-docs';
import { decideRequestMatch, opensWithoutReading } from './request-opens-match';
import { askDriver, cancelRequest, findNoDriver, searchAgain, startSearching } from './state';

const now = new Date('2026-11-24T09:43:00Z');
const request = { ...sampleRequest, _rev: '1-a' } as RideRequest;
const cancelled = { ...request, _rev: '2-b', cancelledAt: '2026-11-24T10:00:00.000Z' };
const asking = askDriver(startSearching(now), {
  driverId: 'person:j3an0000',
  tripId: 'trip:j3an0001',
  leg: 'outbound',
  pickupTime: '08:25',
  contributionCents: 120,
  detourMinutes: 1.8,
  askedAt: now.toISOString(),
  deadline: '2026-11-24T10:43:00.000Z',
});

describe('what a request means for its match', () => {
  it('opens a searching match named after the request, keyed on the request revision', () => {
    expect(decideRequestMatch(request, null, now)).toEqual({
      action: 'open',
      match: {
        _id: 'match:r0000001',
        type: 'match',
        schema: 1,
        requestId: 'request:r0000001',
        passengerId: 'person:m4r1e000',
        date: '2026-11-26',
        state: startSearching(now),
        wakeAt: null,
        requestRev: '1-a',
      },
    });
  });

  it('opens nothing for a request cancelled before the worker saw it, nor twice', () => {
    expect(decideRequestMatch(cancelled, null, now)).toEqual({ action: 'none' });
    expect(decideRequestMatch(request, { state: asking }, now)).toEqual({ action: 'none' });
  });

  it('cancels the match under way when the app sets cancelledAt, as of that time', () => {
    expect(decideRequestMatch(cancelled, { state: asking }, now)).toEqual({
      action: 'cancel',
      state: cancelRequest(asking, new Date(cancelled.cancelledAt), 'coordinator'),
      requestRev: '2-b',
    });
  });

  it('leaves a cancelled match as it is when the request changes again', () => {
    const done = cancelRequest(asking, now, 'passenger');
    expect(decideRequestMatch(cancelled, { state: done }, now)).toEqual({ action: 'none' });
  });

  it('searches again when a coordinator relaunches a request with no driver, once', () => {
    const none = findNoDriver(startSearching(now), now, 'Aucun trajet');
    const relaunched = { ...request, _rev: '3-c', searchAgainAt: '2026-11-24T10:30:00.000Z' };
    const at = new Date('2026-11-24T10:31:00Z');
    expect(decideRequestMatch(relaunched, { state: none }, at)).toEqual({
      action: 'search-again',
      state: searchAgain(none, at),
      requestRev: '3-c',
    });
    // The search it started ended without a driver again: the same relaunch does nothing more.
    const again = findNoDriver(searchAgain(none, at), at, 'Aucun trajet');
    expect(decideRequestMatch(relaunched, { state: again }, at)).toEqual({ action: 'none' });
    expect(decideRequestMatch(relaunched, { state: asking }, at)).toEqual({ action: 'none' });
  });

  it('needs no read of the match for a first revision: with one there, nothing would be done', () => {
    const states = [
      startSearching(now),
      asking,
      findNoDriver(startSearching(now), now, 'Aucun trajet'),
      cancelRequest(asking, now, 'coordinator'),
    ];
    expect(opensWithoutReading(request)).toBe(true);
    for (const state of states)
      expect(decideRequestMatch(request, { state }, now)).toEqual({ action: 'none' });
    expect(decideRequestMatch(request, null, now).action).toBe('open');
    // Any later revision, a cancellation or a relaunch: the match is read first.
    expect(opensWithoutReading({ ...request, _rev: '2-b' })).toBe(false);
    expect(opensWithoutReading(cancelled)).toBe(false);
    expect(opensWithoutReading({ ...request, searchAgainAt: now.toISOString() })).toBe(false);
  });
});
