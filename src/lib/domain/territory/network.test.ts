import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roadKmBetween } from './distance';
import { besideSegment, networkFeatures, UNMET_BESIDE_KM } from './geojson';
import {
  ALL_TIME,
  buildNetwork,
  lineKey,
  lineWidth,
  type NetworkFilter,
  type NetworkRequest,
  type NetworkTrip,
} from './network';

const GRAMAT = '46128';
const FIGEAC = '46102';
const PAYRAC = '46215';
const SOUILLAC = '46309';

const trip = (id: string, over: Partial<NetworkTrip> = {}): NetworkTrip => ({
  _id: `trip:${id}`,
  driverId: 'person:driver1',
  fromInsee: GRAMAT,
  toInsee: FIGEAC,
  weekdays: [1, 2, 3, 4, 5],
  departure: '08:00',
  returnDeparture: null,
  seats: 3,
  paused: false,
  validFrom: '2026-01-01',
  validUntil: null,
  ...over,
});

const request = (id: string, over: Partial<NetworkRequest> = {}): NetworkRequest => ({
  _id: `request:${id}`,
  passengerId: 'person:passenger1',
  fromInsee: PAYRAC,
  toInsee: SOUILLAC,
  date: '2026-11-24', // a Tuesday
  cancelledAt: null,
  ...over,
});

const NOVEMBER: NetworkFilter = { from: '2026-11-01', to: '2026-11-30', weekdays: [] };

describe('buildNetwork', () => {
  it('counts the seats a week of a trip, twice when it comes back', () => {
    const network = buildNetwork(
      [
        trip('aaaaaa'),
        trip('bbbbbb', {
          fromInsee: FIGEAC,
          toInsee: GRAMAT,
          returnDeparture: '17:00',
          seats: 2,
          weekdays: [2],
        }),
      ],
      [],
      [],
      NOVEMBER,
    );
    expect(network.lines).toHaveLength(1);
    // 3 seats × 5 days + 2 seats × 1 day × 2 legs
    expect(network.lines[0]).toMatchObject({ key: `${FIGEAC}-${GRAMAT}`, seatsPerWeek: 19 });
    expect(network.maxSeatsPerWeek).toBe(19);
  });

  it('keeps only the chosen weekdays, and leaves out paused trips and those outside the period', () => {
    const network = buildNetwork(
      [
        trip('aaaaaa'),
        trip('pppppp', { paused: true }),
        trip('oldold', { validUntil: '2026-10-31' }),
        trip('future', { validFrom: '2026-12-01' }),
        trip('sunday', { weekdays: [7] }),
      ],
      [],
      [],
      { ...NOVEMBER, weekdays: [1, 6] },
    );
    expect(network.lines[0]?.tripIds).toEqual(['trip:aaaaaa']);
    expect(network.lines[0]?.seatsPerWeek).toBe(3);
  });

  it('shows as unmet a request of the period with no ride, as the red Payrac–Souillac line of scenario 3', () => {
    const network = buildNetwork(
      [trip('aaaaaa')],
      [
        request('kevin1'),
        request('served', { fromInsee: GRAMAT, toInsee: FIGEAC }),
        request('cancel', { cancelledAt: '2026-11-20T10:00:00Z' }),
        request('before', { date: '2026-10-31' }),
        request('ridecx', { date: '2026-11-25' }),
      ],
      [
        { requestId: 'request:served', cancelledAt: null },
        { requestId: 'request:ridecx', cancelledAt: '2026-11-24T09:00:00Z' },
      ],
      NOVEMBER,
    );
    const payrac = network.lines.find((l) => l.key === lineKey(PAYRAC, SOUILLAC));
    expect(payrac).toMatchObject({
      seatsPerWeek: 0,
      requestIds: ['request:kevin1', 'request:ridecx'],
      unmetRequestIds: ['request:kevin1', 'request:ridecx'],
    });
    expect(network.lines[0]?.key).toBe(payrac?.key); // most unmet first
    const gramat = network.lines.find((l) => l.key === lineKey(GRAMAT, FIGEAC));
    expect(gramat?.unmetRequestIds).toEqual([]);
    expect(network.communes.get(SOUILLAC)?.unmetRequestIds).toHaveLength(2);
    expect(network.communes.get(GRAMAT)).toMatchObject({
      tripIds: ['trip:aaaaaa'],
      requestIds: ['request:served'],
    });
  });

  it('filters requests by the weekday of their date', () => {
    const network = buildNetwork(
      [],
      [request('tuesdy'), request('wednes', { date: '2026-11-25' })],
      [],
      {
        ...NOVEMBER,
        weekdays: [3],
      },
    );
    expect(network.lines[0]?.requestIds).toEqual(['request:wednes']);
  });

  it('never counts a request twice nor more unmet than asked (property)', () => {
    const insee = fc.constantFrom(GRAMAT, FIGEAC, PAYRAC, SOUILLAC);
    const anyRequest = fc
      .record({ from: insee, to: insee, day: fc.integer({ min: 1, max: 30 }), ride: fc.boolean() })
      .filter((r) => r.from !== r.to);
    fc.assert(
      fc.property(fc.array(anyRequest, { maxLength: 30 }), (specs) => {
        const requests = specs.map((s, i) =>
          request(`r${String(i).padStart(5, '0')}`, {
            fromInsee: s.from,
            toInsee: s.to,
            date: `2026-11-${String(s.day).padStart(2, '0')}`,
          }),
        );
        const rides = requests
          .filter((_, i) => specs[i]?.ride)
          .map((r) => ({ requestId: r._id, cancelledAt: null }));
        const network = buildNetwork([], requests, rides, NOVEMBER);
        const counted = network.lines.flatMap((l) => l.requestIds);
        expect(new Set(counted).size).toBe(requests.length);
        expect(counted).toHaveLength(requests.length);
        const unmet = network.lines.reduce((n, l) => n + l.unmetRequestIds.length, 0);
        expect(unmet).toBe(requests.length - rides.length);
      }),
    );
  });
});

