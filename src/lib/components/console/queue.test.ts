import { describe, expect, it } from 'vitest';
import type { MatchDoc, MessageDoc, RideRequest, TaskDoc } from '$lib/domain/documents';
import { findNoDriver, startSearching } from '$lib/domain/match/state';
import { buildQueue, type QueueFacts } from './queue';

const NOW = new Date('2026-11-25T09:00:00Z'); // Wednesday 10:00 in Paris
const stamps = {
  schema: 1 as const,
  createdBy: 'worker',
  updatedBy: 'worker',
  readers: ['role:coordinator'],
};

const task = (id: string, kind: TaskDoc['kind'], createdAt: string, over: Partial<TaskDoc> = {}) =>
  ({
    _id: id,
    type: 'task',
    ...stamps,
    createdAt,
    updatedAt: createdAt,
    kind,
    text: `tâche ${id}`,
    assignee: null,
    personId: null,
    requestId: null,
    messageId: null,
    doneAt: null,
    doneBy: null,
    ...over,
  }) as TaskDoc;

const request = (id: string, date: string, over: Partial<RideRequest> = {}) =>
  ({
    _id: `request:${id}`,
    type: 'request',
    ...stamps,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    passengerId: 'person:kevin-0001',
    fromInsee: '46215',
    toInsee: '46309',
    date,
    earliest: '07:00',
    latest: '08:00',
    seats: 1,
    channel: 'sms',
    returnOf: null,
    cancelledAt: null,
    ...over,
  }) as RideRequest;

const match = (id: string, state: MatchDoc['state']) =>
  ({
    _id: `match:${id}`,
    type: 'match',
    ...stamps,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    requestId: `request:${id}`,
    passengerId: 'person:kevin-0001',
    state,
    wakeAt: null,
    requestRev: null,
  }) as MatchDoc;

const failed = {
  _id: 'message:ask-x-1',
  type: 'message',
  ...stamps,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  direction: 'out',
  to: '+33639980101',
  text: 'x',
  purpose: 'ask',
  personId: 'person:jean-0001',
  relatedId: null,
  state: 'failed',
  history: [],
  attempts: 8,
  notBefore: null,
  gateway: 'console',
  gatewayRef: null,
  error: 'réseau',
} as MessageDoc;

const facts = (over: Partial<QueueFacts>): QueueFacts => ({
  tasks: [],
  messages: [],
  requests: [],
  matches: {},
  parked: [],
  now: NOW,
  ...over,
});

describe('the coordinator queue', () => {
  it('shows an SMS nobody understood, linked to its correction form', () => {
    const rows = buildQueue(
      facts({ tasks: [task('task:read-in-1', 'read-sms', '2026-11-25T08:59:00Z')] }),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'sms',
        target: { page: 'correction', taskId: 'task:read-in-1' },
      }),
    ]);
    const done = task('task:read-in-1', 'read-sms', '2026-11-25T08:59:00Z', {
      doneAt: NOW.toISOString(),
    });
    expect(buildQueue(facts({ tasks: [done] }))).toEqual([]);
  });

  it('shows a request with no driver with its reason, and no longer once its window is over (scenario 3)', () => {
    const unmatched = findNoDriver(startSearching(NOW), NOW, 'Aucun trajet ne passe par là.');
    const f = facts({
      requests: [request('kevin', '2026-11-26')],
      matches: { 'match:kevin': match('kevin', unmatched) },
    });
    expect(buildQueue(f)).toEqual([
      expect.objectContaining({
        kind: 'no-driver',
        text: 'Aucun trajet ne passe par là.',
        target: { page: 'request', requestId: 'request:kevin' },
      }),
    ]);
    expect(buildQueue({ ...f, now: new Date('2026-11-26T08:00:00Z') })).toEqual([]);
  });

  it('shows a ride of the next 24 hours with no confirmed driver, not one of next week', () => {
    const f = facts({
      requests: [request('soon', '2026-11-26'), request('later', '2026-12-03')],
      matches: { 'match:soon': match('soon', startSearching(NOW)) },
    });
    expect(buildQueue(f).map((r) => [r.kind, r.id])).toEqual([['unconfirmed', 'request:soon']]);
  });

  it('shows a callback only once it is late, failed SMS once, and parked documents, in that order', () => {
    const rows = buildQueue(
      facts({
        tasks: [
          task('task:callback-new', 'callback', '2026-11-25T08:30:00Z'),
          task('task:callback-old', 'callback', '2026-11-25T06:00:00Z'),
          task('task:sms-stuck-x', 'stuck-sms', '2026-11-25T07:00:00Z', {
            messageId: 'message:ask-x-1',
          }),
        ],
        messages: [failed],
        parked: [
          {
            id: 'request:odd',
            handler: 'request-opens-match',
            error: 'boom',
            at: NOW.toISOString(),
          },
        ],
      }),
    );
    expect(rows.map((r) => [r.kind, r.id])).toEqual([
      ['callback', 'task:callback-old'],
      ['sms-failed', 'task:sms-stuck-x'],
      ['parked', 'request:odd'],
    ]);
    expect(buildQueue(facts({ messages: [failed] }))).toEqual([
      expect.objectContaining({
        kind: 'sms-failed',
        target: { page: 'person', personId: 'person:jean-0001' },
      }),
    ]);
  });
});
