import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerDeadline, instantOf } from './deadline';
import {
  acceptProposal,
  askDriver,
  cancelRequest,
  declineProposal,
  driverCancels,
  driversTried,
  expireProposal,
  findNoDriver,
  startSearching,
  wakeAtOf,
  waitForDrivers,
  type Asking,
  type MatchState,
} from './state';

const t0 = new Date('2026-11-23T09:43:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const proposal = (driverId: string, deadline = later(60)) => ({
  driverId,
  tripId: `trip:${driverId}`,
  leg: 'outbound' as const,
  pickupTime: '08:26',
  contributionCents: 120,
  detourMinutes: 2,
  askedAt: t0.toISOString(),
  deadline: deadline.toISOString(),
});

describe('request state machine', () => {
  it('goes from NON to a timeout to OUI, remembering who was asked (scenario 5)', () => {
    let s: MatchState = askDriver(startSearching(t0), proposal('a'));
    expect(s.proposal.attempt).toBe(1);
    const second = askDriver(declineProposal(s, later(5)), proposal('b', later(65)));
    expect(second.proposal.attempt).toBe(2);
    expect(() => expireProposal(second, later(64))).toThrow(RangeError);
    const third = askDriver(expireProposal(second, later(66)), proposal('c', later(130)));
    s = acceptProposal(third, later(70), 'ride:x-3');
    expect(s).toMatchObject({
      status: 'confirmed',
      rideId: 'ride:x-3',
      proposal: { driverId: 'c', attempt: 3 },
    });
    expect(s.tried.map((t) => [t.driverId, t.outcome])).toEqual([
      ['a', 'declined'],
      ['b', 'timeout'],
    ]);
    expect([...driversTried(s)]).toEqual(['a', 'b']);
  });

  it('wakes an asked request at its deadline and a waiting one at its retry time', () => {
    const asking = askDriver(startSearching(t0), proposal('a'));
    expect(wakeAtOf(asking)).toBe(later(60).toISOString());
    expect(wakeAtOf(waitForDrivers(startSearching(t0), later(10)))).toBe(later(10).toISOString());
    expect(wakeAtOf(findNoDriver(startSearching(t0), t0, 'aucun trajet'))).toBeNull();
  });

  it('keeps what was under way in a cancellation, so the driver asked is told', () => {
    const asking = askDriver(startSearching(t0), proposal('a'));
    const cancelled = cancelRequest(asking, later(3), 'passenger');
    expect(cancelled.was).toBe(asking);
    expect(cancelled.tried).toEqual([
      { driverId: 'a', outcome: 'withdrawn', at: later(3).toISOString() },
    ]);
    const confirmed = acceptProposal(
      askDriver(startSearching(t0), proposal('b')),
      later(1),
      'ride:r',
    );
    expect(driverCancels(confirmed, later(2))).toMatchObject({
      status: 'searching',
      tried: [{ driverId: 'b', outcome: 'driver-cancelled' }],
    });
  });

  it('refuses impossible transitions at compile time', () => {
    const searching = startSearching(t0);
    const asking: Asking = askDriver(searching, proposal('a'));
    const confirmed = acceptProposal(asking, t0, 'ride:r');
    const cancelled = cancelRequest(confirmed, t0, 'coordinator');
    // @ts-expect-error nobody was asked: there is nothing to accept
    acceptProposal(searching, t0, 'ride:r');
    // @ts-expect-error a confirmed ride cannot be declined, only cancelled
    declineProposal(confirmed, t0);
    // @ts-expect-error a cancelled request is never cancelled twice
    cancelRequest(cancelled, t0, 'passenger');
    // @ts-expect-error a driver already asked cannot be asked again before an answer
    askDriver(asking, proposal('b'));
    expect(cancelled.status).toBe('cancelled');
  });

  it('numbers attempts one after the other whatever the answers', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('decline', 'expire'), { maxLength: 12 }), (answers) => {
        let s = startSearching(t0);
        answers.forEach((answer, i) => {
          const asked = askDriver(s, proposal(`d${i}`, later(i)));
          expect(asked.proposal.attempt).toBe(i + 1);
          s =
            answer === 'decline'
              ? declineProposal(asked, later(i))
              : expireProposal(asked, later(i));
        });
        expect(s.tried).toHaveLength(answers.length);
      }),
    );
  });
});

describe('answer deadline', () => {
  it('gives a driver an hour, but never past an hour before the pickup', () => {
    const pickup = instantOf('2026-11-26', '08:26');
    expect(pickup.toISOString()).toBe('2026-11-26T07:26:00.000Z');
    expect(answerDeadline(t0, pickup)?.toISOString()).toBe(later(60).toISOString());
    const soon = new Date('2026-11-26T05:56:00Z');
    expect(answerDeadline(soon, pickup)?.toISOString()).toBe('2026-11-26T06:26:00.000Z');
    expect(answerDeadline(new Date('2026-11-26T06:20:00Z'), pickup)).toBeNull();
  });

  it('reads pickup times in Paris time, summer and winter', () => {
    expect(instantOf('2026-07-01', '09:00').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(instantOf('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z');
  });
});
