// Requests for the fuzz test: mostly near-misses of what PouchDB and the PWA send (the shapes a
// server is least ready for), some plain noise. Bodies are strings, ready for fetch.
import fc from 'fast-check';

export interface FuzzRequest {
  readonly as: 'anonymous' | 'sophie' | 'claire';
  readonly method: string;
  readonly path: string;
  /** '' or '?…' */
  readonly query: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Android webhooks: signed with the right key, so the payload itself is tried. */
  readonly signed: boolean;
}

const at = '2026-11-21T10:00:00.000Z';
const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
const rev = fc.oneof(
  hex.map((h) => `1-${h}`),
  fc.constantFrom('1-abc', '0-1', 'x', '', '2-', '-1-ab', '99999999999999999999-a'),
  fc.string(),
);
const suffix = fc.stringMatching(/^[A-Za-z0-9_-]{6,12}$/);
const docId = fc.oneof(
  suffix.map((s) => `person:${s}`),
  suffix.map((s) => `request:${s}`),
  suffix.map((s) => `trip:${s}`),
  suffix.map((s) => `match:${s}`),
  fc.constantFrom(
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
const checkpoint = fc.constantFrom(
  'Jx0a.b_cD9EfGhIjKlMnOp%3D%3D',
  'worker-main',
  'AAAAAAAAAAAAAAAAAAAAAA==',
);

const anyJson = fc.jsonValue({ maxDepth: 3 });

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

const doc = fc.oneof(
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

const dbBody = fc
  .oneof(
    fc.record(
      { docs: fc.array(doc, { maxLength: 5 }), new_edits: fc.constantFrom(false, true, 'no') },
      { requiredKeys: ['docs'] },
    ),
    fc.record({
      docs: fc.array(
        fc.record({ id: docId, rev: fc.option(rev, { nil: undefined }) }, { requiredKeys: [] }),
        { maxLength: 4 },
      ),
    }),
    fc.record({ keys: fc.oneof(fc.array(docId, { maxLength: 4 }), anyJson) }),
    fc.record({ doc_ids: fc.oneof(fc.array(docId, { maxLength: 4 }), anyJson) }),
    fc.record({
      selector: fc.oneof(
        anyJson,
        fc.constant({ type: 'person' }),
        fc.constant({ $foo: 1 }),
        fc.constant({ a: { $regex: '(a+)+$' } }),
      ),
    }),
    fc.dictionary(docId, fc.oneof(fc.array(rev, { maxLength: 3 }), anyJson), { maxKeys: 4 }),
    fc.record({
      _id: fc.oneof(docId, fc.constant('_local/worker-main')),
      _rev: fc.option(rev, { nil: undefined }),
      last_seq: anyJson,
    }),
    anyJson,
  )
  .map((b) => JSON.stringify(b));

const noise = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 200 }),
  fc.constant('{"docs": ['),
  fc.constant('x'.repeat(300_000)),
);

