import { describe, expect, it } from 'vitest';
import { seatKey, type MatchContext } from './context';
import { findCandidates, type MatchResult } from './find-candidates';
import { buildTripIndex } from './trip-index';
import { isFrenchPublicHoliday } from '../schedule/holidays';
import { NOW, WORLD, request, trip } from './test-world';
import type { MatchableRequest, MatchableTrip } from './types';

const context = (over: Partial<MatchContext> = {}): MatchContext => ({
  communes: WORLD,
  now: NOW,
  seatsTaken: new Map(),
  blockedPeople: new Set(),
  recentAsks: new Map(),
  holidays: isFrenchPublicHoliday,
  ...over,
});

function search(
  trips: MatchableTrip[],
  req: MatchableRequest = request(),
  over: Partial<MatchContext> = {},
) {
  const ctx = context(over);
  return findCandidates(req, buildTripIndex(trips, ctx.communes), ctx);
}

function ids(result: MatchResult): string[] {
  if (result.status !== 'ok') throw new Error(`refused: ${result.message}`);
  return result.candidates.map((c) => `${c.tripId}/${c.leg}`);
}

describe('findCandidates', () => {
  it('offers a trip on the same line with no detour, picking up at the departure time', () => {
    const result = search([trip()], request({ fromInsee: '46001', toInsee: '46004' }));
    expect(result.status === 'ok' && result.candidates[0]).toMatchObject({
      tripId: 'trip:a',
      pickupTime: '08:00',
      detourMinutes: 0,
    });
  });

  it('offers a trip that passes through, picking up when the driver gets there', () => {
    // 12 km straight × 1.35 = 16.2 km at 60 km/h: 16.2 minutes after 8:00, then 16.2 more.
    const result = search([trip()]);
    expect(result.status === 'ok' && result.candidates[0]).toMatchObject({
      pickupTime: '08:16',
      dropoffTime: '08:32',
    });
  });

  it("adds the pickup detour to the driver's way and keeps it within what the driver accepts", () => {
    const offside = request({ fromInsee: '46005', toInsee: '46004' });
    const result = search(
      [trip({ detourMinutes: 1 }), trip({ _id: 'trip:b', driverId: 'person:b', detourMinutes: 2 })],
      offside,
    );
    // 15 km along + 2 km east: sqrt(15² + 2²) + 15 − 30 = 0.13 km straight, 0.18 km by road,
    // 0.18 minutes; the far village costs sqrt(15² + 25²) × 2 − 30 = 28.3 km, 38 minutes.
    expect(ids(result)).toEqual(['trip:a/outbound', 'trip:b/outbound']);
    const far = search(
      [trip({ detourMinutes: 30 })],
      request({ fromInsee: '46006', toInsee: '46004' }),
    );
    expect(ids(far)).toEqual([]);
  });

  it('never takes a passenger backwards along the driver’s way', () => {
    const backwards = request({ fromInsee: '46003', toInsee: '46002' });
    expect(ids(search([trip({ detourMinutes: 60 })], backwards))).toEqual([]);
  });

  it('matches the return leg, from the destination back to the origin, at the return time', () => {
    const back = request({
      fromInsee: '46003',
      toInsee: '46002',
      earliest: '17:00',
      latest: '18:00',
    });
    const result = search([trip({ returnDeparture: '17:30' })], back);
    // From North (30 km) down to Near North (24 km): 6 × 1.35 = 8.1 minutes after 17:30.
    expect(result.status === 'ok' && result.candidates[0]).toMatchObject({
      leg: 'return',
      pickupTime: '17:38',
    });
    expect(ids(search([trip()], back))).toEqual([]);
  });

  it('keeps the pickup inside the window', () => {
    expect(ids(search([trip({ departure: '07:40' })]))).toEqual([]); // 7:56
    expect(ids(search([trip({ departure: '08:45' })]))).toEqual([]); // 9:01
    expect(ids(search([trip({ departure: '08:44' })]))).toEqual(['trip:a/outbound']); // 9:00
    expect(ids(search([trip({ departure: '07:44' })]))).toEqual(['trip:a/outbound']); // 8:00
  });

  it('only uses trips that run that weekday and are valid on that date', () => {
    expect(ids(search([trip({ weekdays: [1, 2, 3, 5] })]))).toEqual([]);
    expect(ids(search([trip({ validFrom: '2026-11-27' })]))).toEqual([]);
    expect(ids(search([trip({ validUntil: '2026-11-25' })]))).toEqual([]);
    expect(ids(search([trip({ validFrom: '2026-11-26', validUntil: '2026-11-26' })]))).toEqual([
      'trip:a/outbound',
    ]);
  });

  it('skips paused trips, blocked drivers, drivers already asked and the passenger’s own trip', () => {
    expect(ids(search([trip({ paused: true })]))).toEqual([]);
    expect(
      ids(search([trip()], request(), { blockedPeople: new Set(['person:driver-a']) })),
    ).toEqual([]);
    expect(ids(search([trip()], request(), { skipDrivers: new Set(['person:driver-a']) }))).toEqual(
      [],
    );
    expect(ids(search([trip({ driverId: 'person:passenger' })]))).toEqual([]);
  });

  it('refuses a blocked passenger', () => {
    const result = search([trip()], request(), { blockedPeople: new Set(['person:passenger']) });
    expect(result).toMatchObject({ status: 'refused', reason: 'passenger-blocked' });
  });

  it('counts the seats already taken that date and leg', () => {
    const seatsTaken = new Map([[seatKey('trip:a', '2026-11-26', 'outbound'), 2]]);
    expect(ids(search([trip()], request({ seats: 2 }), { seatsTaken }))).toEqual([]);
    expect(ids(search([trip()], request({ seats: 1 }), { seatsTaken }))).toEqual([
      'trip:a/outbound',
    ]);
    const otherDay = new Map([[seatKey('trip:a', '2026-11-24', 'outbound'), 3]]);
    expect(ids(search([trip()], request(), { seatsTaken: otherDay }))).toEqual(['trip:a/outbound']);
    const byFunction = () => 3;
    expect(ids(search([trip()], request(), { seatsTaken: byFunction }))).toEqual([]);
  });

  it('tells a trip with no seat left from no trip at all', () => {
    const seatsTaken = new Map([[seatKey('trip:a', '2026-11-26', 'outbound'), 3]]);
    expect(search([trip()], request(), { seatsTaken })).toMatchObject({ candidates: [], full: 1 });
    expect(search([trip()], request())).toMatchObject({ full: 0 });
    const elsewhere = request({ fromInsee: '46004', toInsee: '46001' }); // against the outbound
    expect(search([trip({ returnDeparture: null })], elsewhere, { seatsTaken })).toMatchObject({
      candidates: [],
      full: 0,
    });
  });

  it('finds nothing on a French public holiday unless the territory says trips run on holidays', () => {
    const armistice = request({ date: '2026-11-11' }); // a Wednesday
    expect(search([trip()], armistice)).toMatchObject({
      status: 'ok',
      candidates: [],
      publicHoliday: true,
    });
    const running = search([trip()], armistice, { settings: { skipPublicHolidays: false } });
    expect(ids(running)).toEqual([]); // 11/11 is before NOW: too late anyway
    const later = request({ date: '2026-12-02' });
    expect(ids(search([trip()], later, { holidays: new Set(['2026-12-02']) }))).toEqual([]);
    expect(ids(search([trip()], later, { holidays: () => false }))).toEqual(['trip:a/outbound']);
  });

  it('never proposes a pickup in the past or too soon after now', () => {
    const today = request({ date: '2026-11-23', earliest: '08:00', latest: '13:30' });
    expect(ids(search([trip({ departure: '11:58' })], today))).toEqual([]); // 12:14, now is 12:00 + 15 min
    expect(ids(search([trip({ departure: '11:59' })], today))).toEqual(['trip:a/outbound']); // 12:15
  });

  it('refuses a passenger leg over 100 km by road as not solidarity transport', () => {
    const result = search(
      [trip({ toInsee: '46007' })],
      request({ fromInsee: '46001', toInsee: '46007' }),
    );
    expect(result).toMatchObject({ status: 'refused', reason: 'too-far' });
    expect(result.status === 'refused' && result.message).toMatch(/108 km.*transport solidaire/);
  });

  it('refuses unknown communes and cancelled requests', () => {
    expect(search([trip()], request({ toInsee: '99999' }))).toMatchObject({
      reason: 'unknown-commune',
    });
    expect(search([trip()], request({ cancelledAt: '2026-11-23T10:00:00Z' }))).toMatchObject({
      reason: 'cancelled',
    });
  });

  it('offers the driver who passes closest to the middle of the window first', () => {
    const early = trip({ _id: 'trip:early', driverId: 'person:early', departure: '07:50' }); // 8:06
    const middle = trip({ _id: 'trip:middle', driverId: 'person:middle', departure: '08:14' }); // 8:30
    expect(ids(search([early, middle]))).toEqual(['trip:middle/outbound', 'trip:early/outbound']);
  });

  it('prefers the smaller detour when times fit equally', () => {
    // Both reach Near North at 8:30; the second then turns off east to the far village.
    const straight = trip({ _id: 'trip:z-straight', driverId: 'person:s', departure: '07:58' });
    const around = trip({
      _id: 'trip:a-around',
      driverId: 'person:r',
      fromInsee: '46002',
      toInsee: '46006',
      departure: '08:14',
      detourMinutes: 30,
    });
    const req = request({ fromInsee: '46003', toInsee: '46004' });
    const result = search([around, straight], req);
    expect(ids(result)).toEqual(['trip:z-straight/outbound', 'trip:a-around/outbound']);
    if (result.status === 'ok') {
      expect(result.candidates.map((c) => c.pickupTime)).toEqual(['08:30', '08:30']);
      expect(result.candidates[1]!.detourMinutes).toBeGreaterThan(20);
    }
  });

  it('asks the driver asked less often recently first, so the same driver is not always asked', () => {
    const a = trip({ _id: 'trip:a', driverId: 'person:a' });
    const b = trip({ _id: 'trip:b', driverId: 'person:b' });
    expect(ids(search([a, b]))).toEqual(['trip:a/outbound', 'trip:b/outbound']);
    const asks = new Map([['person:a', 3]]);
    expect(ids(search([a, b], request(), { recentAsks: asks }))).toEqual([
      'trip:b/outbound',
      'trip:a/outbound',
    ]);
  });

  it('returns one candidate per driver, the better of their trips', () => {
    const first = trip({ _id: 'trip:1', departure: '07:50' });
    const second = trip({ _id: 'trip:2', departure: '08:14' });
    expect(ids(search([first, second]))).toEqual(['trip:2/outbound']);
  });

  it('gives every candidate the contribution of the passenger’s own leg', () => {
    // 12 km × 1.35 = 16.2 km × 0.10 €/km = 1.62 € → 1.60 €.
    const result = search([trip()]);
    expect(result).toMatchObject({ status: 'ok', contributionCents: 160, passengerRoadKm: 16.2 });
    expect(result.status === 'ok' && result.candidates[0]?.contributionCents).toBe(160);
    const free = search([trip()], request(), { contribution: { eurosPerKm: 0 } });
    expect(free.status === 'ok' && free.candidates[0]?.contributionCents).toBe(0);
  });

  it('finds nothing, and does not fail, with no trips or with trips between unknown communes', () => {
    expect(ids(search([]))).toEqual([]);
    const index = buildTripIndex([trip({ fromInsee: '99998' })], WORLD);
    expect(index.unplaced).toEqual(['trip:a']);
    expect(ids(findCandidates(request(), index, context()))).toEqual([]);
  });

  it('accepts a plain array of trips and indexes it on the fly', () => {
    expect(ids(findCandidates(request(), [trip()], context()))).toEqual(['trip:a/outbound']);
  });

  it('refuses an index built with another road factor than the search uses', () => {
    const index = buildTripIndex([trip()], WORLD, { roadFactor: 1.3, speedKmh: 60 });
    expect(() => findCandidates(request(), index, context())).toThrow(/road factor/);
  });
});
