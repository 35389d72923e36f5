import { describe, expect, it } from 'vitest';
import { parseDoc, type Person, type RideRequest } from '$lib/domain/documents';
import { sampleMarie } from '$lib/domain/documents/test-docs';
import { withBlock, withManualMatch } from './console-writes';

const coordinator = { name: 'coordination', roles: ['coordinator'] };
const relay = { name: 'paul', roles: ['relay'] };
const NOW = new Date('2026-11-24T09:00:00Z');
const marie = sampleMarie as unknown as Person;

const request: RideRequest = {
  _id: 'request:marie-aller',
  _rev: '1-a',
  type: 'request',
  schema: 1,
  createdAt: '2026-11-23T09:00:00.000Z',
  createdBy: 'sophie',
  updatedAt: '2026-11-23T09:00:00.000Z',
  updatedBy: 'sophie',
  readers: ['role:coordinator', 'user:sophie'],
  passengerId: 'person:marie-0001',
  fromInsee: '46057',
  toInsee: '46102',
  date: '2026-11-26',
  earliest: '08:00',
  latest: '09:30',
  seats: 1,
  channel: 'relay',
  returnOf: null,
  cancelledAt: null,
};

describe('what the console writes', () => {
  it('adds the manual match to the request, stamped by the coordinator', () => {
    const written = withManualMatch(
      coordinator,
      NOW,
      request,
      { tripId: 'trip:jean-figeac', leg: 'outbound', agreed: true },
      'manual-abcdef',
    );
    if (!written.ok) throw new Error(JSON.stringify(written.errors));
    expect(written.doc).toMatchObject({
      _rev: '1-a',
      createdBy: 'sophie',
      updatedBy: 'coordination',
      manual: {
        id: 'manual-abcdef',
        tripId: 'trip:jean-figeac',
        leg: 'outbound',
        agreed: true,
        by: 'coordination',
        at: NOW.toISOString(),
      },
    });
    expect(parseDoc(written.doc).ok).toBe(true);
  });

  it('refuses a manual match on a cancelled request, or by a relay who does not own it', () => {
    const choice = { tripId: 'trip:jean-figeac', leg: 'outbound', agreed: false } as const;
    expect(
      withManualMatch(
        coordinator,
        NOW,
        { ...request, cancelledAt: NOW.toISOString() },
        choice,
        'manual-abcdef',
      ).ok,
    ).toBe(false);
    expect(withManualMatch(relay, NOW, request, choice, 'manual-abcdef').ok).toBe(false);
  });

  it('blocks with a reason, who and when, and unblocks clearing them', () => {
    expect(withBlock(coordinator, NOW, marie, true, '  ')).toMatchObject({
      ok: false,
      errors: [{ path: 'blockedReason' }],
    });
    const blocked = withBlock(coordinator, NOW, marie, true, 'Ne vient jamais');
    if (!blocked.ok) throw new Error(JSON.stringify(blocked.errors));
    expect(blocked.doc).toMatchObject({
      blocked: true,
      blockedReason: 'Ne vient jamais',
      blockedBy: 'coordination',
      blockedAt: NOW.toISOString(),
    });
    const unblocked = withBlock(coordinator, NOW, blocked.doc, false, '');
    expect(unblocked).toMatchObject({
      ok: true,
      doc: { blocked: false, blockedReason: null, blockedAt: null, blockedBy: null },
    });
  });
});
