// _revs_diff through /db from a readable set that may be a few seconds late.
import { describe, expect, it } from 'vitest';
import { revsDiffSeen, revsDiffToAsk, storedOutside } from './doc-reads';

const set = new Map([
  ['person:hers', '2-b'],
  ['person:older', '3-c'],
]);

describe('_revs_diff from the readable set', () => {
  it('asks CouchDB about ids outside the set and revisions other than the winning one', () => {
    const asked = {
      'person:hers': ['2-b'],
      'person:older': ['2-x', '3-c'],
      'person:new': ['1-n'],
    };
    expect(revsDiffToAsk(asked, set)).toEqual(['person:older', 'person:new']);
  });

  it('needs a caught-up set only when CouchDB holds a revision of an id outside it', () => {
    const asked = { 'person:hers': ['2-b'], 'person:new': ['1-n', '1-n'] };
    // Every revision of the new id missing: a document made offline, nothing to catch up.
    expect(storedOutside(asked, set, { 'person:new': { missing: ['1-n'] } })).toBe(false);
    // CouchDB has it (no entry, or fewer missing): hers since a moment, or someone else's.
    expect(storedOutside(asked, set, {})).toBe(true);
    expect(
      storedOutside({ 'person:new': ['1-n', '2-n'] }, set, { 'person:new': { missing: ['2-n'] } }),
    ).toBe(true);
    // An id in the set answered by CouchDB says nothing about the set's age.
    expect(storedOutside({ 'person:older': ['2-x'] }, set, {})).toBe(false);
  });

  it('answers an id outside the set as wholly missing, whatever CouchDB said', () => {
    const asked = { 'person:theirs': ['4-t'], 'person:hers': ['2-b'], 'person:older': ['9-z'] };
    expect(revsDiffSeen(asked, set, { 'person:older': { missing: ['9-z'] } })).toEqual({
      'person:theirs': { missing: ['4-t'] },
      'person:older': { missing: ['9-z'] },
    });
  });
});