describe('ALL_TIME', () => {
  it('holds every line feature any period and weekdays can show (property)', () => {
    const insee = fc.constantFrom(GRAMAT, FIGEAC, PAYRAC, SOUILLAC);
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
    const anyTrip = fc.record({
      from: insee,
      to: insee,
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
      paused: fc.boolean(),
      validFrom: day,
      validUntil: fc.option(day),
    });
    const anyRequest = fc.record({
      from: insee,
      to: insee,
      date: day,
      cancelled: fc.boolean(),
      ride: fc.boolean(),
    });
    const anyFilter = fc
      .record({ a: day, b: day, weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 })) })
      .map(({ a, b, weekdays }) => ({ from: a < b ? a : b, to: a < b ? b : a, weekdays }));
    // Souillac has no known centre: its lines are left out of both.
    const centres: Record<string, { lon: number; lat: number }> = {
      [GRAMAT]: { lon: 1.72, lat: 44.78 },
      [FIGEAC]: { lon: 2.03, lat: 44.61 },
      [PAYRAC]: { lon: 1.47, lat: 44.79 },
    };
    const centreOf = (code: string) => centres[code];
    fc.assert(
      fc.property(
        fc.array(anyTrip, { maxLength: 8 }),
        fc.array(anyRequest, { maxLength: 12 }),
        anyFilter,
        (tripSpecs, requestSpecs, filter) => {
          const trips = tripSpecs
            .filter((t) => t.from !== t.to)
            .map((t, i) =>
              trip(`t${String(i).padStart(5, '0')}`, {
                fromInsee: t.from,
                toInsee: t.to,
                weekdays: t.weekdays,
                paused: t.paused,
                validFrom: t.validFrom,
                validUntil: t.validUntil,
              }),
            );
          const requests = requestSpecs
            .filter((r) => r.from !== r.to)
            .map((r, i) =>
              request(`r${String(i).padStart(5, '0')}`, {
                fromInsee: r.from,
                toInsee: r.to,
                date: r.date,
                cancelledAt: r.cancelled ? '2026-01-01T00:00:00.000Z' : null,
              }),
            );
          const rides = requests
            .filter((_, i) => requestSpecs[i]?.ride)
            .map((r) => ({ requestId: r._id, cancelledAt: null }));
          const ids = (f: NetworkFilter) =>
            networkFeatures(buildNetwork(trips, requests, rides, f), centreOf).features.map(
              (feature) => feature.properties.id,
            );
          const all = new Set(ids(ALL_TIME));
          for (const id of ids(filter)) expect(all).toContain(id);
        },
      ),
    );
  });
});

