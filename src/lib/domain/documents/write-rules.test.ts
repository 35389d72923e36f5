import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eraseDoc, ERASED_FIRST_NAME } from './erase';
import {
  heldBackRefusal,
  MAX_DEVICE_PAST_MS,
  mayWriteTask,
  passengerRefusal,
  shapeRefusal,
  stampFromSession,
  unknownFields,
} from './write-rules';

const sophie = { name: 'sophie', roles: ['relay'] };
const now = new Date('2026-11-21T10:05:00.000Z');
const at = '2026-11-21T10:00:00.000Z';
const person = (extra: Record<string, unknown> = {}) => ({
  _id: 'person:marie01',
  _rev: '1-abc',
  _revisions: { start: 1, ids: ['abc'] },
  type: 'person',
  schema: 1,
  createdAt: at,
  createdBy: 'sophie',
  updatedAt: at,
  updatedBy: 'sophie',
  readers: ['role:coordinator', 'user:sophie'],
  firstName: 'Marie',
  phone: null,
  phoneKind: 'none',
  homeInsee: '46127',
  roles: ['passenger'],
  consent: { by: 'sophie', method: 'oral', at },
  blocked: false,
  ...extra,
});

describe('creation stamps', () => {
  it('come from the session for a new document, whatever the body says', () => {
    const stamped = stampFromSession(
      person({
        createdBy: 'worker',
        createdAt: '2020-01-01T00:00:00.000Z',
        consent: { by: 'marc', method: 'oral', at: '2020-01-01T00:00:00.000Z' },
      }),
      sophie,
      now,
      null,
    );
    expect(stamped).toMatchObject({
      createdBy: 'sophie',
      createdAt: now.toISOString(),
      consent: { by: 'sophie', method: 'oral', at: now.toISOString() },
    });
  });

  it('keep a device’s time from the last two weeks, so a document made offline keeps its date', () => {
    const offline = '2026-11-15T08:00:00.000Z';
    const stamped = stampFromSession(person({ createdAt: offline }), sophie, now, null);
    expect(stamped.createdAt).toBe(offline);
  });

  it('are never another user’s nor outside the plausible window, for any body (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
        (by, createdAt) => {
          const stamped = stampFromSession(
            person({ createdBy: by, createdAt, consent: { by, method: 'oral', at: createdAt } }),
            sophie,
            now,
            null,
          );
          const t = Date.parse(String(stamped.createdAt));
          expect(stamped.createdBy).toBe('sophie');
          expect((stamped.consent as { by: string }).by).toBe('sophie');
          expect(t).toBeGreaterThanOrEqual(now.getTime() - MAX_DEVICE_PAST_MS);
          expect(t).toBeLessThanOrEqual(now.getTime() + 5 * 60 * 1000);
        },
      ),
    );
  });

  it('of an update are the stored ones, and an unchanged consent keeps its collector', () => {
    const storedDoc = person({ createdBy: 'marc', consent: { by: 'marc', method: 'oral', at } });
    const stamped = stampFromSession(
      person({
        createdBy: 'sophie',
        createdAt: '2020-01-01T00:00:00.000Z',
        consent: storedDoc.consent,
      }),
      sophie,
      now,
      storedDoc,
    );
    expect(stamped).toMatchObject({ createdBy: 'marc', createdAt: at, consent: { by: 'marc' } });
    const changed = stampFromSession(
      person({ consent: { by: 'marc', method: 'written', at } }),
      sophie,
      now,
      storedDoc,
    );
    expect(changed.consent).toEqual({ by: 'sophie', method: 'written', at });
  });
});

describe('the shape of a pushed document', () => {
  it('refuses fields its schema does not know, system ones included', () => {
    expect(unknownFields(person())).toEqual([]);
    expect(
      unknownFields(
        person({ _foo: 1, nickname: 'x', consent: { by: 'a', method: 'oral', at, x: 1 } }),
      ),
    ).toEqual(['_foo', 'consent.x', 'nickname']);
    expect(shapeRefusal(person({ _foo: 1 }))).toContain('« _foo »');
  });

  it('refuses a document over 64 KB, and not its revision history', () => {
    expect(shapeRefusal(person({ notes: 'é'.repeat(33_000) }))).toContain('64 Ko');
    expect(shapeRefusal(person({ notes: 'x'.repeat(900) }))).toBeNull();
    const history = { start: 1000, ids: Array.from({ length: 1000 }, () => 'a'.repeat(32)) };
    expect(shapeRefusal(person({ _revisions: history }))).toBeNull();
  });
});

