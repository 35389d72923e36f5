// Requests for the fuzz test: mostly near-misses of what PouchDB and the PWA send (the shapes a
// server is least ready for), some plain noise. Bodies are strings, ready for fetch.
import fc from 'fast-check';
import { anyJson, at, checkpoint, doc, docId, rev } from './fuzz-documents';

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
    '_unreadable',
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
