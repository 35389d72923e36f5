import { describe, expect, it } from 'vitest';
import type { OutgoingMessageDoc } from '../../src/lib/domain/documents';
import { DEFAULT_WORKER_SETTINGS } from '../worker/context';
import {
  decideAnswer,
  decideClaim,
  failedTask,
  messageGoesToGateway,
  stuckTask,
} from './message-goes-to-gateway';

const t0 = new Date('2026-11-24T09:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const settings = DEFAULT_WORKER_SETTINGS;

const queued: OutgoingMessageDoc & { _rev: string } = {
  _id: 'message:re-in-abc',
  _rev: '1-a',
  type: 'message',
  schema: 1,
  createdAt: t0.toISOString(),
  createdBy: 'worker',
  updatedAt: t0.toISOString(),
  updatedBy: 'worker',
  readers: ['role:coordinator'],
  direction: 'out',
  to: '+33639980301',
  text: 'Maillage : pour quel jour et quelle heure ? Ex : jeudi 9h',
  purpose: 'question',
  personId: null,
  relatedId: 'message:in-abc',
  state: 'pending',
  history: [{ state: 'pending', at: t0.toISOString() }],
  attempts: 0,
  notBefore: null,
  gateway: null,
  gatewayRef: null,
  error: null,
};

const claimedAt = (minutes: number) => decideClaim(queued, [], 'smpp', later(minutes), settings)!;

describe('message-goes-to-gateway', () => {
  it('takes pending outgoing messages only, typed as such', () => {
    expect(messageGoesToGateway.appliesTo(queued)).toBe(true);
    expect(messageGoesToGateway.appliesTo({ ...queued, state: 'sent' })).toBe(false);
    expect(messageGoesToGateway.appliesTo({ ...queued, direction: 'in' })).toBe(false);
    expect(messageGoesToGateway.appliesTo({ _id: 'trip:x', _rev: '1-b', type: 'trip' })).toBe(
      false,
    );
  });

  it('claims a due message for the gateway, but not behind an older one to that phone', () => {
    expect(claimedAt(0)).toMatchObject({ state: 'sent-to-gateway', attempts: 1, gateway: 'smpp' });
    const older = { state: 'pending' as const, updatedAt: t0.toISOString() };
    expect(decideClaim(queued, [older], 'smpp', t0, settings)).toBeNull();
    const waiting = { ...queued, notBefore: later(1).toISOString() };
    expect(decideClaim(waiting, [], 'smpp', t0, settings)).toBeNull();
  });

  it('records a refusal with its backoff, and a second answer changes nothing', () => {
    const claimed = claimedAt(0);
    const refused = decideAnswer(
      claimed,
      { ok: false, retryable: true, error: 'en panne' },
      t0,
      settings,
    )!;
    expect(refused).toMatchObject({ state: 'pending', notBefore: later(0.5).toISOString() });
    const sent = decideAnswer(claimed, { ok: true, gatewayRef: 'r1' }, t0, settings)!;
    // Our own write whose answer was lost, read back: the same answer again is nothing new.
    expect(decideAnswer(sent, { ok: true, gatewayRef: 'r1' }, later(1), settings)).toBeNull();
    expect(failedTask(sent)).toBeNull();
  });

  it('tells coordinators of a message refused for good, and of a claim left unanswered', () => {
    const failed = decideAnswer(
      claimedAt(0),
      { ok: false, retryable: false, error: 'numéro invalide' },
      t0,
      settings,
    )!;
    expect(failedTask(failed)).toMatchObject({
      id: 'task:sms-failed-re-in-abc',
      kind: 'stuck-sms',
      assignee: null,
      text: expect.stringContaining('06 39 98 03 01 après 1 essai (numéro invalide)'),
    });
    const claimed = claimedAt(0);
    expect(stuckTask(claimed, later(9), settings)).toBeNull();
    expect(stuckTask(claimed, later(10), settings)).toMatchObject({
      id: 'task:sms-stuck-re-in-abc-1',
      kind: 'stuck-sms',
      messageId: queued._id,
    });
    expect(stuckTask(queued, later(60), settings)).toBeNull();
  });
});
