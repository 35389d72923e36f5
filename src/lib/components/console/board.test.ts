import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '$lib/domain/gazetteer/normalize';
import { BoardIndex, type BoardFilter, type BoardRow } from './board';

const row = (over: Partial<BoardRow> & { id: string }): BoardRow => ({
  status: 'searching',
  date: '2026-11-26',
  earliest: '08:00',
  latest: '09:30',
  fromInsee: '46057',
  toInsee: '46102',
  relay: 'sophie',
  words: 'Marie Cardaillac Figeac',
  ...over,
});

describe('the request board', () => {
  const board = new BoardIndex([
    row({
      id: 'request:b',
      date: '2026-11-27',
      words: 'Kévin Payrac Souillac',
      status: 'unmatched',
      relay: 'worker',
      fromInsee: '46215',
      toInsee: '46309',
    }),
    row({ id: 'request:a' }),
    row({ id: 'request:c', status: 'confirmed', words: 'Marc Cardaillac Figeac', relay: 'paul' }),
  ]);

  it('lists the soonest requests first, and finds words by their beginning, accents ignored', () => {
    expect(board.query({}).rows.map((r) => r.id)).toEqual(['request:a', 'request:c', 'request:b']);
    expect(board.query({ text: 'kev' }).rows.map((r) => r.id)).toEqual(['request:b']);
    expect(board.query({ text: 'mar card' }).rows.map((r) => r.id)).toEqual([
      'request:a',
      'request:c',
    ]);
    expect(board.query({ text: 'marie souillac' }).total).toBe(0);
  });

  it('filters by state, date, line and relay together', () => {
    expect(board.query({ status: 'unmatched' }).rows.map((r) => r.id)).toEqual(['request:b']);
    expect(board.query({ line: '46057-46102', relay: 'paul' }).rows.map((r) => r.id)).toEqual([
      'request:c',
    ]);
    expect(board.query({ date: '2026-11-26', status: 'cancelled' }).total).toBe(0);
    expect(board.values('r')).toEqual(['paul', 'sophie', 'worker']);
  });

  it('gives the same rows as a plain scan, page by page, for any requests and filters', () => {
    const arbRow = fc.record({
      id: fc.uuid().map((u) => `request:${u}`),
      status: fc.constantFrom('searching', 'asking', 'confirmed', 'unmatched', 'cancelled'),
      date: fc.constantFrom('2026-11-26', '2026-11-27'),
      earliest: fc.constantFrom('07:00', '08:00'),
      latest: fc.constant('19:00'),
      fromInsee: fc.constantFrom('46057', '46102'),
      toInsee: fc.constantFrom('46309', '46042'),
      relay: fc.constantFrom('sophie', 'paul'),
      words: fc
        .array(fc.constantFrom('Marie', 'Émile', 'Cahors', 'Figeac', 'Marc'), { maxLength: 3 })
        .map((w) => w.join(' ')),
    }) as fc.Arbitrary<BoardRow>;
    const arbFilter = fc.record(
      {
        status: fc.constantFrom('', 'confirmed', 'unmatched'),
        date: fc.constantFrom('', '2026-11-26'),
        line: fc.constantFrom('', '46057-46309'),
        relay: fc.constantFrom('', 'paul'),
        text: fc.constantFrom('', 'ma', 'emi fig', 'x'),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<BoardFilter>;
    fc.assert(
      fc.property(
        fc.uniqueArray(arbRow, { selector: (r) => r.id, maxLength: 40 }),
        arbFilter,
        (rows, filter) => {
          const index = new BoardIndex(rows);
          const words = normalizeName(filter.text ?? '')
            .split(' ')
            .filter(Boolean);
          const expected = rows
            .filter((r) => !filter.status || r.status === filter.status)
            .filter((r) => !filter.date || r.date === filter.date)
            .filter((r) => !filter.line || `${r.fromInsee}-${r.toInsee}` === filter.line)
            .filter((r) => !filter.relay || r.relay === filter.relay)
            .filter((r) => {
              const own = normalizeName(r.words).split(' ');
              return words.every((w) => own.some((o) => o.startsWith(w)));
            })
            .map((r) => r.id)
            .sort();
          const first = index.query(filter, 0, 7);
          const all = Array.from(
            { length: Math.ceil(first.total / 7) },
            (_, p) => index.query(filter, p, 7).rows,
          ).flat();
          expect(first.total).toBe(expected.length);
          expect(all.map((r) => r.id).sort()).toEqual(expected);
        },
      ),
    );
  });
});
