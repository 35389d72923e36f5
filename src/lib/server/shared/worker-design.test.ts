import { parse } from 'acorn';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  acceptProposal,
  askDriver,
  asksIn,
  cancelRequest,
  declineProposal,
  driverCancels,
  startSearching,
  type MatchState,
} from '../../domain/match';
import { workerDesignDoc } from './worker-design';

const design = workerDesignDoc();

function emitted(view: keyof typeof design.views, docs: unknown[]): unknown[][] {
  const out: unknown[][] = [];
  const fn = vm.runInNewContext(`(${design.views[view].map})`, {
    emit: (key: unknown, value: unknown) => out.push([key, value]),
  }) as (doc: unknown) => void;
  for (const doc of docs) fn(doc);
  return out;
}

const proposal = { driverId: 'person:jean', deadline: '2026-11-24T10:43:00.000Z' };
const asking = {
  _id: 'match:a',
  type: 'match',
  passengerId: 'person:marie',
  wakeAt: proposal.deadline,
  state: { status: 'asking', proposal },
};
const confirmed = {
  ...asking,
  _id: 'match:b',
  wakeAt: null,
  state: { status: 'confirmed', proposal },
};
const cancelled = {
  ...asking,
  _id: 'match:c',
  wakeAt: null,
  state: { status: 'cancelled', was: {} },
};
const pending = {
  _id: 'message:x',
  type: 'message',
  direction: 'out',
  to: '+33639980101',
  state: 'pending',
  notBefore: null,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
};
const retrying = { ...pending, _id: 'message:y', notBefore: '2026-11-24T09:01:00.000Z' };
const sent = { ...pending, _id: 'message:z', state: 'sent', gatewayRef: 'console:message:z' };
const claimed = {
  ...pending,
  _id: 'message:w',
  state: 'sent-to-gateway',
  updatedAt: '2026-11-24T09:02:00.000Z',
};

