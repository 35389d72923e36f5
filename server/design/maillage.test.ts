import { parse } from 'acorn';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { mayWrite } from '../../src/lib/domain/documents/access';
import { parseDoc } from '../../src/lib/domain/documents/parse';
import {
  sampleJeanTrip,
  sampleMarie,
  sampleRequest,
  sampleStamp,
} from '../../src/lib/domain/documents/test-docs';
import { designDocs, maillageDesignDoc, readsDesignDoc } from './maillage';

type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;

/** Compiles a stored function in a fresh context with nothing but what CouchDB provides (emit). */
function compile<T>(source: string, globals: Record<string, unknown> = {}): T {
  return vm.runInNewContext(`(${source})`, { ...globals }) as T;
}

const design = maillageDesignDoc();
const validate = compile<Validate>(design.validate_doc_update!);

const sophie = { name: 'sophie', roles: ['relay'] };
const admin = { name: 'admin', roles: ['_admin'] };
const worker = { name: 'worker', roles: ['worker'] };
const stamp = sampleStamp;
const trip = sampleJeanTrip;
const person = sampleMarie;
const request = sampleRequest;

function refusal(newDoc: unknown, oldDoc: unknown = null, user: unknown = sophie): string | null {
  try {
    validate(newDoc, oldDoc, user, {});
    return null;
  } catch (error) {
    const forbidden = (error as { forbidden?: unknown }).forbidden;
    if (typeof forbidden !== 'string') throw error;
    return forbidden;
  }
}

