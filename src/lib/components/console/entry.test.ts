import { describe, expect, it } from 'vitest';
import { DocumentFactory } from '$lib/db/prepare';
import type { Person } from '$lib/domain/documents';
import { sampleMarie } from '$lib/domain/documents/test-docs';
import { buildEntry, personWithPhone, type Entry } from './entry';

const NOW = new Date('2026-11-23T10:00:00Z');
let n = 0;
const factory = new DocumentFactory(
  { name: 'coordination', roles: ['coordinator'] },
  { now: () => NOW },
  () => `random${String(++n).padStart(4, '0')}`,
);
const marie = {
  ...(sampleMarie as unknown as Person),
  phone: '+33565401234',
  phoneKind: 'landline',
} as Person;

const entry = (over: Partial<Entry> = {}): Entry => ({
  phone: '06 39 98 03 02',
  person: null,
  firstName: '',
  fromInsee: '46045',
  toInsee: '46102',
  when: { date: '2026-11-26', earliest: '08:00', latest: '09:30' },
  channel: 'sms',
  ...over,
});

describe('a request recorded at the console', () => {
  it('finds the person by phone however it is typed', () => {
    expect(personWithPhone([marie], '05 65 40 12 34')?._id).toBe(marie._id);
    expect(personWithPhone([marie], '+33 5 65 40 12 35')).toBeNull();
  });

  it('registers an unknown phone as the worker would, then the request under the given id', () => {
    const result = buildEntry(factory, entry({ requestId: 'request:sms-abcdefgh' }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [person, request] = result.docs;
    expect(person).toMatchObject({
      type: 'person',
      firstName: 'Inconnu (SMS)',
      phone: '+33639980302',
      phoneKind: 'mobile',
      homeInsee: '46045',
      consent: { method: 'sms', by: 'coordination' },
    });
    expect(request).toMatchObject({
      _id: 'request:sms-abcdefgh',
      passengerId: person!._id,
      channel: 'sms',
      date: '2026-11-26',
    });
  });

  it('uses the person already known, and says what is missing in French', () => {
    const known = buildEntry(factory, entry({ person: marie, channel: 'phone' }));
    expect(known.ok && known.docs.map((d) => d.type)).toEqual(['request']);
    const missing = buildEntry(
      factory,
      entry({ when: { date: null, earliest: null, latest: null } }),
    );
    expect(missing).toMatchObject({ ok: false, errors: [{ path: 'when' }, { path: 'when' }] });
    const same = buildEntry(factory, entry({ person: marie, toInsee: '46045' }));
    expect(same).toMatchObject({ ok: false, errors: [{ path: 'toInsee' }] });
  });
});
