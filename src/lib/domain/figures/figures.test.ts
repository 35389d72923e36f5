// A small dataset reasoned through by hand (the expected numbers are written, not computed):
// November 2026 has 8 requests, two lines (Gramat–Figeac 30 km, Payrac–Souillac 15 km), three
// drivers; rides count as done up to 20 November.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FigureMatch, FigureRequest, FigureRide } from './figures';
import { median, topFifthShare } from './figures';
import { figuresByLine, figuresByMonth, monthsBetween, registeredByAccount } from './grouped';

const A = '46128'; // Gramat
const B = '46102'; // Figeac
const C = '46215'; // Payrac
const D = '46309'; // Souillac
const KM: Record<string, number> = { [`${B}-${A}`]: 30, [`${C}-${D}`]: 15 };
const roadKm = (x: string, y: string) => KM[x < y ? `${x}-${y}` : `${y}-${x}`] ?? NaN;
const context = { roadKm, co2KgPerKm: 0.2, asOf: '2026-11-20' };

const request = (
  n: number,
  from: string,
  to: string,
  date: string,
  createdAt: string,
): FigureRequest => ({
  _id: `request:r${n}`,
  passengerId: `person:p${n}`,
  fromInsee: from,
  toInsee: to,
  date,
  createdAt,
  cancelledAt: null,
});
const proposal = {
  driverId: 'person:d1',
  tripId: 'trip:t1',
  leg: 'outbound' as const,
  pickupTime: '08:00',
  contributionCents: 300,
  detourMinutes: 0,
  attempt: 1,
  askedAt: '2026-11-01T00:00:00.000Z',
  deadline: '2026-11-01T01:00:00.000Z',
};
const confirmed = (n: number, at: string): FigureMatch => ({
  requestId: `request:r${n}`,
  state: { status: 'confirmed', proposal, rideId: `ride:r${n}`, confirmedAt: at, tried: [] },
});
const ride = (
  n: number,
  driver: string,
  passenger: string,
  date: string,
  [from, to]: [string, string],
  seats = 1,
  cancelledAt: string | null = null,
): FigureRide => ({
  _id: `ride:r${n}`,
  requestId: `request:r${n}`,
  driverId: `person:${driver}`,
  passengerId: `person:${passenger}`,
  date,
  pickupInsee: from,
  dropoffInsee: to,
  seats,
  cancelledAt,
});

const data = {
  requests: [
    request(1, A, B, '2026-11-03', '2026-11-02T08:00:00.000Z'),
    request(2, A, B, '2026-11-05', '2026-11-04T09:00:00.000Z'),
    request(3, C, D, '2026-11-10', '2026-11-09T07:00:00.000Z'),
    request(4, C, D, '2026-11-12', '2026-11-11T10:00:00.000Z'),
    request(5, B, A, '2026-11-18', '2026-11-17T12:00:00.000Z'),
    request(6, A, B, '2026-11-25', '2026-11-20T08:00:00.000Z'),
    request(7, A, B, '2026-11-06', '2026-11-05T08:00:00.000Z'),
    request(8, A, B, '2026-11-07', '2026-11-06T08:00:00.000Z'),
    request(9, C, D, '2026-12-02', '2026-11-30T20:00:00.000Z'),
  ],
  matches: [
    confirmed(1, '2026-11-02T08:06:00.000Z'), // 6 min
    confirmed(2, '2026-11-04T09:10:00.000Z'), // 10 min
    {
      requestId: 'request:r3',
      state: { status: 'unmatched', at: '2026-11-09T07:02:00.000Z', reason: 'none', tried: [] },
    }, // 2 min, answered but not served
    {
      requestId: 'request:r4',
      state: { status: 'searching', since: '2026-11-11T10:00:00.000Z', retryAt: null, tried: [] },
    }, // not answered
    confirmed(5, '2026-11-17T12:30:00.000Z'), // 30 min
    confirmed(6, '2026-11-20T08:04:00.000Z'), // 4 min
    {
      requestId: 'request:r7',
      state: {
        status: 'cancelled',
        at: '2026-11-05T18:00:00.000Z',
        by: 'passenger',
        was: {
          status: 'confirmed',
          proposal,
          rideId: 'ride:r7',
          confirmedAt: '2026-11-05T08:20:00.000Z',
          tried: [],
        },
        tried: [],
      },
    }, // 20 min
    confirmed(8, '2026-11-06T08:08:00.000Z'), // 8 min
  ] satisfies FigureMatch[],
  rides: [
    ride(1, 'd1', 'p1', '2026-11-03', [A, B]),
    ride(2, 'd1', 'p2', '2026-11-05', [A, B], 2),
    ride(5, 'd2', 'p1', '2026-11-18', [B, A]),
    ride(6, 'd3', 'p3', '2026-11-25', [A, B]), // after 20 November: not done yet
    ride(7, 'd2', 'p7', '2026-11-06', [A, B], 1, '2026-11-05T18:00:00.000Z'),
    ride(8, 'd1', 'p4', '2026-11-07', [A, B]),
  ],
};

