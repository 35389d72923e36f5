import { describe, expect, it } from 'vitest';
import { mayWrite, parseDoc } from '$lib/domain/documents';
import {
  personFormFromDoc,
  personInputFromForm,
  requestFormFromDoc,
  requestInputsFromForm,
  tripFormFromDoc,
  tripInputFromForm,
} from './forms';
import { DocumentFactory } from './prepare';

const sophie = { name: 'sophie', roles: ['relay'] };
const paul = { name: 'paul', roles: ['relay'] };
const created = new Date('2026-11-20T08:00:00Z');
const later = new Date('2026-11-22T09:00:00Z');
let n = 0;
const ids = () => `id${String(++n).padStart(6, '0')}`;
const creator = new DocumentFactory(sophie, { now: () => created }, ids);
const editor = new DocumentFactory(sophie, { now: () => later }, ids);

function made<T>(result: { ok: true; doc: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.doc;
}

const marie = {
  ...made(
    creator.person(
      {
        firstName: 'Marie',
        lastName: 'Delpech',
        phone: '05 65 40 12 34',
        homeInsee: '46057',
        needs: 'Canne',
        roles: ['passenger'],
        consentMethod: 'written',
      },
      '2026-11-19T12:00:00.000Z',
    ),
  ),
  _rev: '1-a',
};

describe('DocumentFactory edits', () => {
  it('keeps the consent, the creation stamp and the readers of a person, and stamps the edit', () => {
    const values = { ...personFormFromDoc(marie), phone: '06 12 34 56 78', needs: '' };
    const edited = made(editor.editPerson(marie, personInputFromForm(values)));
    expect(edited).toMatchObject({
      _id: marie._id,
      _rev: '1-a',
      phone: '+33612345678',
      phoneKind: 'mobile',
      consent: marie.consent,
      createdAt: created.toISOString(),
      createdBy: 'sophie',
      updatedAt: later.toISOString(),
      updatedBy: 'sophie',
      readers: marie.readers,
    });
    expect('needs' in edited).toBe(false);
    expect(parseDoc(edited).ok).toBe(true);
    expect(mayWrite(sophie, edited, marie)).toBe(true);
  });

  it('keeps a coordinator’s block, its reason, who and when, through an edit of the person', () => {
    const block = {
      blocked: true,
      blockedReason: 'Ne vient jamais',
      blockedAt: created.toISOString(),
      blockedBy: 'coordination',
    };
    const blocked = { ...marie, ...block };
    const edited = made(
      editor.editPerson(blocked, personInputFromForm(personFormFromDoc(blocked))),
    );
    expect(edited).toMatchObject(block);
    expect(parseDoc(edited).ok).toBe(true);
  });

  it('refuses to edit an erased person, with the server’s reason, rather than drop the erasure', () => {
    const erased = { ...marie, erasedAt: later.toISOString() };
    const result = editor.editPerson(erased, personInputFromForm(personFormFromDoc(marie)));
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: '', message: 'Cette personne a été effacée : ses données ne reviennent pas' },
      ],
    });
  });

  it('refuses, with the server’s reason, to edit what another relay recorded', () => {
    const result = new DocumentFactory(paul, { now: () => later }).editPerson(
      marie,
      personInputFromForm(personFormFromDoc(marie)),
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '', message: 'Un relais n’écrit que les documents qu’il peut lire' }],
    });
  });

  it('pauses and resumes a trip, and an edit keeps the pause', () => {
    const trip = {
      ...made(
        creator.trip({
          driverId: marie._id,
          fromInsee: '46057',
          toInsee: '46102',
          weekdays: [4, 1],
          departure: '8h',
          returnDeparture: '',
          validUntil: '',
          seats: 2,
          detourMinutes: 10,
          validFrom: '2026-11-20',
        }),
      ),
      _rev: '1-b',
    };
    const paused = made(editor.setPaused(trip, true));
    expect(paused).toMatchObject({ paused: true, _rev: '1-b', updatedAt: later.toISOString() });
    const edited = made(
      editor.editTrip(
        { ...paused, _rev: '2-c' },
        tripInputFromForm({ ...tripFormFromDoc(paused), departure: '7h45' }, 'person:other1'),
      ),
    );
    expect(edited).toMatchObject({ paused: true, departure: '07:45', driverId: marie._id });
    expect(made(editor.setPaused(edited, false)).paused).toBe(false);
  });

  it('edits the window of a request, cancels it, and then refuses to change it', () => {
    const request = {
      ...made(
        creator.request({
          passengerId: marie._id,
          fromInsee: '46057',
          toInsee: '46102',
          date: '2026-11-26',
          earliest: '8h',
          latest: '9h30',
          seats: 1,
          channel: 'relay',
        }),
      ),
      _rev: '1-d',
    };
    const values = { ...requestFormFromDoc(request), latest: '10h', note: 'Cardiologue à 10h30' };
    const { outbound } = requestInputsFromForm(values, request.passengerId);
    const edited = made(editor.editRequest(request, outbound));
    expect(edited).toMatchObject({ latest: '10:00', note: 'Cardiologue à 10h30', returnOf: null });
    const cancelled = made(editor.cancelRequest(edited));
    expect(cancelled.cancelledAt).toBe(later.toISOString());
    expect(editor.cancelRequest(cancelled).ok).toBe(false);
    expect(editor.editRequest(cancelled, outbound)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'Une demande annulée ne change plus' }],
    });
  });

  it('reports a bad window on the field, as for a new request', () => {
    const request = made(
      creator.request({
        passengerId: marie._id,
        fromInsee: '46057',
        toInsee: '46102',
        date: '2026-11-26',
        earliest: '8h',
        latest: '9h30',
        seats: 1,
        channel: 'relay',
      }),
    );
    const { outbound } = requestInputsFromForm(
      { ...requestFormFromDoc(request), latest: '7h' },
      request.passengerId,
    );
    const result = editor.editRequest(request, outbound);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('latest');
  });
});
