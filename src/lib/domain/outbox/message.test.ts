import { describe, expect, it } from 'vitest';
import type { OutgoingMessageDoc } from '../documents/worker-docs';
import { isOutgoingMessage, outboxStateOf, waitsBehind, withOutboxState } from './message';
import { accept, applyReport, claim, queue, refuse } from './state';

const t0 = new Date('2026-11-24T09:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const settings = { maxAttempts: 2, backoffMs: 30_000, maxBackoffMs: 60_000 };

const queued: OutgoingMessageDoc = {
  _id: 'message:ask-abc-1',
  type: 'message',
  schema: 1,
  createdAt: t0.toISOString(),
  createdBy: 'worker',
  updatedAt: t0.toISOString(),
  updatedBy: 'worker',
  readers: ['role:coordinator'],
  direction: 'out',
  to: '+33639980101',
  text: 'Maillage : pouvez-vous prendre Marie ?',
  purpose: 'ask',
  personId: 'person:jean-0001',
  relatedId: 'match:abc',
  state: 'pending',
  history: [{ state: 'pending', at: t0.toISOString() }],
  attempts: 0,
  notBefore: null,
  gateway: null,
  gatewayRef: null,
  error: null,
};

describe('an outgoing message document in the state machine', () => {
  it('reads back every state it was written in, with a history entry per step', () => {
    expect(outboxStateOf(queued)).toEqual(queue(t0));
    const claimed = claim(queue(t0), 'console', t0);
    const refused = refuse(claimed, { retryable: true, error: 'en panne' }, later(1), settings);
    if (refused.status !== 'pending') throw new Error('a first refusal is retried');
    const reclaimed = claim(refused, 'console', later(31));
    const sent = accept(reclaimed, 'console:1', later(32));
    const delivered = applyReport(sent, {
      state: 'delivered',
      gatewayRef: 'console:1',
      at: later(40).toISOString(),
    });
    let doc = queued;
    for (const step of [claimed, refused, reclaimed, sent, delivered]) {
      doc = withOutboxState(doc, step);
      expect(outboxStateOf(doc)).toEqual(step);
      if (step === refused)
        expect(doc).toMatchObject({ state: 'pending', attempts: 1, error: 'en panne' });
    }
    expect(doc).toMatchObject({ state: 'delivered', gatewayRef: 'console:1', notBefore: null });
    expect(doc.history).toEqual([
      { state: 'pending', at: t0.toISOString() },
      { state: 'sent-to-gateway', at: t0.toISOString(), by: 'console' },
      { state: 'pending', at: later(1).toISOString(), error: 'en panne' },
      { state: 'sent-to-gateway', at: later(31).toISOString(), by: 'console' },
      { state: 'sent', at: later(32).toISOString() },
      { state: 'delivered', at: later(40).toISOString() },
    ]);
  });

  it('knows an outgoing message by its schema, not by its type alone', () => {
    expect(isOutgoingMessage(queued)).toBe(true);
    expect(isOutgoingMessage({ ...queued, direction: 'in' })).toBe(false);
    expect(isOutgoingMessage({ ...queued, state: 'lost' })).toBe(false);
    expect(isOutgoingMessage({ ...queued, to: '06 39 98 01 01' })).toBe(false);
    expect(isOutgoingMessage({ _id: 'trip:x', type: 'trip' })).toBe(false);
  });
});

describe('the order of one phone’s SMS', () => {
  const minutes = (n: number) => new Date(t0.getTime() + n * 60_000).toISOString();
  const now = new Date(minutes(30));
  const tenMinutes = 10 * 60_000;

  it('holds a message behind an older one still pending, or claimed less than the threshold ago', () => {
    expect(waitsBehind([], now, tenMinutes)).toBe(false);
    expect(waitsBehind([{ state: 'pending', updatedAt: minutes(0) }], now, tenMinutes)).toBe(true);
    expect(
      waitsBehind([{ state: 'sent-to-gateway', updatedAt: minutes(25) }], now, tenMinutes),
    ).toBe(true);
  });

  it('lets it go once the older one is out, or was claimed so long ago it is stuck', () => {
    expect(
      waitsBehind([{ state: 'sent-to-gateway', updatedAt: minutes(20) }], now, tenMinutes),
    ).toBe(false);
    for (const state of ['sent', 'delivered', 'failed'] as const)
      expect(waitsBehind([{ state, updatedAt: minutes(29) }], now, tenMinutes)).toBe(false);
  });
});