describe('design document sources', () => {
  const sources = designDocs().flatMap((doc) => [
    ...(doc.validate_doc_update === undefined ? [] : [doc.validate_doc_update]),
    ...Object.values(doc.views).map((v) => v.map),
  ]);

  it('are ES5 function expressions that any CouchDB engine parses', () => {
    for (const source of sources) {
      expect(source.startsWith('function (')).toBe(true);
      expect(() => parse(`(${source})`, { ecmaVersion: 5 })).not.toThrow();
    }
  });

  it('carry no helper injected by the bundler and no import', () => {
    for (const source of sources) expect(source).not.toMatch(/__name|require\(|import\b|=>|`/);
  });
});

describe('validate_doc_update', () => {
  it('accepts well-formed person, trip and request from a relay writing in her name', () => {
    expect(refusal(person)).toBeNull();
    expect(refusal(trip)).toBeNull();
    expect(refusal(request)).toBeNull();
    expect(refusal({ ...trip, _rev: '1-a', paused: true }, trip)).toBeNull();
  });

  it('refuses documents of our types missing type, schema, createdAt or updatedBy', () => {
    const { type: _t, ...noType } = trip;
    const { schema: _s, ...noSchema } = trip;
    const { createdAt: _c, ...noCreatedAt } = trip;
    const { updatedBy: _u, ...noUpdatedBy } = trip;
    expect(refusal(noType)).toMatch(/type/);
    expect(refusal(noSchema)).toMatch(/schema/);
    expect(refusal(noCreatedAt)).toMatch(/createdAt/);
    expect(refusal(noUpdatedBy, null, admin)).toMatch(/updatedBy/);
  });

  it('refuses an id that does not start with its type', () => {
    expect(refusal({ ...trip, _id: 'person:j3an0001' })).toMatch(/trip:/);
    expect(refusal({ ...trip, _id: 'j3an0001' })).toMatch(/trip:/);
  });

  it('refuses values no form can produce', () => {
    expect(refusal({ ...trip, seats: 5 })).toBe('Entre 1 et 4 places');
    expect(refusal({ ...request, seats: 0 })).toBe('Entre 1 et 4 places');
    expect(refusal({ ...trip, weekdays: [] })).toMatch(/jour/);
    expect(refusal({ ...trip, weekdays: [8] })).toMatch(/Jour/);
    expect(refusal({ ...trip, departure: '8h15' })).toMatch(/départ/);
    expect(refusal({ ...trip, toInsee: trip.fromInsee })).toMatch(/identiques/);
    expect(refusal({ ...trip, detourMinutes: 90 })).toMatch(/Détour/);
    expect(refusal({ ...request, earliest: '10:00', latest: '09:00' })).toMatch(/Créneau/);
    expect(refusal({ ...person, firstName: '' })).toMatch(/Prénom/);
    expect(refusal({ ...person, phone: null })).toMatch(/incohérents/);
    expect(refusal({ ...person, consent: null })).toMatch(/Consentement/);
  });

  it("refuses a relay writing in someone else's name or writing worker documents", () => {
    expect(refusal({ ...trip, updatedBy: 'paul' })).toMatch(/updatedBy/);
    expect(refusal({ ...trip, _id: 'ride:abcdef12', type: 'ride' })).toMatch(/serveur/);
    expect(
      refusal({ ...trip, _id: 'ride:abcdef12', type: 'ride', updatedBy: 'worker' }, null, worker),
    ).toBeNull();
  });

  it('lets people update a task the worker wrote, never create one', () => {
    const task = {
      _id: 'task:match_abc-callback',
      type: 'task',
      ...stamp,
      kind: 'callback',
      doneAt: null,
    };
    const done = { ...task, doneAt: stamp.updatedAt, doneBy: 'sophie', outcome: 'told' };
    expect(refusal(done, task)).toBeNull();
    expect(refusal(done, null)).toMatch(/serveur/);
    expect(refusal(done, { ...task, _deleted: true })).toMatch(/serveur/);
  });

  it('refuses a change of type or creation stamp', () => {
    expect(refusal({ ...trip, createdBy: 'paul' }, trip)).toMatch(/création/);
  });

  it('lets only admins delete, write design documents or unknown types', () => {
    const tombstone = { _id: trip._id, _rev: '2-b', _deleted: true };
    expect(refusal(tombstone, trip)).toMatch(/administrateur/);
    expect(refusal(tombstone, trip, admin)).toBeNull();
    // The worker takes back a revision that lost on a cluster (docs/cluster.md).
    expect(refusal(tombstone, trip, worker)).toBeNull();
    expect(refusal({ _id: '_design/other' })).toMatch(/administrateur/);
    expect(refusal({ _id: '_design/other' }, null, admin)).toBeNull();
    expect(refusal({ _id: 'settings:x', type: 'settings' })).toMatch(/inconnu/);
    expect(refusal({ _id: 'settings:x', type: 'settings' }, null, admin)).toBeNull();
  });

  it("checks admins' documents of our types too", () => {
    expect(refusal({ ...trip, seats: 9, updatedBy: 'admin' }, null, admin)).toBe(
      'Entre 1 et 4 places',
    );
  });
});

describe('views', () => {
  function keysOf(map: string, docs: unknown[]): unknown[] {
    const emitted: unknown[] = [];
    const fn = compile<(doc: unknown) => void>(map, { emit: (key: unknown) => emitted.push(key) });
    for (const doc of docs) fn(doc);
    return emitted;
  }
  const all = [
    person,
    trip,
    request,
    { ...person, _id: 'person:nophone0', phone: null, phoneKind: 'none' },
  ];

  it('index every document by type and update time', () => {
    expect(keysOf(design.views.by_type!.map, all)).toEqual([
      ['person', stamp.updatedAt],
      ['trip', stamp.updatedAt],
      ['request', stamp.updatedAt],
      ['person', stamp.updatedAt],
    ]);
  });

  it('index people by phone, skipping those without one', () => {
    expect(keysOf(design.views.people_by_phone!.map, all)).toEqual(['+33536490001']);
  });

  it('index each document under each of its readers but the coordinators, with its revision', () => {
    const rows: unknown[] = [];
    const fn = compile<(doc: unknown) => void>(readsDesignDoc().views.by_reader!.map, {
      emit: (key: unknown, value: unknown) => rows.push([key, value]),
    });
    for (const doc of [
      { ...person, _rev: '1-a', readers: ['role:coordinator', 'user:sophie', 'user:marc'] },
      { ...trip, _rev: '2-b', readers: ['role:coordinator'] },
      { ...request, _rev: '3-c', readers: 'user:sophie' },
    ])
      fn(doc);
    expect(rows).toEqual([
      [['user:sophie', person._id], '1-a'],
      [['user:marc', person._id], '1-a'],
    ]);
  });

  it('index trips by line and requests by date and window start', () => {
    expect(keysOf(design.views.trips_by_line!.map, all)).toEqual([['46143', '46102']]);
    expect(keysOf(design.views.requests_by_date!.map, all)).toEqual([['2026-11-26', '08:00']]);
  });

  it('index matches with no driver by their request date, skipping older ones without a date', () => {
    const match = (status: string, date?: string) => ({
      _id: `match:${status}${date ?? ''}`,
      type: 'match',
      requestId: 'request:r0000001',
      state: { status },
      ...(date ? { date } : {}),
    });
    const matches = [
      match('unmatched', '2026-11-26'),
      match('searching', '2026-11-27'),
      match('unmatched'),
      ...all,
    ];
    expect(keysOf(design.views.unmatched_by_date!.map, matches)).toEqual(['2026-11-26']);
  });
});

describe('the design document as the server really loads it (tsx)', () => {
  it('is ES5 with no injected helper after tsx’s own transform', () => {
    const script =
      "import { designDocs } from './server/design/maillage'; console.log(JSON.stringify(designDocs()));";
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: process.cwd(),
        encoding: 'utf8',
      },
    );
    const [ddoc] = JSON.parse(out) as ReturnType<typeof designDocs>;
    for (const source of [
      ddoc!.validate_doc_update!,
      ...Object.values(ddoc!.views).map((v) => v.map),
    ]) {
      expect(() => parse(`(${source})`, { ecmaVersion: 5 })).not.toThrow();
      expect(source).not.toMatch(/__name|=>/);
    }
    const fromTsx = compile<Validate>(ddoc!.validate_doc_update!);
    expect(() => fromTsx({ ...trip, seats: 7 }, null, sophie, {})).toThrow();
    expect(() => fromTsx(trip, null, sophie, {})).not.toThrow();
  });
});

describe('the database never refuses what the app accepts', () => {
  // A document the PWA validated and the proxy let through must not then be refused by
  // validate_doc_update, or it would sit in the sync queue forever.
  const time = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('08:15', '00:00', '23:59', '12:30') },
    { weight: 1, arbitrary: fc.constantFrom('8h15', '24:00', '7:30', '') },
  );
  const insee = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('46143', '46102', '2A004') },
    { weight: 1, arbitrary: fc.constantFrom('4610', 'Figeac') },
  );
  const tripArb = fc.record({
    fromInsee: insee,
    toInsee: insee,
    weekdays: fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { maxLength: 4 }),
    departure: time,
    returnDeparture: fc.option(time, { nil: null }),
    seats: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(2.5)),
    detourMinutes: fc.integer({ min: -5, max: 70 }),
  });
  const requestArb = fc.record({
    fromInsee: insee,
    toInsee: insee,
    date: fc.constantFrom('2026-11-26', '2026-02-30', '26/11/2026'),
    earliest: time,
    latest: time,
    seats: fc.integer({ min: -1, max: 6 }),
    channel: fc.constantFrom('sms', 'phone', 'relay', 'fax'),
  });
  const personArb = fc.record({
    firstName: fc.constantFrom('Marie', '', ' '),
    phone: fc.constantFrom(null, '+33612345678', '0612345678'),
    phoneKind: fc.constantFrom('mobile', 'landline', 'none', 'fax'),
  });

  it('for trips, requests and people written by the relay who may write them', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          tripArb.map((f) => ({ ...trip, ...f })),
          requestArb.map((f) => ({ ...request, ...f })),
          personArb.map((f) => ({ ...person, ...f })),
        ),
        (doc) => {
          fc.pre(parseDoc(doc).ok && mayWrite(sophie, doc, null) === true);
          expect(refusal(doc)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
