import { describe, expect, it } from 'vitest';
import type { Person, Trip } from '../../src/lib/domain/documents';
import { sampleJeanTrip, sampleMarie } from '../../src/lib/domain/documents/test-docs';
import { askDriver, declineProposal, startSearching } from '../../src/lib/domain/match';
import { DEFAULT_MATCHING_SETTINGS } from '../../src/lib/domain/matching';
import { AskHistory, Places, TripCache } from './context';

const places = new Places({ schema: 1, generatedAt: '', departements: ['46'], communes: [] });
const trip = sampleJeanTrip as unknown as Trip;
const jean = { ...(sampleMarie as unknown as Person), _id: trip.driverId, blocked: false };

describe('the caches a search reads', () => {
  it('reads each driver once, then follows their blocks from the feed', () => {
    const cache = new TripCache(places);
    cache.apply(trip);
    expect(cache.driversToRead()).toEqual([trip.driverId]);
    cache.applyPerson(jean);
    expect(cache.driversToRead()).toEqual([]);
    cache.applyPerson({ ...jean, blocked: true });
    expect([...cache.blockedDrivers()]).toEqual([trip.driverId]);
    cache.applyPerson(jean);
    expect([...cache.blockedDrivers()]).toEqual([]);
    // Someone who drives nothing is not kept; a driver whose trip goes need not be read.
    cache.applyPerson({ ...jean, _id: 'person:passenger', blocked: true });
    expect([...cache.blockedDrivers()]).toEqual([]);
    const other = { ...trip, _id: 'trip:other', driverId: 'person:new-driver' };
    cache.apply(other);
    expect(cache.driversToRead()).toEqual(['person:new-driver']);
    cache.apply({ _id: other._id, _deleted: true });
    expect(cache.driversToRead()).toEqual([]);
  });

  it('weighs each driver’s questions by their age and forgets matches past the window', () => {
    const now = new Date('2026-11-24T09:00:00Z');
    const week = 7 * 86_400_000;
    const asked = (at: Date, driverId: string) =>
      askDriver(startSearching(at), {
        driverId,
        tripId: 'trip:t',
        leg: 'outbound',
        pickupTime: '08:30',
        contributionCents: 0,
        detourMinutes: 0,
        askedAt: at.toISOString(),
        deadline: new Date(at.getTime() + 3_600_000).toISOString(),
      });
    const history = new AskHistory();
    history.apply({ _id: 'match:a', state: asked(now, 'person:anne') });
    const lastWeek = new Date(now.getTime() - week);
    history.apply({
      _id: 'match:b',
      state: declineProposal(asked(lastWeek, 'person:bruno'), lastWeek),
    });
    history.apply({
      _id: 'match:old',
      state: asked(new Date(now.getTime() - 5 * week), 'person:anne'),
    });
    expect(Object.fromEntries(history.weights(now, DEFAULT_MATCHING_SETTINGS))).toEqual({
      'person:anne': 1,
      'person:bruno': 0.5,
    });
    // A match seen again replaces what it said before.
    history.apply({ _id: 'match:b', state: startSearching(now) });
    expect(Object.fromEntries(history.weights(now, DEFAULT_MATCHING_SETTINGS))).toEqual({
      'person:anne': 1,
    });
  });
});
