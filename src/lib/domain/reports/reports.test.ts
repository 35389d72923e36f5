// One small year worked out by hand: Gramat–Figeac 30 km, Payrac–Souillac 15 km and a 1.5 km hop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDataCsv, openDataRows, SUPPRESSED_BELOW } from './open-data';
import { attestation, mileageCsv, mileageStatements } from './people';
import { prefectReport, prefectReportCsv } from './prefect';
import { checkJourneys, journeyOf, registryJourneySchema, type RegistryContext } from './registry';
import type { ReportRide } from './rides';

const A = '46128';
const B = '46102';
const C = '46215';
const D = '46309';
const E = '46129';
const KM: Record<string, number> = { [`${B}-${A}`]: 30, [`${C}-${D}`]: 15, [`${A}-${E}`]: 1.5 };
const roadKm = (x: string, y: string) => KM[x < y ? `${x}-${y}` : `${y}-${x}`] ?? NaN;

let n = 0;
const ride = (
  driver: string,
  passenger: string,
  [from, to]: [string, string],
  date: string,
  pickupTime: string,
  over: Partial<ReportRide> = {},
): ReportRide => {
  n += 1;
  return {
    _id: `ride:r${n}`,
    requestId: `request:r${n}`,
    tripId: `trip:${driver}`,
    driverId: `person:${driver}`,
    passengerId: `person:${passenger}`,
    date,
    pickupTime,
    pickupInsee: from,
    dropoffInsee: to,
    seats: 1,
    contributionCents: 300,
    cancelledAt: null,
    ...over,
  };
};

const rides = [
  ride('d1', 'p1', [A, B], '2026-03-02', '08:00'),
  ride('d1', 'p2', [A, B], '2026-03-02', '08:00'), // same car trip, a second passenger
  ride('d2', 'p1', [C, D], '2026-06-10', '17:00', { contributionCents: 150 }),
  ride('d2', 'p3', [C, D], '2026-06-12', '17:00', { cancelledAt: '2026-06-11T08:00:00.000Z' }),
  ride('d1', 'p1', [A, B], '2027-01-05', '08:00'), // next year
  ride('d2', 'p3', [A, E], '2026-06-11', '09:00', { contributionCents: 0 }),
];

describe('prefectReport', () => {
  it('counts the drivers, beneficiaries, trips and average distance of the year', () => {
    const report = prefectReport(rides, 2026, roadKm);
    // rides 1, 2, 3 and 6: 30 + 30 + 15 + 1.5 = 76.5 km over 4 trips
    expect(report).toEqual({
      year: 2026,
      drivers: 2,
      beneficiaries: 3,
      trips: 4,
      averageKm: 19.125,
      totalKm: 76.5,
    });
    expect(prefectReportCsv(report)).toBe(
      'annee;conducteurs;beneficiaires;trajets;distance_moyenne_km;distance_totale_km\r\n' +
        '2026;2;3;4;19,1;76,5\r\n',
    );
  });
});

const centres: Record<string, { lon: number; lat: number }> = {
  [A]: { lon: 1.72, lat: 44.78 },
  [B]: { lon: 2.03, lat: 44.61 },
  [C]: { lon: 1.47, lat: 44.79 },
  [D]: { lon: 1.47, lat: 44.9 },
  [E]: { lon: 1.7, lat: 44.79 },
};
const people: Record<
  string,
  { _id: string; phone: string | null; phoneKind: 'mobile' | 'landline' | 'none' }
> = {
  'person:p1': { _id: 'person:p1', phone: '+33639980001', phoneKind: 'mobile' },
  'person:p2': { _id: 'person:p2', phone: '+33536490002', phoneKind: 'landline' },
  'person:d1': { _id: 'person:d1', phone: '+33639980011', phoneKind: 'mobile' },
};
const context = (now: string): RegistryContext => ({
  roadKm,
  centreOf: (insee) => centres[insee],
  personOf: (id) => people[id],
  requestOf: () => ({ channel: 'sms' }),
  now: new Date(now),
  speedKmh: 60,
});

