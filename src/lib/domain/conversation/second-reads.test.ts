import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchDoc } from '../documents/worker-docs';
import {
  askDriver,
  acceptProposal,
  findNoDriver,
  startSearching,
  type MatchState,
} from '../match/state';
import {
  cancelAckSms,
  HELP_SMS,
  NO_PROPOSAL_SMS,
  NOTHING_TO_CANCEL_SMS,
  PAUSE_SMS,
  RESUME_SMS,
} from '../sms-templates';
import { answerProposal, chooseCancellation, tripsPausedReply } from './second-reads';

const ASKED_AT = new Date('2026-11-24T09:43:00Z');
const NOW = new Date('2026-11-24T10:00:00Z'); // Tuesday 11:00 in Paris
const JEAN = 'person:jean-0001';
const MARIE = 'person:marie-0001';

const proposal = {
  driverId: JEAN,
  tripId: 'trip:jean-figeac',
  leg: 'outbound' as const,
  pickupTime: '08:25',
  contributionCents: 620,
  detourMinutes: 4,
  askedAt: ASKED_AT.toISOString(),
  deadline: '2026-11-24T10:43:00.000Z',
};
const searching = startSearching(ASKED_AT);
const asking = askDriver(searching, proposal);
const confirmed = acceptProposal(asking, ASKED_AT, 'ride:marie-aller-1');

function match(state: MatchState, id = 'match:marie-aller'): MatchDoc {
  return {
    _id: id,
    type: 'match',
    schema: 1,
    createdAt: ASKED_AT.toISOString(),
    createdBy: 'worker',
    updatedAt: ASKED_AT.toISOString(),
    updatedBy: 'worker',
    readers: ['role:coordinator'],
    requestId: `request:${id.slice(6)}`,
    passengerId: MARIE,
    state,
    wakeAt: null,
    requestRev: null,
  };
}
const thursday = { date: '2026-11-26', earliest: '08:00', latest: '09:30' };

describe('an OUI or NON to the open proposal', () => {
  it('confirms the ride of the attempt that was asked on OUI', () => {
    expect(answerProposal(match(asking), JEAN, 'accept', NOW)).toEqual({
      kind: 'move',
      outcome: 'accept',
      match: match(asking),
      next: {
        status: 'confirmed',
        tried: [],
        proposal: { ...proposal, attempt: 1 },
        rideId: 'ride:marie-aller-1',
        confirmedAt: NOW.toISOString(),
      },
    });
  });

  it('goes back to searching without that driver on NON', () => {
    expect(answerProposal(match(asking), JEAN, 'decline', NOW)).toEqual({
      kind: 'move',
      outcome: 'decline',
      match: match(asking),
      next: {
        status: 'searching',
        since: NOW.toISOString(),
        retryAt: null,
        tried: [{ driverId: JEAN, outcome: 'declined', at: NOW.toISOString() }],
      },
    });
  });

  it('is too late when the match is gone, moved on, or waits for someone else', () => {
    const late = { kind: 'late', reply: { text: NO_PROPOSAL_SMS, purpose: 'reply' } };
    expect(answerProposal(null, JEAN, 'accept', NOW)).toEqual({ ...late, outcome: 'accept-late' });
    expect(answerProposal(match(confirmed), JEAN, 'accept', NOW)).toMatchObject(late);
    expect(answerProposal(match(searching), JEAN, 'decline', NOW)).toEqual({
      ...late,
      outcome: 'decline-late',
    });
    expect(answerProposal(match(asking), MARIE, 'accept', NOW)).toMatchObject(late);
    expect(answerProposal(match(asking), null, 'accept', NOW)).toMatchObject(late);
  });
});

