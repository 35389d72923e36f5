import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLeaves, type StoredDoc } from './store';

type Leaf = StoredDoc & { _rev: string };
const STATES = ['pending', 'sent-to-gateway', 'sent', 'delivered', 'failed'] as const;

const leaf = fc.record({
  _id: fc.constant('message:x'),
  _rev: fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^[0-9a-f]{6}$/))
    .map(([n, h]) => `${n}-${h}`),
  type: fc.constantFrom('message', 'match'),
  direction: fc.constantFrom('out', 'in'),
  state: fc.constantFrom(...STATES),
  attempts: fc.integer({ min: 0, max: 8 }),
  updatedAt: fc.constantFrom('2026-11-24T09:00:00.000Z', '2026-11-24T09:01:00.000Z'),
}) as fc.Arbitrary<Leaf>;

const kept = (leaves: readonly Leaf[]) =>
  leaves.reduce((a, b) => (compareLeaves(a, b) >= 0 ? a : b));

describe('the rule for a conflict left behind', () => {
  it('keeps the same revision whatever order two workers read the leaves in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(leaf, { minLength: 2, maxLength: 5, selector: (l) => l._rev }),
        fc.nat(),
        (leaves, shift) => {
          const turned = [
            ...leaves.slice(shift % leaves.length),
            ...leaves.slice(0, shift % leaves.length),
          ];
          expect(kept(turned)._rev).toBe(kept(leaves)._rev);
          expect(kept([...leaves].reverse())._rev).toBe(kept(leaves)._rev);
        },
      ),
    );
  });

  it('never keeps an outgoing SMS that went less far than another, so a claim is never undone', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(leaf, { minLength: 2, maxLength: 5, selector: (l) => l._rev }),
        (raw) => {
          const sms = raw.map((l) => ({ ...l, type: 'message', direction: 'out' }));
          const rank = (l: Leaf) => Math.min(STATES.indexOf(l.state as (typeof STATES)[number]), 3);
          expect(rank(kept(sms))).toBe(Math.max(...sms.map(rank)));
        },
      ),
    );
  });

  it('keeps the branch built on further, then the later update, then CouchDB’s own winner', () => {
    const a = { _id: 'match:x', _rev: '3-aaa', updatedAt: '2026-11-24T09:00:00.000Z' };
    const b = { _id: 'match:x', _rev: '2-fff', updatedAt: '2026-11-24T09:01:00.000Z' };
    expect(kept([a, b])._rev).toBe('3-aaa');
    expect(kept([{ ...a, _rev: '2-aaa' }, b])._rev).toBe('2-fff');
    expect(kept([{ ...a, _rev: '3-aab' }, a])._rev).toBe('3-aab');
  });
});