describe('registry journeys', () => {
  it('fills the v3.3 fields of a ride, in metres and euro cents', () => {
    const journey = journeyOf(rides[0]!, context('2026-03-02T12:00:00.000Z'));
    expect(journey).toEqual({
      operator_journey_id: 'ride:r1',
      operator_trip_id: 'trip:d1:2026-03-02',
      operator_class: 'B',
      start: { datetime: '2026-03-02T07:00:00.000Z', lat: 44.78, lon: 1.72 }, // 8:00 in Paris
      end: { datetime: '2026-03-02T07:30:00.000Z', lat: 44.61, lon: 2.03 }, // 30 km at 60 km/h
      distance: 30000,
      driver: {
        identity: { operator_user_id: 'person:d1', phone_trunc: '+336399800' },
        revenue: 300,
      },
      passenger: {
        identity: { operator_user_id: 'person:p1', phone_trunc: '+336399800' },
        contribution: 300,
        seats: 1,
      },
      incentives: [],
    });
    expect(registryJourneySchema.safeParse(journey).success).toBe(true);
  });

  it('gives class A to a ride whose passenger could only confirm by phone', () => {
    expect(journeyOf(rides[1]!, context('2026-03-02T12:00:00.000Z'))?.operator_class).toBe('A');
    const byPhone = {
      ...context('2026-03-02T12:00:00.000Z'),
      requestOf: () => ({ channel: 'phone' as const }),
    };
    expect(journeyOf(rides[0]!, byPhone)?.operator_class).toBe('A');
  });

  it('refuses a journey the registry would refuse by its shape', () => {
    const journey = journeyOf(rides[0]!, context('2026-03-02T12:00:00.000Z'))!;
    expect(registryJourneySchema.safeParse({ ...journey, distance: -1 }).success).toBe(false);
    expect(registryJourneySchema.safeParse({ ...journey, operator_class: 'D' }).success).toBe(
      false,
    );
  });

  it('flags a hop under 2 km and journeys sent more than 24 h after their start', () => {
    const ctx = context('2026-06-11T10:00:00.000Z');
    const journeys = [rides[0]!, rides[1]!, rides[2]!, rides[5]!].map((r) => journeyOf(r, ctx)!);
    expect(checkJourneys(journeys, ctx.now).map((c) => c.rejections)).toEqual([
      ['late'], // March; the two passengers of one car trip are not "too close"
      ['late'],
      [], // 10 June 17:00 in Paris, 19 hours before
      ['short'], // 1.5 km, 3 hours before
    ]);
  });

  it('flags a person with more than 4 trips a day, and two of theirs under 30 minutes apart', () => {
    const ctx = context('2026-06-10T20:00:00.000Z');
    const day = ['08:00', '08:20', '10:00', '12:00', '14:00'].map((time, i) =>
      journeyOf(ride(`x${i}`, 'p9', [A, B], '2026-06-10', time), ctx)!,
    );
    expect(checkJourneys(day, ctx.now).map((c) => c.rejections)).toEqual([
      ['too-many', 'too-close'],
      ['too-many', 'too-close'],
      ['too-many'],
      ['too-many'],
      ['too-many'],
    ]);
    expect(checkJourneys(day.slice(2), ctx.now).map((c) => c.rejections)).toEqual([[], [], []]);
  });
});

describe('open data', () => {
  const request = (from: string, to: string) => ({
    fromInsee: from,
    toInsee: to,
    date: '2026-03-10',
    cancelledAt: null,
  });
  it('publishes counts per line and month and suppresses every count under 5', () => {
    const requests = [...Array(5).fill(request(A, B)), ...Array(4).fill(request(C, D))];
    const rows = openDataRows(requests, rides, '2026-01-01', '2026-12-31');
    // Gramat–Figeac: 5 requests, 2 rides (hidden); Payrac–Souillac: 4 requests, no row at all
    // (June's single ride on it is hidden too).
    expect(rows).toEqual([{ month: '2026-03', a: B, b: A, requests: 5, rides: null }]);
    expect(openDataCsv(rows)).toBe(
      'mois,insee_a,insee_b,demandes,trajets\r\n2026-03,46102,46128,5,\r\n',
    );
  });

  it('never publishes a count between 1 and 4 (property)', () => {
    const insee = fc.constantFrom(A, B, C, D);
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: insee, to: insee, day: fc.integer({ min: 1, max: 28 }) }), {
          maxLength: 60,
        }),
        (specs) => {
          const requests = specs
            .filter((s) => s.from !== s.to)
            .map((s) => ({
              ...request(s.from, s.to),
              date: `2026-0${1 + (s.day % 3)}-${String(s.day).padStart(2, '0')}`,
            }));
          for (const row of openDataRows(requests, [], '2026-01-01', '2026-12-31')) {
            expect(row.requests === null || row.requests >= SUPPRESSED_BELOW).toBe(true);
          }
        },
      ),
    );
  });
});

describe('papers for one person', () => {
  it('attests a passenger’s rides, km and contributions over a period', () => {
    expect(attestation(rides, 'person:p1', '2026-01-01', '2026-12-31', roadKm)).toMatchObject({
      rides: 2,
      km: 45,
      paidCents: 450,
      receivedCents: 0,
    });
    expect(attestation(rides, 'person:d1', '2026-01-01', '2026-12-31', roadKm)).toMatchObject({
      rides: 2,
      km: 60,
      paidCents: 0,
      receivedCents: 600,
    });
  });

  it('states each driver’s year, with a tax receipt only for one who gave up contributions', () => {
    const statements = mileageStatements(rides, 2026, roadKm, {
      volunteerCentsPerKm: 35,
      waivedDriverIds: new Set(['person:d2']),
    });
    expect(statements).toEqual([
      {
        driverId: 'person:d1',
        year: 2026,
        rides: 2,
        km: 60,
        contributionsCents: 600,
        receiptCents: null,
      },
      // 15 + 1.5 km at 35 c: 577.5 → 578
      {
        driverId: 'person:d2',
        year: 2026,
        rides: 2,
        km: 16.5,
        contributionsCents: 150,
        receiptCents: 578,
      },
    ]);
    expect(mileageCsv(statements, (id) => id.slice(7))).toBe(
      'annee;conducteur;trajets;km;participations_recues_eur;recu_fiscal_eur\r\n' +
        '2026;d1;2;60,0;6,00;\r\n2026;d2;2;16,5;1,50;5,78\r\n',
    );
  });
});
