import { describe, expect, it } from 'vitest';
import { KnownDocs } from './known-docs';

const marie = (rev: string, firstName: string) => ({
  _id: 'person:marie-0001',
  _rev: rev,
  type: 'person',
  firstName,
});

describe('KnownDocs', () => {
  it('keeps the latest revision of a person, whatever order the revisions come in', () => {
    const known = new KnownDocs();
    known.seen(marie('2-b', 'Marie'));
    known.seen(marie('1-a', 'Mari'));
    expect(known.get('person:marie-0001', 'person')).toMatchObject({ firstName: 'Marie' });
    known.seen(marie('3-c', 'Marie-Claire'));
    expect(known.get('person:marie-0001', 'person')).toMatchObject({ firstName: 'Marie-Claire' });
  });

  it('forgets a deleted document, so that it is read again', () => {
    const known = new KnownDocs();
    known.seen(marie('1-a', 'Marie'));
    known.seen({ _id: 'person:marie-0001', _rev: '2-b', _deleted: true });
    expect(known.get('person:marie-0001', 'person')).toBeUndefined();
  });

  it('keeps people and requests only, and gives a document only as the type asked', () => {
    const known = new KnownDocs();
    known.seen({ _id: 'match:marie-aller', _rev: '1-a', type: 'match' });
    known.seen({ _id: 'request:marie-aller', _rev: '1-a', type: 'request' });
    expect(known.get('match:marie-aller', 'request')).toBeUndefined();
    expect(known.get('request:marie-aller', 'person')).toBeUndefined();
    expect(known.get('request:marie-aller', 'request')).toMatchObject({ type: 'request' });
  });
});
