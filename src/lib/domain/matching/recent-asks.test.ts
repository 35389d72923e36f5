import { describe, expect, it } from 'vitest';
import type { MatchContext } from './context';
import { findCandidates, type MatchResult } from './find-candidates';
import { askWindowStart, recentAskWeights } from './recent-asks';
import { DEFAULT_MATCHING_SETTINGS } from './settings';
import { NOW, WORLD, request, trip } from './test-world';

const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe('how recently each driver was asked', () => {
  it('counts an ask just made as one, a week-old one as a half, and none past four weeks', () => {
    const weights = recentAskWeights(
      [
        { driverId: 'person:a', at: daysAgo(0) },
        { driverId: 'person:b', at: daysAgo(7) },
        { driverId: 'person:b', at: daysAgo(14) },
        { driverId: 'person:c', at: daysAgo(29) },
        { driverId: 'person:d', at: new Date(NOW.getTime() + 60_000).toISOString() },
      ],
      NOW,
      DEFAULT_MATCHING_SETTINGS,
    );
    expect(Object.fromEntries(weights)).toEqual({ 'person:a': 1, 'person:b': 0.75, 'person:d': 1 });
    expect(askWindowStart(NOW, DEFAULT_MATCHING_SETTINGS)).toBe(daysAgo(28));
  });

  it('asks first, of two drivers asked as often, the one asked less recently', () => {
    // Equal trips: without fairness the trip id decides, and trip:a comes first.
    const trips = [
      trip({ _id: 'trip:a', driverId: 'person:a' }),
      trip({ _id: 'trip:b', driverId: 'person:b' }),
    ];
    const asks = [
      { driverId: 'person:a', at: daysAgo(1) },
      { driverId: 'person:b', at: daysAgo(10) },
    ];
    const context = (recentAsks: MatchContext['recentAsks']): MatchContext => ({
      communes: WORLD,
      now: NOW,
      seatsTaken: new Map(),
      blockedPeople: new Set(),
      holidays: new Set(),
      recentAsks,
    });
    const drivers = (r: MatchResult) =>
      r.status === 'ok' ? r.candidates.map((c) => c.driverId) : [];
    expect(drivers(findCandidates(request(), trips, context(new Map())))).toEqual([
      'person:a',
      'person:b',
    ]);
    const weights = recentAskWeights(asks, NOW, DEFAULT_MATCHING_SETTINGS);
    expect(drivers(findCandidates(request(), trips, context(weights)))).toEqual([
      'person:b',
      'person:a',
    ]);
  });
});
