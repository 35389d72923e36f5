import { describe, expect, it } from 'vitest';
import { parseWith, personInputSchema, requestInputSchema } from '$lib/domain/documents';
import {
  checkConsent,
  consentInstant,
  errorsByField,
  fieldOfPath,
  personInputFromForm,
  requestInputsFromForm,
  type PersonFormValues,
  type RequestFormValues,
} from './forms';

const marie: PersonFormValues = {
  firstName: 'Marie',
  lastName: '',
  phone: '05 65 40 12 34',
  homeInsee: '46057',
  address: '',
  needs: 'Marche avec une canne',
  passenger: true,
  driver: false,
  consentGiven: true,
  consentMethod: 'oral',
  consentDate: '2026-11-24',
};

const request: RequestFormValues = {
  fromInsee: '46057',
  toInsee: '46102',
  date: '2026-11-26',
  earliest: '8h',
  latest: '9h30',
  seats: 1,
  channel: 'relay',
  note: '',
  withReturn: true,
  returnDate: '2026-11-26',
  returnEarliest: '11h30',
  returnLatest: '12h30',
};

describe('form values to domain inputs', () => {
  it('turns the role checkboxes into roles the person schema accepts', () => {
    const parsed = parseWith(personInputSchema, personInputFromForm({ ...marie, driver: true }));
    expect(parsed.ok && parsed.doc.roles).toEqual(['passenger', 'driver']);
    expect(parsed.ok && parsed.doc.phoneKind).toBe('landline');
  });

  it('refuses a person with no role, on the roles field', () => {
    const parsed = parseWith(
      personInputSchema,
      personInputFromForm({ ...marie, passenger: false }),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(errorsByField(parsed.errors))).toContain('roles');
  });

  it('asks for consent when the box is not ticked', () => {
    expect(checkConsent({ ...marie, consentGiven: false })).toHaveProperty('consentGiven');
    expect(checkConsent(marie)).toEqual({});
  });

  it('stamps a consent given today now, and one given earlier at noon of that day', () => {
    const now = new Date('2026-11-24T09:42:00Z');
    expect(consentInstant('2026-11-24', '2026-11-24', now)).toBe('2026-11-24T09:42:00.000Z');
    expect(consentInstant('2026-11-20', '2026-11-24', now)).toBe('2026-11-20T12:00:00.000Z');
  });

  it('makes the return leg go the other way, with its own window', () => {
    const { outbound, returnLeg } = requestInputsFromForm(request, 'person:abcdef12');
    expect(outbound).toMatchObject({ fromInsee: '46057', toInsee: '46102', earliest: '8h' });
    expect(returnLeg).toMatchObject({ fromInsee: '46102', toInsee: '46057', earliest: '11h30' });
    const parsed = parseWith(requestInputSchema, { ...returnLeg, returnOf: 'request:abcdef12' });
    expect(parsed.ok && [parsed.doc.earliest, parsed.doc.latest]).toEqual(['11:30', '12:30']);
  });

  it('has no return leg when none is asked', () => {
    expect(
      requestInputsFromForm({ ...request, withReturn: false }, 'person:abcdef12').returnLeg,
    ).toBeNull();
  });

  it("shows the return leg's errors on the return fields", () => {
    const parsed = parseWith(requestInputSchema, {
      ...requestInputsFromForm({ ...request, returnLatest: '11h' }, 'person:abcdef12').returnLeg,
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(errorsByField(parsed.errors, 'return')).toHaveProperty('returnLatest');
  });

  it('maps nested schema paths to the fields that show them', () => {
    expect(fieldOfPath('consent.method')).toBe('consentMethod');
    expect(fieldOfPath('weekdays.0')).toBe('weekdays');
    expect(fieldOfPath('earliest', 'return')).toBe('returnEarliest');
  });
});
