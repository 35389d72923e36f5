import { describe, expect, it } from 'vitest';
import { isReceivedInbound } from './received-inbound';

const received = {
  _id: 'message:in-abc',
  _rev: '1-a',
  type: 'message',
  schema: 1,
  createdAt: '2026-11-23T09:15:00.000Z',
  createdBy: 'worker',
  updatedAt: '2026-11-23T09:15:00.000Z',
  updatedBy: 'worker',
  readers: ['role:coordinator'],
  direction: 'in',
  from: '+33639980201',
  text: 'oui',
  gateway: 'console',
  gatewayMessageId: 'g-1',
  receivedAt: '2026-11-23T09:15:00.000Z',
  state: 'received',
  history: [{ state: 'received', at: '2026-11-23T09:15:00.000Z' }],
  outcome: null,
};

describe('a received SMS for the worker', () => {
  it('is an inbound message still received, as the gateways record it', () => {
    expect(isReceivedInbound(received)).toBe(true);
  });

  it('is not a handled one, an outgoing one, a deleted one or one without its fields', () => {
    expect(isReceivedInbound({ ...received, state: 'handled' })).toBe(false);
    expect(isReceivedInbound({ ...received, direction: 'out', state: 'pending' })).toBe(false);
    expect(isReceivedInbound({ _id: received._id, _rev: '2-b', _deleted: true })).toBe(false);
    const { text: _, ...textless } = received;
    expect(isReceivedInbound(textless)).toBe(false);
    const { _rev: __, ...unsaved } = received;
    expect(isReceivedInbound(unsaved)).toBe(false);
    expect(isReceivedInbound({ ...received, type: 'request' })).toBe(false);
  });
});
