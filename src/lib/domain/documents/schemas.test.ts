import { describe, expect, it } from 'vitest';
import {
  buildPerson,
  buildRequest,
  buildTrip,
  personInputSchema,
  requestInputSchema,
  tripInputSchema,
} from './inputs';
import { newDocId, parseDoc, parseWith, stampDoc, typeOfId, type DocError } from './parse';
import { sampleJeanTrip, sampleMarie, sampleRequest } from './test-docs';

const now = new Date('2026-11-24T09:15:00Z');
const marie = sampleMarie;
const jeanTrip = sampleJeanTrip;
const request = sampleRequest;

const messages = (errors: readonly DocError[]) => errors.map((e) => `${e.path}: ${e.message}`);
function errorsOf(input: unknown): string[] {
  const result = parseDoc(input);
  if (result.ok) throw new Error('expected errors, document was accepted');
  return messages(result.errors);
}

describe('parseDoc', () => {
  it('accepts a person, a trip and a request written per docs/data-model.md', () => {
    for (const doc of [marie, jeanTrip, request]) {
      const result = parseDoc(doc);
      expect(result.ok ? result.doc.type : messages(result.errors)).toBe(doc.type);
    }
  });

  it('keeps _rev but drops fields the model does not know', () => {
    const result = parseDoc({ ...marie, _rev: '1-abc', shoeSize: 42 });
    expect(result.ok && result.doc).toMatchObject({ _rev: '1-abc' });
    expect(result.ok && 'shoeSize' in result.doc).toBe(false);
  });

  it('refuses an unknown type or something that is not an object', () => {
    expect(errorsOf({ ...marie, type: 'match' })).toEqual([
      'type: Type de document inconnu (person, trip ou request attendu)',
    ]);
    expect(errorsOf('person')).toEqual([': Document attendu (objet JSON)']);
    expect(errorsOf(null)).toHaveLength(1);
  });

  it('says in French that the first name is required', () => {
    expect(errorsOf({ ...marie, firstName: '  ' })).toContain(
      'firstName: Le prénom est obligatoire',
    );
    const { firstName: _, ...withoutName } = marie;
    expect(errorsOf(withoutName)).toContain('firstName: Le prénom est obligatoire');
  });

  it('refuses an id without its type prefix or with spaces in it', () => {
    expect(errorsOf({ ...marie, _id: 'trip:m4r1e000' })[0]).toMatch(
      /^_id: L'identifiant doit commencer par « person: »/,
    );
    expect(errorsOf({ ...marie, _id: 'person:Marie Dupont' })[0]).toMatch(/^_id:/);
  });

  it('refuses a missing stamp, a schema version it does not know and an empty reader list', () => {
    const { createdAt: _, ...noCreatedAt } = marie;
    expect(errorsOf(noCreatedAt)[0]).toMatch(/^createdAt:/);
    expect(errorsOf({ ...marie, schema: 2 })).toEqual([
      'schema: Version de document inconnue (schema 1 attendu)',
    ]);
    expect(errorsOf({ ...marie, readers: [] })).toEqual(['readers: Au moins un lecteur']);
    expect(errorsOf({ ...marie, updatedAt: '24/11/2026' })[0]).toMatch(
      /^updatedAt: Date et heure attendues/,
    );
  });

  it('refuses a person without consent or role, and a phone kind that contradicts the number', () => {
    const { consent: _, ...noConsent } = marie;
    expect(errorsOf(noConsent)).toEqual(['consent: Le consentement est obligatoire']);
    expect(errorsOf({ ...marie, roles: [] })).toEqual([
      'roles: Choisissez passager, conducteur ou les deux',
    ]);
    expect(errorsOf({ ...marie, phone: null })).toEqual([
      'phoneKind: Le type de téléphone ne correspond pas au numéro',
    ]);
    expect(errorsOf({ ...marie, phone: '05 65 40 12 34' })[0]).toMatch(
      /^phone: Numéro attendu au format international/,
    );
  });

  it('refuses a trip with no day, the same start and end, too many seats or too long a detour', () => {
    expect(errorsOf({ ...jeanTrip, weekdays: [] })).toEqual([
      'weekdays: Choisissez au moins un jour',
    ]);
    expect(errorsOf({ ...jeanTrip, weekdays: [0] })).toEqual(['weekdays.0: Jour inconnu']);
    expect(errorsOf({ ...jeanTrip, toInsee: '46143' })).toEqual([
      "toInsee: Le départ et l'arrivée doivent être différents",
    ]);
    expect(errorsOf({ ...jeanTrip, seats: 5 })).toEqual(['seats: Entre 1 et 4 places']);
    expect(errorsOf({ ...jeanTrip, seats: 0 })).toEqual(['seats: Entre 1 et 4 places']);
    expect(errorsOf({ ...jeanTrip, detourMinutes: 61 })).toEqual([
      'detourMinutes: Le détour accepté doit être entre 0 et 60 minutes',
    ]);
    expect(errorsOf({ ...jeanTrip, departure: '8h15' })).toEqual([
      "departure: L'heure doit être au format 8h30 ou 08:30",
    ]);
    expect(errorsOf({ ...jeanTrip, validUntil: '2026-10-01' })).toEqual([
      'validUntil: La fin de validité doit suivre le début',
    ]);
  });

  it('refuses a request whose window ends before it starts, or on an impossible date', () => {
    expect(errorsOf({ ...request, earliest: '09:30', latest: '08:00' })).toEqual([
      "latest: L'heure de fin doit être après l'heure de début",
    ]);
    expect(errorsOf({ ...request, date: '2026-11-31' })).toEqual([
      'date: Choisissez la date du trajet',
    ]);
    expect(errorsOf({ ...request, channel: 'pigeon' })).toEqual([
      'channel: Canal inconnu (sms, téléphone ou relais)',
    ]);
    expect(errorsOf({ ...request, returnOf: 'person:m4r1e000' })).toEqual([
      'returnOf: Le trajet aller est inconnu',
    ]);
  });
});

