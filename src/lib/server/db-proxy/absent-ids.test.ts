// What a _revs_diff found absent, for the _bulk_docs that follows: per database and user, once,
// for a few seconds.
import { describe, expect, it } from 'vitest';
import { ABSENT_FOR_MS, noteAbsent, takeAbsent } from './absent-ids';

const base = 'http://couch/maillage/';
const t = Date.parse('2026-11-21T10:00:00.000Z');

describe('ids a _revs_diff found absent', () => {
  it('are told absent once, to the same user of the same database, within a few seconds', () => {
    noteAbsent(base, 'sophie', ['person:a', 'person:b'], t);
    expect(takeAbsent('http://couch/other/', 'sophie', ['person:a'], t + 1)).toEqual(new Set());
    expect(takeAbsent(base, 'marc', ['person:a', 'person:b'], t + 1)).toEqual(new Set());
    expect(takeAbsent(base, 'sophie', ['person:a', 'person:c'], t + 1)).toEqual(
      new Set(['person:a']),
    );
    // The first _bulk_docs may have stored it: a second one reads it again.
    expect(takeAbsent(base, 'sophie', ['person:a'], t + 2)).toEqual(new Set());
    expect(takeAbsent(base, 'sophie', ['person:b'], t + 3)).toEqual(new Set(['person:b']));
  });

  it('are forgotten after ABSENT_FOR_MS or when the clock goes back', () => {
    noteAbsent(base, 'sophie', ['person:late', 'person:early'], t);
    expect(takeAbsent(base, 'sophie', ['person:late'], t + ABSENT_FOR_MS)).toEqual(new Set());
    expect(takeAbsent(base, 'sophie', ['person:early'], t - 1)).toEqual(new Set());
  });

  it('keep the latest when there are too many', () => {
    const many = Array.from({ length: 25_000 }, (_, i) => `person:m${i}`);
    noteAbsent(base, 'paul', many, t);
    expect(takeAbsent(base, 'paul', ['person:m0', 'person:m24999'], t + 1)).toEqual(
      new Set(['person:m24999']),
    );
  });
});