describe('figuresByMonth', () => {
  const [october, november, december] = figuresByMonth(
    data,
    ['2026-10', '2026-11', '2026-12'],
    context,
  );

  it('counts November as worked out by hand', () => {
    expect(november?.key).toBe('2026-11');
    expect(november?.figures).toEqual({
      requests: 8,
      answered: 7, // all but r4, still searching
      answeredShare: 0.875,
      served: 5, // r1 r2 r5 r6 r8: r7's ride was cancelled
      servedShare: 0.625,
      medianAnswerMinutes: 8, // 2 4 6 [8] 10 20 30
      ridesDone: 4, // r1 r2 r5 r8
      passengersServed: 3, // p1 twice, p2, p4
      distinctDrivers: 2, // d1 three rides, d2 one
      topFifthShare: 0.75, // one driver in five, rounded up: d1, 3 of 4
      kmShared: 150, // 30 + 30 × 2 seats + 30 + 30
      co2AvoidedKg: 30, // 150 × 0.2
    });
  });

  it('gives December its one unanswered request and October zeros, with no shares to divide', () => {
    expect(december?.figures).toMatchObject({
      requests: 1,
      answered: 0,
      answeredShare: 0,
      medianAnswerMinutes: null,
      ridesDone: 0,
      topFifthShare: null,
    });
    expect(october?.figures).toMatchObject({ requests: 0, answeredShare: null, servedShare: null });
  });
});

describe('figuresByLine', () => {
  it('splits November between the two lines, busiest first, whichever way people travel', () => {
    const rows = figuresByLine(data, { from: '2026-11-01', to: '2026-11-30' }, context);
    expect(rows.map((r) => r.key)).toEqual([`${B}-${A}`, `${C}-${D}`]);
    expect(rows[0]?.figures).toMatchObject({
      requests: 6, // r1 r2 r5 r6 r7 r8
      answered: 6,
      medianAnswerMinutes: 9, // 4 6 [8 10] 20 30
      served: 5,
      ridesDone: 4,
      kmShared: 150,
    });
    expect(rows[1]?.figures).toMatchObject({
      requests: 2,
      answered: 1,
      medianAnswerMinutes: 2,
      served: 0,
      ridesDone: 0,
      kmShared: 0,
    });
  });
});

describe('registeredByAccount', () => {
  it('counts people per account and month, in Paris time', () => {
    const persons = [
      { createdBy: 'sophie', createdAt: '2026-11-03T10:00:00.000Z' },
      { createdBy: 'sophie', createdAt: '2026-11-30T23:30:00.000Z' }, // 1 December in Paris
      { createdBy: 'paul', createdAt: '2026-11-15T09:00:00.000Z' },
      { createdBy: 'coordination', createdAt: '2026-10-10T09:00:00.000Z' },
    ];
    expect(registeredByAccount(persons, ['2026-11', '2026-12'])).toEqual([
      { account: 'paul', counts: [1, 0] },
      { account: 'sophie', counts: [1, 1] },
    ]);
  });
});

describe('helpers', () => {
  it('lists the months of a period across a new year', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('never gives the most active fifth less than their headcount share, nor more than all (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 40 }),
        (counts) => {
          const s = topFifthShare(counts)!;
          expect(s).toBeGreaterThanOrEqual(Math.ceil(counts.length / 5) / counts.length - 1e-12);
          expect(s).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
