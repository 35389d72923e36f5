// What a _revs_diff's look-up found absent, for the _bulk_docs that follows: per database and
// user, once, for a few seconds; nothing when the look-up failed.
import { describe, expect, it } from 'vitest';
import { ABSENT_FOR_MS, noteLookUp, takeAbsent } from './absent-ids';

const base = 'http://couch/maillage/';
const t = Date.parse('2026-11-21T10:00:00.000Z');
const holding = (...ids: string[]) => Promise.resolve(new Map(ids.map((id) => [id, {}])));

describe('ids a _revs_diff looked up', () => {
  it('are told absent once, to the same user of the same database, within a few seconds', async () => {
    noteLookUp(base, 'sophie', ['person:a', 'person:b', 'person:held'], t, holding('person:held'));
    expect(await takeAbsent('http://couch/other/', 'sophie', ['person:a'], t + 1)).toEqual(
      new Set(),
    );
    expect(await takeAbsent(base, 'marc', ['person:a', 'person:b'], t + 1)).toEqual(new Set());
    expect(
      await takeAbsent(base, 'sophie', ['person:a', 'person:c', 'person:held'], t + 1),
    ).toEqual(new Set(['person:a']));
    // The first _bulk_docs may have stored it: a second one reads it again.
    expect(await takeAbsent(base, 'sophie', ['person:a'], t + 2)).toEqual(new Set());
    expect(await takeAbsent(base, 'sophie', ['person:b'], t + 3)).toEqual(new Set(['person:b']));
  });

  it('are forgotten after ABSENT_FOR_MS, when the clock goes back, or when the look-up failed', async () => {
    noteLookUp(base, 'sophie', ['person:late', 'person:early'], t, holding());
    expect(await takeAbsent(base, 'sophie', ['person:late'], t + ABSENT_FOR_MS)).toEqual(new Set());
    expect(await takeAbsent(base, 'sophie', ['person:early'], t - 1)).toEqual(new Set());
    noteLookUp(base, 'sophie', ['person:x'], t, Promise.reject(new Error('CouchDB away')));
    expect(await takeAbsent(base, 'sophie', ['person:x'], t + 1)).toEqual(new Set());
  });

  it('keep the latest when there are too many', async () => {
    const many = Array.from({ length: 25_000 }, (_, i) => `person:m${i}`);
    noteLookUp(base, 'paul', many, t, holding());
    expect(await takeAbsent(base, 'paul', ['person:m0', 'person:m24999'], t + 1)).toEqual(
      new Set(['person:m24999']),
    );
  });
});