describe('a document whose type is named like an object property', () => {
  it('has its fields judged as an unknown type’s, without failing', () => {
    for (const type of ['constructor', '__proto__', 'toString'])
      expect(unknownFields({ _id: 'x:1', type, note: 'a', _foo: 1 })).toEqual(['_foo']);
  });
});

describe('the passenger of a request', () => {
  const request = { _id: 'request:r00001', type: 'request', passengerId: 'person:marie01' };
  it('must be someone the writer may read', () => {
    expect(passengerRefusal(request, sophie, person())).toBeNull();
    expect(
      passengerRefusal(request, sophie, person({ readers: ['role:coordinator', 'user:marc'] })),
    ).toMatch(/quelqu’un d’autre/);
    expect(passengerRefusal(request, sophie, null)).toMatch(/inconnu/);
    expect(
      passengerRefusal(
        request,
        { name: 'claire', roles: ['coordinator'] },
        person({ readers: ['role:coordinator'] }),
      ),
    ).toBeNull();
  });
});

describe('who may update a task', () => {
  const claire = { name: 'claire', roles: ['coordinator'] };
  const marc = { name: 'marc', roles: ['relay'] };
  const task = (extra: Record<string, unknown> = {}) => ({
    _id: 'task:match_abc-callback',
    _rev: '1-abc',
    type: 'task',
    schema: 1,
    createdAt: at,
    createdBy: 'worker',
    updatedAt: at,
    updatedBy: 'worker',
    readers: ['role:coordinator', 'user:sophie'],
    kind: 'callback',
    text: 'Appeler Marie au 05 65 40 12 34 : Jean passe la prendre',
    assignee: 'sophie',
    personId: 'person:marie01',
    requestId: 'request:abc123',
    messageId: null,
    doneAt: null,
    doneBy: null,
    ...extra,
  });
  const done = (by: string, extra: Record<string, unknown> = {}) =>
    task({
      _rev: '2-def',
      updatedAt: now.toISOString(),
      updatedBy: by,
      doneAt: now.toISOString(),
      doneBy: by,
      outcome: 'told',
      ...extra,
    });

  it('lets the relay it is assigned to mark it done, offline revision history included', () => {
    expect(
      mayWriteTask(sophie, done('sophie', { _revisions: { start: 2, ids: ['def'] } }), task()),
    ).toBe(true);
    expect(
      mayWriteTask(
        sophie,
        task({ updatedBy: 'sophie', attempts: [{ at: now.toISOString(), by: 'sophie' }] }),
        task(),
      ),
    ).toBe(true);
  });

  it('refuses a relay any other field, another relay’s task, or a task she would create', () => {
    expect(mayWriteTask(sophie, done('sophie', { text: 'Rien' }), task())).toMatch(/issue/);
    expect(mayWriteTask(sophie, done('sophie', { assignee: 'marc' }), task())).toMatch(/issue/);
    expect(mayWriteTask(marc, done('marc'), task())).toMatch(/quelqu’un d’autre/);
    expect(mayWriteTask(sophie, done('sophie'), null)).toMatch(/serveur/);
    expect(mayWriteTask(sophie, done('sophie', { doneBy: 'marc' }), task())).toMatch(/doneBy/);
    expect(mayWriteTask(sophie, done('marc'), task())).toMatch(/updatedBy/);
  });

  it('lets a coordinator reassign any task, as long as the new relay can read it', () => {
    const reassigned = task({ updatedBy: 'claire', assignee: 'marc' });
    expect(
      mayWriteTask(claire, { ...reassigned, readers: ['role:coordinator', 'user:marc'] }, task()),
    ).toBe(true);
    expect(mayWriteTask(claire, reassigned, task())).toMatch(/relais chargé/);
    expect(mayWriteTask(claire, { ...reassigned, readers: ['user:marc'] }, task())).toMatch(
      /coordinateurs/,
    );
    expect(mayWriteTask(claire, done('claire', { createdBy: 'claire' }), task())).toMatch(
      /création/,
    );
    expect(mayWriteTask(claire, { _id: task()._id, _deleted: true }, task())).toMatch(
      /administrateur/,
    );
  });

  it('keeps every field but the outcome fields for a relay, whatever she changes (property)', () => {
    const fieldNames = Object.keys(task()).filter((f) => !['_rev', 'updatedBy'].includes(f));
    fc.assert(
      fc.property(fc.constantFrom(...fieldNames), fc.string(), (field, value) => {
        const changed = done('sophie', { [field]: value });
        const allowed = mayWriteTask(sophie, changed, task()) === true;
        const outcomeField = ['doneAt', 'doneBy', 'updatedAt', 'outcome', 'attempts'].includes(
          field,
        );
        if (!outcomeField && value !== (task() as Record<string, unknown>)[field])
          expect(allowed).toBe(false);
      }),
    );
  });
});

