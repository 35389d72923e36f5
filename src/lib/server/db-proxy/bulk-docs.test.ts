import { describe, expect, it } from 'vitest';
import {
  idsToLookUp,
  mergeBulkDocsResults,
  readBulkDocsBody,
  screenBulkDocs,
  type BulkDocsBody,
} from './bulk-docs';

const sophie = { name: 'sophie', roles: ['relay'] };
const at = '2026-11-21T10:00:00.000Z';
const now = new Date('2026-11-21T10:05:00.000Z');

function person(id: string, by = 'sophie', extra: Record<string, unknown> = {}) {
  return {
    _id: id,
    _rev: '1-abc',
    _revisions: { start: 1, ids: ['abc'] },
    type: 'person',
    schema: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    readers: ['role:coordinator', `user:${by}`],
    firstName: 'Marie',
    phone: null,
    phoneKind: 'none',
    homeInsee: '46127',
    roles: ['passenger'],
    consent: { by, method: 'oral', at },
    blocked: false,
    ...extra,
  };
}

const body = (docs: Record<string, unknown>[], new_edits = false): BulkDocsBody => ({
  docs,
  new_edits,
});

describe('checking the documents of a _bulk_docs', () => {
  it('forwards a relay’s valid document untouched, replication fields included', () => {
    const doc = person('person:marie01');
    const { accepted, refused } = screenBulkDocs(body([doc]), sophie, new Map(), now);
    expect(refused).toEqual([]);
    expect(accepted).toEqual([doc]);
  });

  it('refuses a document whose updatedBy is not the session user', () => {
    const { accepted, refused } = screenBulkDocs(
      body([person('person:marie01', 'marc')]),
      sophie,
      new Map(),
      now,
    );
    expect(accepted).toEqual([]);
    expect(refused).toEqual([
      {
        index: 0,
        entry: {
          id: 'person:marie01',
          error: 'forbidden',
          name: 'forbidden',
          reason: expect.stringContaining('sophie'),
        },
      },
    ]);
  });

  it('refuses an invalid document with the schema’s French reasons', () => {
    const { refused } = screenBulkDocs(
      body([person('person:marie01', 'sophie', { firstName: '' })]),
      sophie,
      new Map(),
      now,
    );
    expect(refused[0]?.entry.reason).toContain('firstName');
    expect(refused[0]?.entry.reason).toContain('prénom');
  });

  it('refuses design documents, local documents, documents without id and worker documents', () => {
    const docs = [
      { _id: '_design/app', views: {} },
      { _id: '_local/x', a: 1 },
      { type: 'person' },
      { ...person('match:abcdef01'), type: 'match' },
    ];
    const { accepted, refused } = screenBulkDocs(
      body(docs),
      { name: 'boss', roles: ['admin'] },
      new Map(),
      now,
    );
    expect(accepted).toEqual([]);
    expect(refused.map((r) => r.index)).toEqual([0, 1, 2, 3]);
  });

  it('refuses a relay’s change to a document someone else recorded', () => {
    const theirs = person('person:marc0001', 'marc');
    const mine = person('person:marc0001', 'sophie');
    const { refused } = screenBulkDocs(
      body([mine]),
      sophie,
      new Map([['person:marc0001', theirs]]),
      now,
    );
    expect(refused).toHaveLength(1);
  });

  it('takes what the database holds at that revision, when she may read it, as already written', () => {
    // Given to her a moment ago (another relay wrote it), pulled, and sent back at the same
    // revision: CouchDB would store nothing; no refusal for her device to report.
    const given = person('person:marc0001', 'marc', { readers: ['user:sophie'] });
    const hisAlone = person('person:marc0002', 'marc');
    const current = new Map([
      [given._id, given],
      [hisAlone._id, hisAlone],
    ]);
    const { accepted, refused } = screenBulkDocs(body([given, hisAlone]), sophie, current, now);
    expect(accepted).toEqual([]);
    expect(refused.map((r) => r.entry.id)).toEqual([hisAlone._id]);
    // At another revision, or as a new edit, it is checked as any change is.
    const later = { ...given, _rev: '2-def' };
    expect(screenBulkDocs(body([later]), sophie, current, now).refused).toHaveLength(1);
    expect(screenBulkDocs(body([given], true), sophie, current, now).refused).toHaveLength(1);
  });

  it('lets only admins delete', () => {
    const stub = { _id: 'person:marie01', _rev: '2-def', _deleted: true };
    expect(screenBulkDocs(body([stub]), sophie, new Map(), now).refused).toHaveLength(1);
    expect(
      screenBulkDocs(body([stub]), { name: 'boss', roles: ['admin'] }, new Map(), now).accepted,
    ).toEqual([stub]);
  });

  it('looks up each id once', () => {
    expect(idsToLookUp(body([person('person:a00001'), person('person:a00001'), { x: 1 }]))).toEqual(
      ['person:a00001'],
    );
  });

  it('says what is wrong with a body that is not { docs: [...] }', () => {
    for (const input of [
      null,
      [],
      'x',
      {},
      { docs: 'x' },
      { docs: [1] },
      { docs: [], new_edits: 'no' },
    ]) {
      expect(typeof readBulkDocsBody(input)).toBe('string');
    }
    expect(readBulkDocsBody({ docs: [{ _id: 'a' }], new_edits: false })).toEqual({
      docs: [{ _id: 'a' }],
      new_edits: false,
    });
  });
});

describe('merging CouchDB’s answer with the refusals', () => {
  const refusal = (index: number, id: string) => ({
    index,
    entry: { id, error: 'forbidden' as const, name: 'forbidden' as const, reason: 'non' },
  });
  const docs = (...ids: string[]) => ids.map((_id) => ({ _id }));

  it('puts each refusal back at the place of its document', () => {
    const upstream = [
      { id: 'a', ok: true, rev: '1-a' },
      { id: 'c', ok: true, rev: '1-c' },
    ];
    expect(
      mergeBulkDocsResults([refusal(1, 'b'), refusal(3, 'd')], docs('a', 'c'), upstream).map(
        (r) => r.id,
      ),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  it('puts an answer given out of order (the embedded server) back with its document', () => {
    const upstream = [
      { id: 'c', ok: true, rev: '1-c' },
      { id: 'a', ok: true, rev: '1-a' },
    ];
    expect(mergeBulkDocsResults([refusal(1, 'b')], docs('a', 'c'), upstream)).toEqual([
      { id: 'a', ok: true, rev: '1-a' },
      refusal(1, 'b').entry,
      { id: 'c', ok: true, rev: '1-c' },
    ]);
  });

  it('keeps two answers for one id in the order they came', () => {
    const upstream = [
      { id: 'a', ok: true, rev: '1-a' },
      { id: 'a', error: 'conflict' },
    ];
    expect(mergeBulkDocsResults([], docs('a', 'a'), upstream)).toEqual(upstream);
  });

  it('appends the refusals to the failures-only answer of new_edits=false', () => {
    const merged = mergeBulkDocsResults([refusal(2, 'c')], docs('a', 'b'), []);
    expect(merged).toEqual([{ id: 'c', error: 'forbidden', name: 'forbidden', reason: 'non' }]);
    const withFailure = mergeBulkDocsResults([refusal(0, 'a')], docs('b', 'c', 'd'), [
      { id: 'b', error: 'conflict' },
    ]);
    expect(withFailure.map((r) => r.id)).toEqual(['b', 'a']);
  });
});
