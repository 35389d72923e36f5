// Scenario 2 of SCENARIOS.md on the real gazetteer centres: Jean (Lacapelle-Marival → Figeac,
// Tuesday and Thursday 8:15, back 17:30, 10 minutes of detour) and Marie (Cardaillac → Figeac).
// eslint-disable-next-line no-restricted-imports -- the test (not the module) reads the generated gazetteer
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGazetteerIndex, communeByInsee } from '../gazetteer/search';
import type { GazetteerData } from '../gazetteer/types';
import { findCandidates } from './find-candidates';
import type { MatchContext } from './context';
import { haversineKm, type LonLat } from './geo';
import { isFrenchPublicHoliday } from '../schedule/holidays';
import { buildTripIndex } from './trip-index';
import type { MatchableRequest, MatchableTrip } from './types';

const file = new URL('../../../../data/gazetteer.json', import.meta.url);
if (!existsSync(file))
  throw new Error('data/gazetteer.json is missing: run `npm run gazetteer -- --if-missing` first.');
const gazetteer = buildGazetteerIndex(JSON.parse(readFileSync(file, 'utf8')) as GazetteerData);
const communes = (insee: string) => communeByInsee(gazetteer, insee);
const [LACAPELLE, CARDAILLAC, FIGEAC] = ['46143', '46057', '46102'];

const jean: MatchableTrip = {
  _id: 'trip:jean',
  driverId: 'person:jean',
  fromInsee: LACAPELLE,
  toInsee: FIGEAC,
  weekdays: [2, 4],
  departure: '08:15',
  returnDeparture: '17:30',
  seats: 3,
  detourMinutes: 10,
  validFrom: '2026-09-01',
  validUntil: null,
  paused: false,
};
const marie: MatchableRequest = {
  passengerId: 'person:marie',
  fromInsee: CARDAILLAC,
  toInsee: FIGEAC,
  date: '2026-11-26',
  earliest: '08:00',
  latest: '09:30',
  seats: 1,
  cancelledAt: null,
};
// Tuesday 24/11/2026, 10:43 in Paris (UTC+1 in November).
const now = new Date('2026-11-24T09:43:00Z');
const index = buildTripIndex([jean], communes);
const context: MatchContext = {
  communes,
  now,
  seatsTaken: new Map(),
  blockedPeople: new Set(),
  recentAsks: new Map(),
  holidays: isFrenchPublicHoliday,
};

describe('scenario 2: Jean takes Marie from Cardaillac to Figeac', () => {
  it('measures the straight lines between the real commune centres', () => {
    const [l, c, f] = [LACAPELLE, CARDAILLAC, FIGEAC].map((insee) => communes(insee)!);
    // The scenario rounds to 8.0 + 8.7 vs 15.3 km; the generated centres give 7.7 + 8.7 vs 15.1.
    const km = (a: LonLat, b: LonLat) => haversineKm(a.lon, a.lat, b.lon, b.lat);
    expect(km(l!, c!)).toBeCloseTo(7.71, 1);
    expect(km(c!, f!)).toBeCloseTo(8.7, 1);
    expect(km(l!, f!)).toBeCloseTo(15.1, 1);
  });

  it('offers Jean, who passes Cardaillac at 8:25 with a detour of about 2 minutes, for 1,20 EUR', () => {
    const result = findCandidates(marie, index, context);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.candidates).toHaveLength(1);
    const [candidate] = result.candidates;
    expect(candidate).toMatchObject({
      tripId: 'trip:jean',
      driverId: 'person:jean',
      leg: 'outbound',
      date: '2026-11-26',
      pickupTime: '08:25',
      dropoffTime: '08:37',
      seatsLeft: 3,
      contributionCents: 120,
    });
    expect(candidate!.detourMinutes).toBeGreaterThan(1.5);
    expect(candidate!.detourMinutes).toBeLessThan(2.5);
    expect(candidate!.passengerRoadKm).toBeCloseTo(11.7, 1);
  });

  it('finds no driver for her return around noon: Jean goes back at 17:30', () => {
    const back: MatchableRequest = {
      ...marie,
      fromInsee: FIGEAC,
      toInsee: CARDAILLAC,
      earliest: '11:30',
      latest: '12:30',
    };
    const result = findCandidates(back, index, context);
    expect(result).toMatchObject({ status: 'ok', candidates: [] });
  });

  it("offers Jean's way back for a return at the end of the afternoon", () => {
    const back: MatchableRequest = {
      ...marie,
      fromInsee: FIGEAC,
      toInsee: CARDAILLAC,
      earliest: '17:00',
      latest: '18:30',
    };
    const result = findCandidates(back, index, context);
    expect(result.status === 'ok' && result.candidates[0]).toMatchObject({
      leg: 'return',
      pickupTime: '17:30',
      dropoffTime: '17:42',
      contributionCents: 120,
    });
  });

  it('does not offer Jean on a Wednesday, when he does not drive', () => {
    const result = findCandidates({ ...marie, date: '2026-11-25' }, index, context);
    expect(result).toMatchObject({ status: 'ok', candidates: [] });
  });
});
