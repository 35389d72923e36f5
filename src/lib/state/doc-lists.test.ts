import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byId, changesOfType, mergeById, mergeList } from './doc-lists';

interface Doc {
  _id: string;
  createdAt: string;
  v: number;
}
const doc = (id: string, day: number, v = 0): Doc => ({
  _id: id,
  createdAt: `2026-11-${String(day).padStart(2, '0')}T08:00:00.000Z`,
  v,
});

describe('the workspace lists merged a batch of changes at a time', () => {
  it('adds, replaces and removes documents, newest first', () => {
    const list = [doc('c', 3), doc('b', 2), doc('a', 1)];
    const changes = new Map<string, Doc | null>([
      ['b', doc('b', 2, 1)],
      ['a', null],
      ['d', doc('d', 4)],
    ]);
    expect(mergeList(list, changes)).toEqual([doc('d', 4), doc('c', 3), doc('b', 2, 1)]);
    expect(mergeById(byId(list), changes)).toEqual(
      byId([doc('c', 3), doc('b', 2, 1), doc('d', 4)]),
    );
    expect(list).toHaveLength(3);
  });

  it('gives what applying the changes one by one gives', () => {
    const change = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      day: fc.integer({ min: 1, max: 28 }),
      v: fc.nat(9),
      gone: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(change), fc.array(change), (start, batch) => {
        const one = (list: Doc[], c: (typeof batch)[number]) => [
          ...list.filter((d) => d._id !== c.id),
          ...(c.gone ? [] : [doc(c.id, c.day, c.v)]),
        ];
        const initial = start.reduce(one, []);
        const changes = new Map(batch.map((c) => [c.id, c.gone ? null : doc(c.id, c.day, c.v)]));
        const byOne = batch.reduce(one, initial);
        expect(mergeById(byId(initial), changes)).toEqual(byId(byOne));
        expect(new Set(mergeList(initial, changes))).toEqual(new Set(byOne));
        const days = mergeList(initial, changes).map((d) => d.createdAt);
        expect(days).toEqual([...days].sort().reverse());
      }),
    );
  });

  it('sorts a batch by the type its ids name', () => {
    const changes = new Map<string, unknown>([
      ['person:1', { _id: 'person:1' }],
      ['request:1', null],
      ['person:2', null],
    ]);
    expect([...(changesOfType(changes, 'person') ?? [])]).toEqual([
      ['person:1', { _id: 'person:1' }],
      ['person:2', null],
    ]);
    expect(changesOfType(changes, 'request')).toEqual(new Map([['request:1', null]]));
    expect(changesOfType(changes, 'ride')).toBeNull();
  });
});
