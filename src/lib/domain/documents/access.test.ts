import { describe, expect, it } from 'vitest';
import { mayRead, mayWrite, readersFor } from './access';

const sophie = { name: 'sophie', roles: ['relay'] };
const paul = { name: 'paul', roles: ['relay'] };
const coordination = { name: 'coordination', roles: ['coordinator'] };
const admin = { name: 'root', roles: ['admin'] };
const worker = { name: 'worker', roles: ['worker'] };
const nobody = { name: 'guest', roles: [] };

const bySophie = {
  _id: 'person:abcdef12',
  type: 'person',
  createdAt: '2026-11-24T09:15:00.000Z',
  createdBy: 'sophie',
  updatedBy: 'sophie',
  readers: ['role:coordinator', 'user:sophie'],
};

describe('readersFor', () => {
  it('lets coordinators and the relay who recorded it read a document', () => {
    expect(readersFor('person', sophie)).toEqual(['role:coordinator', 'user:sophie']);
  });

  it("gives the worker's own documents to coordinators only", () => {
    expect(readersFor('person', worker)).toEqual(['role:coordinator']);
  });
});

describe('mayWrite', () => {
  it('lets a relay create and update a document she can read', () => {
    expect(mayWrite(sophie, bySophie, null)).toBe(true);
    expect(mayWrite(sophie, { ...bySophie, _rev: '1-a' }, bySophie)).toBe(true);
  });

  it('refuses a relay a document someone else recorded, even if she adds herself to its readers', () => {
    const byPaul = {
      ...bySophie,
      createdBy: 'paul',
      updatedBy: 'paul',
      readers: ['role:coordinator', 'user:paul'],
    };
    expect(mayWrite(sophie, { ...byPaul, updatedBy: 'sophie' }, byPaul)).toMatch(/qu’il peut lire/);
    expect(
      mayWrite(
        sophie,
        { ...byPaul, updatedBy: 'sophie', readers: [...byPaul.readers, 'user:sophie'] },
        byPaul,
      ),
    ).toMatch(/quelqu’un d’autre/);
    expect(mayWrite(paul, { ...bySophie, updatedBy: 'paul' }, null)).toMatch(/qu’il peut lire/);
  });

  it('refuses a document hidden from coordinators', () => {
    expect(mayWrite(sophie, { ...bySophie, readers: ['user:sophie'] }, null)).toMatch(
      /coordinateurs/,
    );
  });

  it('lets a coordinator write any person, trip or request', () => {
    const doc = { ...bySophie, type: 'trip', _id: 'trip:abcdef12', updatedBy: 'coordination' };
    expect(mayWrite(coordination, doc, { ...doc, updatedBy: 'sophie' })).toBe(true);
  });

  it('keeps match, ride, message and conversation for the worker', () => {
    for (const type of ['match', 'ride', 'message', 'conversation']) {
      const doc = { ...bySophie, type, updatedBy: 'coordination' };
      expect(mayWrite(coordination, doc, null)).toMatch(/Seul le serveur/);
      expect(mayWrite(worker, { ...doc, updatedBy: 'worker' }, null)).toBe(true);
    }
  });

  it('requires updatedBy to name the user who writes', () => {
    expect(mayWrite(sophie, { ...bySophie, updatedBy: 'coordination' }, null)).toBe(
      'updatedBy doit être « sophie »',
    );
    expect(mayWrite(admin, bySophie, null)).toMatch(/updatedBy/);
  });

  it('never lets an update change the type or the creation stamp', () => {
    expect(
      mayWrite(coordination, { ...bySophie, type: 'trip', updatedBy: 'coordination' }, bySophie),
    ).toMatch(/type/);
    expect(mayWrite(sophie, { ...bySophie, createdBy: 'paul' }, bySophie)).toMatch(/création/);
  });

  it('lets only an admin delete', () => {
    const tombstone = { _id: bySophie._id, _rev: '2-b', _deleted: true };
    expect(mayWrite(sophie, tombstone, bySophie)).toMatch(/administrateur/);
    expect(mayWrite(coordination, tombstone, bySophie)).toMatch(/administrateur/);
    expect(mayWrite(admin, tombstone, bySophie)).toBe(true);
  });

  it('never lets an offline edit bring back a document an admin deleted', () => {
    expect(mayWrite(sophie, bySophie, { _deleted: true })).toBe('Ce document a été supprimé');
    expect(
      mayWrite(coordination, { ...bySophie, updatedBy: 'coordination' }, { _deleted: true }),
    ).toBe('Ce document a été supprimé');
    expect(mayWrite(admin, { ...bySophie, updatedBy: 'root' }, { _deleted: true })).toBe(true);
  });

  it('lets an admin write anything in their own name', () => {
    expect(mayWrite(admin, { ...bySophie, type: 'ride', updatedBy: 'root' }, null)).toBe(true);
  });

  it('refuses a user with no role', () => {
    expect(
      mayWrite(
        nobody,
        { ...bySophie, updatedBy: 'guest', readers: ['role:coordinator', 'user:guest'] },
        null,
      ),
    ).toMatch(/rôle/);
  });
});

describe('mayRead', () => {
  it('shows a document to its relay and to coordinators, not to another relay', () => {
    expect(mayRead(sophie, bySophie)).toBe(true);
    expect(mayRead(coordination, bySophie)).toBe(true);
    expect(mayRead(paul, bySophie)).toBe(false);
  });
});
