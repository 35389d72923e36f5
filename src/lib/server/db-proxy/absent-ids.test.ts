// What a _revs_diff found absent, for the _bulk_docs that follows: per database and user, once,
// for a few seconds, once the database has said so.
import { describe, expect, it } from 'vitest';
import { ABSENT_FOR_MS, noteAbsent, takeAbsent } from './absent-ids';

const base = 'http://couch/maillage/';
const t = Date.parse('2026-11-21T10:00:00.000Z');
const none = (ids: string[]) => Promise.resolve(new Set(ids));

describe('ids a _revs_diff found absent', () => {
  it('are told absent once, to the same user of the same database, within a few seconds', async () => {
    noteAbsent(base, 'sophie', ['person:a', 'person:b'], t, none(['person:a', 'person:b']));
    expect(await takeAbsent('http://couch/other/', 'sophie', ['person:a'], t + 1)).toEqual(
      new Set(),
    );
    expect(await takeAbsent(base, 'marc', ['person:a', 'person:b'], t + 1)).toEqual(new Set());
    expect(await takeAbsent(base, 'sophie', ['person:a', 'person:c'], t + 1)).toEqual(
      new Set(['person:a']),
    );
    // The first _bulk_docs may have stored it: a second one reads it again.
    expect(await takeAbsent(base, 'sophie', ['person:a'], t + 2)).toEqual(new Set());
    expect(await takeAbsent(base, 'sophie', ['person:b'], t + 3)).toEqual(new Set(['person:b']));
  });

  it('are only those the database said it does not hold, once it has said so', async () => {
    let answer: (ids: ReadonlySet<string>) => void = () => {};
    const asked = new Promise<ReadonlySet<string>>((resolve) => (answer = resolve));
    noteAbsent(base, 'lea', ['person:new', 'person:held'], t, asked);
    const taken = takeAbsent(base, 'lea', ['person:new', 'person:held'], t + 1);
    let settled = false;
    void taken.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    answer(new Set(['person:new']));
    expect(await taken).toEqual(new Set(['person:new']));
  });

  it('are forgotten after ABSENT_FOR_MS or when the clock goes back', async () => {
    noteAbsent(
      base,
      'sophie',
      ['person:late', 'person:early'],
      t,
      none(['person:late', 'person:early']),
    );
    expect(await takeAbsent(base, 'sophie', ['person:late'], t + ABSENT_FOR_MS)).toEqual(new Set());
    expect(await takeAbsent(base, 'sophie', ['person:early'], t - 1)).toEqual(new Set());
  });

  it('keep the latest when there are too many', async () => {
    const many = Array.from({ length: 25_000 }, (_, i) => `person:m${i}`);
    noteAbsent(base, 'paul', many, t, none(many));
    expect(await takeAbsent(base, 'paul', ['person:m0', 'person:m24999'], t + 1)).toEqual(
      new Set(['person:m24999']),
    );
  });
});
