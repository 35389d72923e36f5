import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayWrite } from '../../src/lib/domain/documents/access';
import { normalizePhone } from '../../src/lib/domain/documents/phone';
import { parseDoc } from '../../src/lib/domain/documents/parse';
import type { Person, RideRequest, Trip } from '../../src/lib/domain/documents/schemas';
import type { Commune } from '../../src/lib/domain/gazetteer/types';
import { seededRandom } from '../couch/seed-demo';
import { addDays, isoWeekday, localDateOf } from '../../src/lib/domain/schedule/calendar';
import { isFrenchPublicHoliday } from '../../src/lib/domain/schedule/holidays';
import { buildDemoData } from './demo';

/** The generated gazetteer when present, else the official list it is built from. */
function lotCommunes(): Commune[] {
  const generated = join(process.cwd(), 'data', 'gazetteer.json');
  if (existsSync(generated)) return JSON.parse(readFileSync(generated, 'utf8')).communes;
  const official = createRequire(import.meta.url)(
    '@etalab/decoupage-administratif/data/communes.json',
  ) as Array<{
    code: string;
    nom: string;
    departement: string;
    type: string;
  }>;
  return official
    .filter((c) => c.departement === '46' && c.type === 'commune-actuelle')
    .map((c) => ({
      insee: c.code,
      name: c.nom,
      aliases: [],
      postcodes: [],
      population: 0,
      dept: '46',
      lon: 0,
      lat: 0,
      commonWord: false,
    }));
}

const communes = lotCommunes();
// A Saturday evening in Paris; "coming days" are counted from there.
const now = new Date('2026-11-21T18:30:00Z');
const build = () => buildDemoData({ now, communes, random: seededRandom(46) });
const demo = build();
const people = demo.docs.filter((d): d is Person => d.type === 'person');
const trips = demo.docs.filter((d): d is Trip => d.type === 'trip');
const requests = demo.docs.filter((d): d is RideRequest => d.type === 'request');

describe('buildDemoData', () => {
  it('gives a coordinator and the two relays fixed demo passwords', () => {
    expect(demo.users.map((u) => [u.name, u.password, u.roles.join()])).toEqual([
      ['coordination', 'demo-coordination', 'coordinator'],
      ['sophie', 'demo-sophie', 'relay'],
      ['paul', 'demo-paul', 'relay'],
    ]);
  });

  it('builds only documents that parseDoc accepts', () => {
    for (const doc of demo.docs) {
      const result = parseDoc(doc);
      expect(result.ok ? 'ok' : `${doc._id}: ${JSON.stringify(result.errors)}`).toBe('ok');
    }
  });

  it('builds documents their author may write', () => {
    for (const doc of demo.docs) {
      const author = demo.users.find((u) => u.name === doc.createdBy)!;
      expect(mayWrite(author, doc, null)).toBe(true);
    }
  });

  it('has about thirty drivers with regular trips and twenty passengers', () => {
    const drivers = people.filter((p) => p.roles.includes('driver'));
    expect(drivers.length).toBeGreaterThanOrEqual(28);
    expect(people.filter((p) => p.roles.includes('passenger')).length).toBeGreaterThanOrEqual(20);
    expect(trips.length).toBeGreaterThanOrEqual(drivers.length);
    expect(new Set(trips.map((t) => t.driverId))).toEqual(new Set(drivers.map((d) => d._id)));
  });

  it('uses only communes of the gazetteer', () => {
    const known = new Set(communes.map((c) => c.insee));
    const used = [
      ...people.map((p) => p.homeInsee),
      ...[...trips, ...requests].flatMap((d) => [d.fromInsee, d.toInsee]),
    ];
    expect(used.filter((insee) => !known.has(insee))).toEqual([]);
  });

  it('includes scenario 2’s Jean, registered by Sophie', () => {
    const jean = people.find((p) => p.firstName === 'Jean')!;
    const trip = trips.find((t) => t.driverId === jean._id);
    expect(trip).toMatchObject({
      fromInsee: '46143',
      toInsee: '46102',
      weekdays: [2, 4],
      departure: '08:15',
      returnDeparture: '17:30',
      detourMinutes: 10,
      seats: 3,
      createdBy: 'sophie',
      readers: ['role:coordinator', 'user:sophie'],
    });
    expect(jean.phoneKind).toBe('mobile');
  });

  it('gives everyone a unique phone in the fiction ranges, or none', () => {
    const phones = people.flatMap((p) => (p.phone ? [p.phone] : []));
    expect(new Set(phones).size).toBe(phones.length);
    for (const person of people) {
      if (person.phone === null) continue;
      expect(person.phone).toMatch(/^\+33(63998|53649)\d{4}$/);
      expect(normalizePhone(person.phone).phoneKind).toBe(person.phoneKind);
    }
    expect(people.some((p) => p.phoneKind === 'landline')).toBe(true);
    expect(people.some((p) => p.phoneKind === 'none')).toBe(true);
  });

  it('records consent for everyone, collected by whoever registered them, in the past', () => {
    for (const person of people) {
      expect(person.consent.by).toBe(person.createdBy);
      expect(Date.parse(person.consent.at)).toBeLessThan(now.getTime());
    }
  });

  it('puts a few requests in the coming days, one with its return leg and one cancelled', () => {
    const today = localDateOf(now);
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const request of requests) {
      expect(request.date > today).toBe(true);
      expect(request.date <= addDays(today, 7)).toBe(true);
    }
    const back = requests.find((r) => r.returnOf !== null)!;
    expect(requests.find((r) => r._id === back.returnOf)?.date).toBe(back.date);
    expect(requests.filter((r) => r.cancelledAt !== null)).toHaveLength(1);
  });

  // The simulated phone's demo (tests/e2e/telephone.spec.ts) answers OUI as a driver asked about
  // a passenger who can read an SMS: whatever the day the demo is opened, a driver must run that
  // ride, not leave the request for a Saturday no weekday trip serves.
  it('has, on any day of the year, a texting passenger’s ride that a demo trip runs', () => {
    for (let day = 0; day < 366; day += 1) {
      const at = new Date(now.getTime() + day * 86_400_000);
      const data = buildDemoData({ now: at, communes, random: seededRandom(46) });
      const byId = new Map(data.docs.map((d) => [d._id, d]));
      const served = data.docs.filter((d): d is RideRequest => {
        if (d.type !== 'request' || d.cancelledAt !== null) return false;
        const passenger = byId.get(d.passengerId) as Person;
        return (
          passenger.phoneKind === 'mobile' &&
          !isFrenchPublicHoliday(d.date) &&
          data.docs.some(
            (t) =>
              t.type === 'trip' &&
              t.fromInsee === d.fromInsee &&
              t.toInsee === d.toInsee &&
              t.weekdays.includes(isoWeekday(d.date)),
          )
        );
      });
      expect(served.length, localDateOf(at)).toBeGreaterThanOrEqual(2);
    }
  });

  it('is the same for the same seed and time, and ids change with the seed', () => {
    expect(build()).toEqual(demo);
    const other = buildDemoData({ now, communes, random: seededRandom(7) });
    expect(other.docs[0]!._id).not.toBe(demo.docs[0]!._id);
    expect(new Set(demo.docs.map((d) => d._id)).size).toBe(demo.docs.length);
  });

  it('says which commune is missing when the gazetteer lacks one', () => {
    const withoutFigeac = communes.filter((c) => c.insee !== '46102');
    expect(() => buildDemoData({ now, communes: withoutFigeac, random: seededRandom(46) })).toThrow(
      /46102/,
    );
  });
});