describe('an erasure and a withdrawn consent, against edits made before them', () => {
  const claire = { name: 'claire', roles: ['coordinator'] };
  const erasedAt = '2026-11-21T10:02:00.000Z';
  const stamp = { at: erasedAt, by: 'claire' };
  const original = person({
    lastName: 'Dupont',
    notes: 'Appeler le matin',
    phone: '+33612345678',
    phoneKind: 'mobile',
  });
  const erasure = eraseDoc(original, stamp);
  const erased: Record<string, unknown> = erasure.kind === 'write' ? erasure.doc : original;

  it('refuse a relay’s or a coordinator’s old edit that brings an erased person’s data back', () => {
    const oldEdit = { ...original, needs: 'Fauteuil', updatedBy: 'sophie' };
    expect(erased.firstName).toBe(ERASED_FIRST_NAME);
    expect(heldBackRefusal(sophie, oldEdit, erased)).toMatch(/effacée/);
    expect(heldBackRefusal(claire, { ...oldEdit, updatedBy: 'claire' }, erased)).toMatch(/effacée/);
    // Even the erased shape without its marker: the marker must win.
    const { erasedAt: _, ...unmarked } = erased;
    expect(heldBackRefusal(sophie, unmarked, erased)).toMatch(/effacée/);
  });

  it('let an erased person be edited when the edit keeps them erased', () => {
    expect(
      heldBackRefusal(claire, { ...erased, blocked: true, updatedBy: 'claire' }, erased),
    ).toBeNull();
  });

  it('refuse removing or changing consent.withdrawnAt, and let it be kept or set', () => {
    const withdrawn = person({
      consent: { by: 'sophie', method: 'oral', at, withdrawnAt: erasedAt },
    });
    const restored = person({ firstName: 'Marie-Anne' });
    expect(heldBackRefusal(sophie, restored, withdrawn)).toMatch(/consentement/);
    expect(heldBackRefusal(claire, restored, withdrawn)).toMatch(/consentement/);
    const redated = person({ consent: { by: 'sophie', method: 'oral', at, withdrawnAt: at } });
    expect(heldBackRefusal(sophie, redated, withdrawn)).toMatch(/consentement/);
    expect(
      heldBackRefusal(sophie, { ...withdrawn, firstName: 'Marie-Anne' }, withdrawn),
    ).toBeNull();
    expect(heldBackRefusal(sophie, withdrawn, person())).toBeNull();
  });

  it('leave the server’s own writes and new documents alone', () => {
    const admin = { name: 'app', roles: ['_admin'] };
    expect(heldBackRefusal(admin, original, erased)).toBeNull();
    expect(heldBackRefusal({ name: 'worker', roles: [] }, original, erased)).toBeNull();
    expect(heldBackRefusal(sophie, original, null)).toBeNull();
  });

  it('hold for any edit of a person whose stored revision is erased (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          lastName: fc.string({ minLength: 1, maxLength: 10 }),
          needs: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }),
        }),
        (personal) => {
          const edit = { ...erased, ...personal, updatedBy: 'sophie' };
          return heldBackRefusal(sophie, edit, erased) !== null;
        },
      ),
    );
  });
});
