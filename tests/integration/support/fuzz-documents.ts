// Documents and ids for the fuzz test: what the PWA writes, its near-misses (forged stamps,
// unknown fields, 64 KB, deletions, attachments) and plain JSON.
import fc from 'fast-check';

export const at = '2026-11-21T10:00:00.000Z';
const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
export const rev = fc.oneof(
  hex.map((h) => `1-${h}`),
  fc.constantFrom('1-abc', '0-1', 'x', '', '2-', '-1-ab', '99999999999999999999-a'),
  fc.string(),
);
const suffix = fc.stringMatching(/^[A-Za-z0-9_-]{6,12}$/);
export const docId = fc.oneof(
  suffix.map((s) => `person:${s}`),
  suffix.map((s) => `request:${s}`),
  suffix.map((s) => `trip:${s}`),
  suffix.map((s) => `match:${s}`),
  fc.constantFrom(
    // Another relay's documents, seeded by the fuzz test: a relay must never get them.
    'match:marcsecret01',
    'ride:marcsecret02',
    '_design/maillage',
    '_design/worker',
    '_local/worker-main',
    '_local/Jx0a.b_cD9EfGhIjKlMnOp==',
    '_users',
    '_foo',
    '',
    'org.couchdb.user:sophie',
  ),
  fc.string({ maxLength: 20 }),
);
export const checkpoint = fc.constantFrom(
  'Jx0a.b_cD9EfGhIjKlMnOp%3D%3D',
  'worker-main',
  'AAAAAAAAAAAAAAAAAAAAAA==',
);

export const anyJson = fc.jsonValue({ maxDepth: 3 });

const person = fc.record({
  _id: docId,
  _rev: fc.option(rev, { nil: undefined }),
  type: fc.constantFrom('person', 'person', 'trip', 'request', 'match', 'message'),
  schema: fc.constantFrom(1, 1, 2),
  createdAt: fc.constantFrom(at, '2020-01-01T00:00:00.000Z', 'hier'),
  createdBy: fc.constantFrom('sophie', 'claire', 'worker', 'marc'),
  updatedAt: fc.constant(at),
  updatedBy: fc.constantFrom('sophie', 'claire', 'worker'),
  readers: fc.constantFrom(
    ['role:coordinator', 'user:sophie'],
    ['role:coordinator'],
    ['user:marc'],
  ),
  firstName: fc.constantFrom('Marie', '', 'x'.repeat(70)),
  phone: fc.constantFrom(null, '+33612345678', 'bad'),
  phoneKind: fc.constantFrom('none', 'mobile'),
  homeInsee: fc.constantFrom('46127', '00000'),
  roles: fc.constantFrom(['passenger'], ['driver'], []),
  consent: fc.record({
    by: fc.constantFrom('sophie', 'marc'),
    method: fc.constantFrom('oral', 'telepathy'),
    at: fc.constant(at),
  }),
  blocked: fc.boolean(),
});
/** A person as the PWA writes it (by Sophie or Claire), so that some batches are stored. */
const validPerson = fc
  .record({ id: suffix, by: fc.constantFrom('sophie', 'claire') })
  .map(({ id, by }) => ({
    _id: `person:${id}`,
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
  }));

export const doc = fc.oneof(
  { weight: 3, arbitrary: validPerson },
  validPerson.map((p) => ({ ...p, createdBy: 'worker', consent: { ...p.consent, by: 'marc' } })),
  validPerson.map((p) => ({ ...p, nickname: 'x' })),
  validPerson.map((p) => ({
    _id: p._id.replace('person:', 'request:'),
    type: 'request',
    schema: 1,
    createdAt: at,
    createdBy: p.createdBy,
    updatedAt: at,
    updatedBy: p.updatedBy,
    readers: p.readers,
    passengerId: p._id,
    fromInsee: '46127',
    toInsee: '46102',
    date: '2026-11-24',
    earliest: '08:30',
    latest: '09:30',
    seats: 1,
    channel: 'relay',
    returnOf: null,
    cancelledAt: null,
  })),
  person,
  fc
    .tuple(person, fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }))
    .map(([p, extra]) => ({ ...extra, ...p })),
  person.map((p) => ({ ...p, _foo: 1 })),
  person.map((p) => ({ ...p, notes: 'x'.repeat(70_000) })),
  person.map((p) => ({ ...p, _deleted: true })),
  person.map((p) => ({ ...p, _attachments: { a: { data: 'aGk=' } } })),
  anyJson,
);