describe('ANNULER', () => {
  it('cancels a passenger’s request under way and tells them which day', () => {
    expect(chooseCancellation(MARIE, [{ match: match(asking), request: thursday }], NOW)).toEqual({
      kind: 'cancel',
      outcome: 'cancel-passenger',
      match: match(asking),
      next: {
        status: 'cancelled',
        at: NOW.toISOString(),
        by: 'passenger',
        was: asking,
        tried: [{ driverId: JEAN, outcome: 'withdrawn', at: NOW.toISOString() }],
      },
      reply: { text: cancelAckSms('2026-11-26'), purpose: 'reply' },
    });
    expect(
      chooseCancellation(MARIE, [{ match: match(searching), request: thursday }], NOW),
    ).toMatchObject({ next: { status: 'cancelled', was: searching, tried: [] } });
  });

  it('declines for a driver still asked, and withdraws a confirmed driver so the search goes on', () => {
    expect(
      chooseCancellation(JEAN, [{ match: match(asking), request: thursday }], NOW),
    ).toMatchObject({
      outcome: 'cancel-driver',
      next: { status: 'searching', tried: [{ driverId: JEAN, outcome: 'declined' }] },
    });
    expect(
      chooseCancellation(JEAN, [{ match: match(confirmed), request: thursday }], NOW),
    ).toMatchObject({
      outcome: 'cancel-driver',
      next: { status: 'searching', tried: [{ driverId: JEAN, outcome: 'driver-cancelled' }] },
    });
    // Marie cancelling the ride Jean confirmed cancels it for both.
    expect(
      chooseCancellation(MARIE, [{ match: match(confirmed), request: thursday }], NOW),
    ).toMatchObject({
      outcome: 'cancel-passenger',
      next: { status: 'cancelled', by: 'passenger' },
    });
  });

  it('takes the soonest one whose window is not over yet', () => {
    const earlier = {
      match: match(searching, 'match:early'),
      request: { ...thursday, date: '2026-11-25' },
    };
    const over = {
      match: match(searching, 'match:over'),
      request: { date: '2026-11-24', earliest: '09:00', latest: '10:59' }, // ended 10:59 Paris
    };
    const stillOn = {
      match: match(searching, 'match:on'),
      request: { date: '2026-11-24', earliest: '10:00', latest: '11:00' },
    };
    const later = { match: match(asking), request: thursday };
    expect(chooseCancellation(MARIE, [later, earlier, over], NOW)).toMatchObject({
      match: { _id: 'match:early' },
      reply: { text: cancelAckSms('2026-11-25') },
    });
    expect(chooseCancellation(MARIE, [later, stillOn, over], NOW)).toMatchObject({
      match: { _id: 'match:on' },
    });
  });

  it('finds nothing to cancel in past, cancelled or unmatched requests, nor in none', () => {
    const nothing = {
      kind: 'nothing',
      outcome: 'cancel-nothing',
      reply: { text: NOTHING_TO_CANCEL_SMS, purpose: 'reply' },
    };
    const cancelled = {
      status: 'cancelled' as const,
      at: NOW.toISOString(),
      by: 'passenger' as const,
      was: searching,
      tried: [],
    };
    expect(chooseCancellation(MARIE, [], NOW)).toEqual(nothing);
    expect(
      chooseCancellation(
        MARIE,
        [
          { match: match(cancelled), request: thursday },
          { match: match(findNoDriver(searching, NOW, 'personne')), request: thursday },
          {
            match: match(searching),
            request: { date: '2026-11-23', earliest: '08:00', latest: '09:00' },
          },
        ],
        NOW,
      ),
    ).toEqual(nothing);
  });

  it('always cancels the soonest request under way, whatever the order they are read in', () => {
    const day = fc.constantFrom('2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26');
    const time = fc.constantFrom('06:00', '09:00', '10:30', '11:30', '18:00');
    const state = fc.constantFrom<MatchState>(
      searching,
      asking,
      confirmed,
      findNoDriver(searching, NOW, 'x'),
    );
    const candidate = fc
      .tuple(day, time, time, state, fc.nat(1000))
      .filter(([, a, b]) => a < b)
      .map(([date, earliest, latest, s, n]) => ({
        match: match(s, `match:m${n}`),
        request: { date, earliest, latest },
      }));
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 6 }), (candidates) => {
        const open = candidates.filter(
          (c) =>
            ['searching', 'asking', 'confirmed'].includes(c.match.state.status) &&
            `${c.request.date} ${c.request.latest}` >= '2026-11-24 11:00',
        );
        const choice = chooseCancellation(MARIE, candidates, NOW);
        expect(choice.kind).toBe(open.length === 0 ? 'nothing' : 'cancel');
        if (choice.kind === 'nothing') return;
        const start = (r: { date: string; earliest: string }) => `${r.date} ${r.earliest}`;
        const chosen = candidates.find(
          (c) => choice.kind === 'cancel' && c.match === choice.match,
        )!;
        expect(open).toContain(chosen);
        for (const c of open) expect(start(chosen.request) <= start(c.request)).toBe(true);
      }),
    );
  });
});

describe('PAUSE and REPRISE once the trips are read', () => {
  it('say the trips are paused or resumed, and give the words to someone with no trip', () => {
    expect(tripsPausedReply(true, 2)).toEqual({
      outcome: 'pause',
      reply: { text: PAUSE_SMS, purpose: 'reply' },
    });
    expect(tripsPausedReply(false, 1)).toEqual({
      outcome: 'resume',
      reply: { text: RESUME_SMS, purpose: 'reply' },
    });
    expect(tripsPausedReply(true, 0)).toEqual({
      outcome: 'pause-no-trip',
      reply: { text: HELP_SMS, purpose: 'reply' },
    });
    // REPRISE without a trip still undoes STOP, and says so.
    expect(tripsPausedReply(false, 0)).toMatchObject({ outcome: 'resume' });
  });
});
