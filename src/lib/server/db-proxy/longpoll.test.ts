import { describe, expect, it } from 'vitest';
import { emptyChanges } from './longpoll';

describe('the answer to a quiet long poll', () => {
  it('is CouchDB’s empty result, echoing the sequence asked from in its own type', () => {
    expect(JSON.parse(emptyChanges('42'))).toEqual({ results: [], last_seq: 42, pending: 0 });
    expect(JSON.parse(emptyChanges('12-g1AAAA'))).toEqual({
      results: [],
      last_seq: '12-g1AAAA',
      pending: 0,
    });
    expect(JSON.parse(emptyChanges(null))).toEqual({ results: [], last_seq: 0, pending: 0 });
  });
});