describe('newDocId and stampDoc', () => {
  it('prefixes the random part with the type and refuses a random part that could hold a name', () => {
    expect(newDocId('person', () => 'a1b2c3d4e5')).toBe('person:a1b2c3d4e5');
    expect(typeOfId('person:a1b2c3d4e5')).toBe('person');
    expect(() => newDocId('person', () => 'Marie Dupont')).toThrow(RangeError);
  });

  it('keeps the creation stamp and readers on update and moves the update stamp', () => {
    const later = new Date('2026-11-25T10:00:00Z');
    const updated = stampDoc(marie, { user: 'coordination', now: later });
    expect(updated).toMatchObject({
      createdAt: marie.createdAt,
      createdBy: 'sophie',
      updatedAt: '2026-11-25T10:00:00.000Z',
      updatedBy: 'coordination',
      readers: marie.readers,
    });
  });

  it('refuses to stamp a new document without readers', () => {
    expect(() => stampDoc({ type: 'person' }, { user: 'sophie', now })).toThrow(TypeError);
  });
});

describe('form inputs', () => {
  const ctx = (type: 'person' | 'trip' | 'request') => ({
    id: newDocId(type, () => 'abcdef123'),
    user: 'sophie',
    now,
    readers: ['role:coordinator', 'user:sophie'],
  });

  it('turns a registration form into a valid person with normalised phone and consent by the relay', () => {
    const parsed = parseWith(personInputSchema, {
      firstName: 'Marie',
      lastName: '',
      phone: '05 65 40 12 34',
      homeInsee: '46057',
      roles: ['passenger'],
      consentMethod: 'oral',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const person = buildPerson(parsed.doc, ctx('person'));
    expect(person).toMatchObject({
      phone: '+33565401234',
      phoneKind: 'landline',
      consent: { by: 'sophie', method: 'oral' },
    });
    expect('lastName' in person).toBe(false);
    expect(parseDoc(person).ok).toBe(true);
  });

  it('reports a bad phone on the phone field', () => {
    const parsed = parseWith(personInputSchema, {
      firstName: 'Marie',
      phone: '06 12',
      homeInsee: '46057',
      roles: ['passenger'],
      consentMethod: 'oral',
    });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(['phone']);
  });

  it('reads typed times in a trip form and sorts its days', () => {
    const parsed = parseWith(tripInputSchema, {
      driverId: 'person:j3an0000',
      fromInsee: '46143',
      toInsee: '46102',
      weekdays: [4, 2],
      departure: '8h15',
      returnDeparture: '',
      seats: 3,
      detourMinutes: 10,
      validFrom: '2026-11-01',
      validUntil: '',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const trip = buildTrip(parsed.doc, ctx('trip'));
    expect(trip).toMatchObject({
      weekdays: [2, 4],
      departure: '08:15',
      returnDeparture: null,
      validUntil: null,
      paused: false,
    });
    expect(parseDoc(trip).ok).toBe(true);
  });

  it('says which field of a request form is wrong', () => {
    const parsed = parseWith(requestInputSchema, {
      passengerId: 'person:m4r1e000',
      fromInsee: '46057',
      toInsee: '46102',
      date: '2026-11-26',
      earliest: 'vers 8h',
      latest: '9h30',
      seats: 1,
      channel: 'relay',
    });
    expect(parsed.ok ? [] : messages(parsed.errors)).toEqual([
      "earliest: L'heure doit être au format 8h30 ou 08:30",
    ]);
  });

  it('builds a valid request from a form with a typed window', () => {
    const parsed = parseWith(requestInputSchema, {
      passengerId: 'person:m4r1e000',
      fromInsee: '46057',
      toInsee: '46102',
      date: '2026-11-26',
      earliest: '8h',
      latest: '9h30',
      seats: 1,
      channel: 'relay',
      note: 'rendez-vous à 10h',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const doc = buildRequest(parsed.doc, ctx('request'));
    expect(doc).toMatchObject({
      earliest: '08:00',
      latest: '09:30',
      returnOf: null,
      cancelledAt: null,
    });
    expect(parseDoc(doc).ok).toBe(true);
  });
});
