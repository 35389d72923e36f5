// _revs_diff through /db from a readable set that may be a few seconds late.
import { describe, expect, it } from 'vitest';
import { revsDiffSeen, revsDiffToAsk } from './doc-reads';

const set = new Map([
  ['person:hers', '2-b'],
  ['person:older', '3-c'],
]);

describe('_revs_diff from the readable set', () => {
  it('asks CouchDB only about her ids at revisions other than the winning one', () => {
    const asked = {
      'person:hers': ['2-b'],
      'person:older': ['2-x', '3-c'],
      'person:new': ['1-n'],
    };
    expect(revsDiffToAsk(asked, set)).toEqual(['person:older']);
  });

  it('answers an id outside the set as wholly missing, whatever CouchDB said', () => {
    const asked = { 'person:theirs': ['4-t'], 'person:hers': ['2-b'], 'person:older': ['9-z'] };
    expect(revsDiffSeen(asked, set, { 'person:older': { missing: ['9-z'] } })).toEqual({
      'person:theirs': { missing: ['4-t'] },
      'person:older': { missing: ['9-z'] },
    });
  });
});