const smsBody = fc
  .oneof(
    fc.record(
      {
        from: fc.constantFrom('0612345678', '+33612345678', '12', ''),
        text: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('Gramat Figeac mardi 9h')),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        event: fc.constantFrom('sms:received', 'sms:sent', 'sms:delivered', 'sms:failed', 'other'),
        id: fc.string({ maxLength: 10 }),
        payload: fc.oneof(
          anyJson,
          fc.record(
            {
              messageId: fc.string({ maxLength: 8 }),
              message: fc.string({ maxLength: 20 }),
              phoneNumber: fc.constantFrom('0612345678', 'x'),
              receivedAt: fc.constantFrom(at, 'hier'),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        name: fc.constantFrom('sophie', 'claire', 'x'),
        password: fc.constantFrom('pw-sophie', 'nope', ''),
      },
      { requiredKeys: [] },
    ),
    anyJson,
  )
  .map((b) => JSON.stringify(b));

const dbSegment = fc.oneof(
  fc.constantFrom(
    '',
    '_changes',
    '_changes',
    '_revs_diff',
    '_bulk_docs',
    '_bulk_docs',
    '_bulk_get',
    '_all_docs',
  ),
  checkpoint.map((c) => `_local/${c}`),
  fc.constantFrom(
    '_design/maillage',
    '_find',
    '_security',
    '_purge',
    '..%2F_users',
    '%5Fdesign%2Fmaillage',
    'person:abcdef',
    'person:abcdef/att',
    '_local',
    '_users',
    '%E0%A4%A',
  ),
  docId.map(encodeURIComponent),
);
const path = fc.oneof(
  { weight: 6, arbitrary: dbSegment.map((s) => `/db/${s}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/db',
      '/api/session',
      '/api/sms/dev/inbound',
      '/api/sms/dev/outbox',
      '/api/sms/android',
      '/api/other',
      '/_users',
    ),
  },
);

const queryValue = fc.oneof(
  fc.constantFrom(
    'true',
    'false',
    '0',
    '10',
    '-1',
    'now',
    'all',
    '[]',
    '["1-abc"]',
    '"x"',
    '{}',
    'null',
    '_doc_ids',
    '_selector',
    '_view',
    'longpoll',
    'continuous',
    'all_docs',
    '99999999999',
    '',
  ),
  fc.string({ maxLength: 20 }),
  fc.array(docId, { maxLength: 3 }).map((ids) => JSON.stringify(ids)),
);
const queryKey = fc.oneof(
  fc.constantFrom(
    'filter',
    'since',
    'limit',
    'feed',
    'style',
    'doc_ids',
    'include_docs',
    'keys',
    'key',
    'startkey',
    'endkey',
    'rev',
    'open_revs',
    'revs',
    'latest',
    'heartbeat',
    'timeout',
    'attachments',
    'selector',
    'conflicts',
    'new_edits',
    'phone',
    'skip',
    'descending',
  ),
  fc.string({ maxLength: 10 }),
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs)}` : ''));

const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'garbage',
    ),
    accept: fc.constantFrom('application/json', 'text/event-stream', '*/*'),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', '127.0.0.1', 'nonsense'),
    authorization: fc.constantFrom('Basic dGVzdC1hZG1pbjp4', 'Bearer x'),
    'x-maillage-user': fc.constantFrom('admin', 'worker'),
  },
  { requiredKeys: [] },
);

const anyRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    as: fc.constantFrom('anonymous', 'sophie', 'claire') as fc.Arbitrary<FuzzRequest['as']>,
    method: fc.constantFrom(
      'GET',
      'GET',
      'POST',
      'POST',
      'POST',
      'PUT',
      'DELETE',
      'HEAD',
      'PATCH',
      'OPTIONS',
    ),
    path,
    query,
    headers,
    signed: fc.boolean(),
    dbBody: fc.option(fc.oneof({ weight: 5, arbitrary: dbBody }, { weight: 1, arbitrary: noise }), {
      nil: undefined,
    }),
    smsBody,
  })
  .map(({ dbBody: db, smsBody: sms, ...r }) => ({
    ...r,
    body: r.path.startsWith('/api/') ? sms : db,
  }));

/** A push as a device makes it, near-misses included: the writes that may be stored. */
const pushRequest: fc.Arbitrary<FuzzRequest> = fc.record({
  as: fc.constantFrom('sophie', 'claire', 'anonymous') as fc.Arbitrary<FuzzRequest['as']>,
  method: fc.constant('POST'),
  path: fc.constant('/db/_bulk_docs'),
  query: fc.constant(''),
  headers: fc.constant({ 'content-type': 'application/json' }),
  signed: fc.constant(false),
  body: fc
    .record({ docs: fc.array(doc, { minLength: 1, maxLength: 6 }), new_edits: fc.boolean() })
    .map((b) => JSON.stringify(b)),
});

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 9, arbitrary: anyRequest },
  { weight: 1, arbitrary: pushRequest },
);