describe('the worker design document', () => {
  it('is plain ES5, as every CouchDB engine runs it', () => {
    for (const view of Object.values(design.views)) {
      expect(() => parse(`(${view.map})`, { ecmaVersion: 5 })).not.toThrow();
    }
  });

  it('wakes asked matches at their deadline and pending SMS when their backoff ends', () => {
    expect(emitted('wake', [asking, confirmed, cancelled, pending, retrying, sent])).toEqual([
      [proposal.deadline, 'match'],
      [pending.createdAt, 'message'],
      [retrying.notBefore, 'message'],
    ]);
  });

  it('wakes a confirmed ride at its reminder, until it is sent or the ride cancelled', () => {
    const ride = { _id: 'ride:a-1', type: 'ride', remindAt: '2026-11-25T17:00:00.000Z' };
    const docs = [
      ride,
      { ...ride, _id: 'ride:b-1', remindedAt: '2026-11-25T17:00:00.000Z' },
      { ...ride, _id: 'ride:c-1', cancelledAt: '2026-11-25T10:00:00.000Z' },
      { ...ride, _id: 'ride:d-1', remindAt: null },
      { _id: 'ride:e-1', type: 'ride' },
    ];
    expect(emitted('wake', docs)).toEqual([[ride.remindAt, 'ride']]);
  });

  it('wakes a received SMS when its reader’s lease runs out, not one handled or never leased', () => {
    const inbound = { type: 'message', direction: 'in', state: 'received' };
    const lease = { by: 'main', until: '2026-11-24T09:05:00.000Z' };
    const docs = [inbound, { ...inbound, lease }, { ...inbound, state: 'handled', lease: null }];
    expect(emitted('wake', docs)).toEqual([[lease.until, 'inbound']]);
  });

  it('finds requests under way by passenger and by driver, not cancelled ones', () => {
    expect(emitted('active_by_person', [asking, confirmed, cancelled])).toEqual([
      ['person:marie', 'passenger'],
      ['person:jean', 'driver'],
      ['person:marie', 'passenger'],
      ['person:jean', 'driver'],
    ]);
  });

  it('counts only rides not cancelled as seats taken', () => {
    const ride = {
      type: 'ride',
      date: '2026-11-26',
      tripId: 'trip:j',
      leg: 'outbound',
      seats: 1,
      cancelledAt: null,
    };
    expect(
      emitted('rides_by_date', [ride, { ...ride, cancelledAt: '2026-11-26T06:10:00.000Z' }]),
    ).toEqual([['2026-11-26', ['trip:j', 'outbound', 1]]]);
    expect(emitted('by_gateway_ref', [pending, sent])).toEqual([['console:message:z', null]]);
  });

  it('lists SMS still waiting to be read by phone and time received, not handled ones', () => {
    const received = {
      _id: 'message:in-a',
      type: 'message',
      direction: 'in',
      from: '+33639980101',
      receivedAt: '2026-11-24T09:01:00.000Z',
      state: 'received',
    };
    const handled = { ...received, _id: 'message:in-b', state: 'handled' };
    expect(emitted('received_by_phone', [received, handled, pending, asking])).toEqual([
      [['+33639980101', '2026-11-24T09:01:00.000Z'], null],
    ]);
  });

  it('lists every question a driver got by its time: tried, asked, confirmed, confirmed then cancelled', () => {
    const askedAt = '2026-11-24T09:43:00.000Z';
    const tried = [
      { driverId: 'person:anne', outcome: 'declined', at: '2026-11-24T09:40:00.000Z' },
    ];
    const withProposal = { ...proposal, askedAt };
    const docs = [
      { ...asking, state: { status: 'asking', proposal: withProposal, tried } },
      { ...confirmed, state: { status: 'confirmed', proposal: withProposal, tried: [] } },
      {
        ...cancelled,
        state: {
          status: 'cancelled',
          tried: [],
          was: { status: 'confirmed', proposal: withProposal },
        },
      },
      { ...cancelled, state: { status: 'unmatched', tried } },
      pending,
    ];
    expect(emitted('asks_by_time', docs)).toEqual([
      ['2026-11-24T09:40:00.000Z', 'person:anne'],
      [askedAt, 'person:jean'],
      [askedAt, 'person:jean'],
      [askedAt, 'person:jean'],
      ['2026-11-24T09:40:00.000Z', 'person:anne'],
    ]);
  });

  it('emits for each match the very asks the worker’s cache keeps (asksIn)', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 24, 9, m)).toISOString();
    const p = (driverId: string, m: number) => ({
      driverId,
      tripId: 'trip:t',
      leg: 'outbound' as const,
      pickupTime: '08:30',
      contributionCents: 0,
      detourMinutes: 0,
      askedAt: at(m),
      deadline: at(m + 60),
    });
    const a = askDriver(startSearching(new Date(at(0))), p('person:anne', 0));
    const b = askDriver(declineProposal(a, new Date(at(5))), p('person:bruno', 6));
    const c = acceptProposal(b, new Date(at(9)), 'ride:r-2');
    const states: MatchState[] = [
      startSearching(new Date(at(0))),
      a,
      b,
      c,
      cancelRequest(b, new Date(at(10)), 'passenger'),
      cancelRequest(c, new Date(at(10)), 'passenger'),
      driverCancels(c, new Date(at(20))),
    ];
    for (const state of states) {
      const viewed = emitted('asks_by_time', [{ _id: 'match:m', type: 'match', state }]);
      expect(viewed).toEqual(asksIn(state).map((ask) => [ask.at, ask.driverId]));
    }
  });

  it('queues SMS not yet out by phone in the order they came, and finds claims by their time', () => {
    expect(emitted('queue_by_phone', [pending, sent, claimed])).toEqual([
      [
        ['+33639980101', pending.createdAt, 'message:x'],
        ['pending', pending.updatedAt],
      ],
      [
        ['+33639980101', claimed.createdAt, 'message:w'],
        ['sent-to-gateway', claimed.updatedAt],
      ],
    ]);
    expect(emitted('claimed', [pending, sent, claimed])).toEqual([[claimed.updatedAt, null]]);
    expect(emitted('wake', [claimed])).toEqual([]);
  });
});
