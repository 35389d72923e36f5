// A small made-up territory for matching tests: communes placed by kilometres east and north of a
// point in the Lot, so distances in tests read plainly.
import { KM_PER_DEGREE, type LonLat } from './geo';
import type { MatchableRequest, MatchableTrip } from './types';

const ORIGIN = { lon: 1.8, lat: 44.6 };

export function at(eastKm: number, northKm: number): LonLat {
  return {
    lon: ORIGIN.lon + eastKm / (KM_PER_DEGREE * Math.cos((ORIGIN.lat * Math.PI) / 180)),
    lat: ORIGIN.lat + northKm / KM_PER_DEGREE,
  };
}

/**
 * South (0 km) to North (30 km) along one road that follows a meridian (so straight lines are
 * exact kilometres), a village 2 km off it, one far off it and one far away.
 */
export const WORLD = new Map<string, LonLat>([
  ['46001', at(0, 0)], // South
  ['46002', at(0, 12)], // Middle, on the way
  ['46003', at(0, 24)], // Near North
  ['46004', at(0, 30)], // North
  ['46005', at(2, 15)], // Offside, 2 km east of the road
  ['46006', at(25, 15)], // Far east: a long detour
  ['46007', at(0, 80)], // 80 km north: over 100 km by road from South
]);

export const trip = (over: Partial<MatchableTrip> = {}): MatchableTrip => ({
  _id: 'trip:a',
  driverId: 'person:driver-a',
  fromInsee: '46001',
  toInsee: '46004',
  weekdays: [1, 2, 3, 4, 5],
  departure: '08:00',
  returnDeparture: null,
  seats: 3,
  detourMinutes: 10,
  validFrom: '2026-01-01',
  validUntil: null,
  paused: false,
  ...over,
});

/** Thursday 26/11/2026, Middle → Near North, 8:00–9:00. */
export const request = (over: Partial<MatchableRequest> = {}): MatchableRequest => ({
  passengerId: 'person:passenger',
  fromInsee: '46002',
  toInsee: '46003',
  date: '2026-11-26',
  earliest: '08:00',
  latest: '09:00',
  seats: 1,
  cancelledAt: null,
  ...over,
});

/** Monday 23/11/2026 noon in Paris. */
export const NOW = new Date('2026-11-23T11:00:00Z');