describe('lineWidth', () => {
  it('grows with the seats offered and stays between 2 and 12 pixels', () => {
    expect(lineWidth(0, 40)).toBe(2);
    expect(lineWidth(10, 40)).toBe(7.5);
    expect(lineWidth(40, 40)).toBe(12);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), (max, s) => {
        const w = lineWidth(Math.min(s, max), max);
        expect(w).toBeGreaterThanOrEqual(2);
        expect(w).toBeLessThanOrEqual(12);
      }),
    );
  });
});

describe('networkFeatures', () => {
  it('draws an offered line and its unmet demand as two features, skipping unknown communes', () => {
    const network = buildNetwork(
      [trip('aaaaaa')],
      [
        request('kevin1', { fromInsee: GRAMAT, toInsee: FIGEAC }),
        request('nowher', { toInsee: '46999' }),
      ],
      [],
      NOVEMBER,
    );
    const centres: Record<string, { lon: number; lat: number }> = {
      [GRAMAT]: { lon: 1.72, lat: 44.78 },
      [FIGEAC]: { lon: 2.03, lat: 44.61 },
      [PAYRAC]: { lon: 1.47, lat: 44.79 },
    };
    const features = networkFeatures(network, (insee) => centres[insee]).features;
    expect(features.map((f) => f.properties.kind)).toEqual(['offer', 'unmet']);
    expect(features[0]?.geometry.coordinates).toEqual([
      [2.03, 44.61],
      [1.72, 44.78],
    ]);
    expect(features[0]?.properties).toMatchObject({ seatsPerWeek: 15, width: 12 });
    // One unmet request is not drawn as wide as the busiest line: widths count from 5 requests.
    expect(features[1]?.properties).toMatchObject({ kind: 'unmet', unmet: 1, width: 7 });
    expect(features[1]?.geometry.coordinates).toEqual(
      besideSegment({ lon: 2.03, lat: 44.61 }, { lon: 1.72, lat: 44.78 }, UNMET_BESIDE_KM),
    );
  });

  it('runs the unmet line 1 km to the right of the offered one, parallel and as long', () => {
    const km = (p: number[], q: number[]) => {
      const cos = Math.cos((((p[1]! + q[1]!) / 2) * Math.PI) / 180);
      return Math.hypot((q[0]! - p[0]!) * cos, q[1]! - p[1]!) * 111.32;
    };
    // Going north: the right is the east, at the same latitudes.
    const north = besideSegment({ lon: 1.5, lat: 44.5 }, { lon: 1.5, lat: 44.9 }, 1);
    expect(north[0]![0]).toBeGreaterThan(1.5);
    expect(north[0]![1]).toBeCloseTo(44.5, 9);
    expect(km([1.5, 44.5], north[0]!)).toBeCloseTo(1, 2);
    // Any direction: both ends 1 km away, and the segment keeps its length.
    const a = { lon: 2.03, lat: 44.61 };
    const b = { lon: 1.72, lat: 44.78 };
    const [a2, b2] = besideSegment(a, b, 1);
    expect(km([a.lon, a.lat], a2!)).toBeCloseTo(1, 2);
    expect(km([b.lon, b.lat], b2!)).toBeCloseTo(1, 2);
    expect(km(a2!, b2!)).toBeCloseTo(km([a.lon, a.lat], [b.lon, b.lat]), 1);
    // Going back the other way puts it on the other side.
    const [back] = besideSegment(b, a, 1);
    expect(km(back!, a2!)).toBeGreaterThan(km([b.lon, b.lat], a2!));
  });
});

describe('roadKmBetween', () => {
  it('multiplies the straight line by the road factor, and counts an unknown commune 0 km', () => {
    const centres: Record<string, { lon: number; lat: number }> = {
      [GRAMAT]: { lon: 0, lat: 0 },
      [FIGEAC]: { lon: 0, lat: 1 }, // one degree of latitude: 111.2 km
    };
    const road = roadKmBetween((insee) => centres[insee], 1.35);
    expect(road(GRAMAT, FIGEAC)).toBeCloseTo(111.19 * 1.35, 1);
    expect(road(GRAMAT, PAYRAC)).toBe(0);
  });
});
