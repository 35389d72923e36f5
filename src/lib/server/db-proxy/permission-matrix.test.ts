// The write side of /db as a table (issue 7 point 5): every role × every way of writing × own,
// another relay's and worker-only documents, with the answer expected. Pure: the proxy's own
// decisions (allow-list, body shapes, bulk-docs screening), no server.
import { describe, expect, it } from 'vitest';
import { classifyDbRequest } from './allow-list';
import { screenBulkDocs } from './bulk-docs';
import { checkDbBody, checkDbQuery } from './request-shape';

const at = '2026-11-21T10:00:00.000Z';
const now = new Date('2026-11-21T10:05:00.000Z');
const CHECKPOINT = 'Jx0a.b_cD9EfGhIjKlMnOp==';

const users = {
  relay: { name: 'sophie', roles: ['relay'] },
  coordinator: { name: 'claire', roles: ['coordinator'] },
  admin: { name: 'root', roles: ['admin'] },
  'no role': { name: 'paul', roles: [] },
} as const;
type Role = keyof typeof users;

const stamp = (by: string) => ({
  schema: 1,
  createdAt: at,
  createdBy: by,
  updatedAt: at,
  updatedBy: by,
  readers: by === 'worker' ? ['role:coordinator'] : ['role:coordinator', `user:${by}`],
});
const person = (id: string, by: string) => ({
  _id: id,
  type: 'person',
  ...stamp(by),
  firstName: 'Marie',
  phone: null,
  phoneKind: 'none',
  homeInsee: '46127',
  roles: ['passenger'],
  consent: { by, method: 'oral', at },
  blocked: false,
});
const trip = (id: string, by: string) => ({
  _id: id,
  type: 'trip',
  ...stamp(by),
  driverId: 'person:sophie1',
  fromInsee: '46127',
  toInsee: '46102',
  weekdays: [2],
  departure: '08:30',
  returnDeparture: null,
  seats: 2,
  detourMinutes: 10,
  validFrom: '2026-11-01',
  validUntil: null,
  paused: false,
});
const request = (id: string, by: string, passengerId: string) => ({
  _id: id,
  type: 'request',
  ...stamp(by),
  passengerId,
  fromInsee: '46127',
  toInsee: '46102',
  date: '2026-11-24',
  earliest: '08:30',
  latest: '09:30',
  seats: 1,
  channel: 'relay',
  returnOf: null,
  cancelledAt: null,
});
const match = (id: string) => ({ _id: id, type: 'match', ...stamp('worker'), state: 'searching' });

/** Stored documents: Sophie's (own for the relay), Marc's (another relay's), the worker's. */
const stored = new Map<string, Record<string, unknown>>([
  ['person:sophie1', { ...person('person:sophie1', 'sophie'), _rev: '1-a' }],
  ['person:marc001', { ...person('person:marc001', 'marc'), _rev: '1-a' }],
  ['trip:sophie1', { ...trip('trip:sophie1', 'sophie'), _rev: '1-a' }],
  ['trip:marc001', { ...trip('trip:marc001', 'marc'), _rev: '1-a' }],
  ['request:sophie1', { ...request('request:sophie1', 'sophie', 'person:sophie1'), _rev: '1-a' }],
  ['request:marc001', { ...request('request:marc001', 'marc', 'person:marc001'), _rev: '1-a' }],
  ['match:worker1', { ...match('match:worker1'), _rev: '1-a' }],
]);

type Owner = 'own' | 'other' | 'worker-only';
type Write = 'create' | 'update' | 'delete';

/** The document `user` would push: written by them, over the stored one of that owner. */
function pushed(type: string, owner: Owner, write: Write, user: { name: string }) {
  const id =
    owner === 'worker-only'
      ? 'match:worker1'
      : `${type}:${owner === 'own' ? 'sophie1' : 'marc001'}`;
  if (write === 'delete') return { _id: id, _rev: '2-b', _deleted: true };
  const base = stored.get(id)!;
  const doc: Record<string, unknown> =
    write === 'create'
      ? { ...base, _id: `${String(base.type)}:new${owner}1`, _rev: undefined }
      : { ...base, _rev: '2-b' };
  const readers =
    owner === 'worker-only' ? doc.readers : [...(doc.readers as string[]), `user:${user.name}`];
  return {
    ...doc,
    readers: owner === 'other' && write === 'update' ? doc.readers : readers,
    updatedBy: user.name,
    updatedAt: now.toISOString(),
  };
}

/** Allowed when: the role writes that kind of document (docs/access.md). */
function expected(role: Role, type: string, owner: Owner, write: Write): boolean {
  if (write === 'delete') return role === 'admin';
  if (owner === 'worker-only') return false; // the worker writes its own documents directly
  if (role === 'no role') return false;
  if (role === 'relay') {
    if (write === 'update' && owner === 'other') return false;
    // A relay's new request must name a passenger she registered.
    if (type === 'request' && owner === 'other') return false;
  }
  return true;
}

describe('the write permission matrix of /db/_bulk_docs', () => {
  const cases: [Role, string, Owner, Write][] = [];
  for (const role of Object.keys(users) as Role[])
    for (const type of ['person', 'trip', 'request'])
      for (const owner of ['own', 'other', 'worker-only'] as Owner[])
        for (const write of ['create', 'update', 'delete'] as Write[])
          cases.push([role, type, owner, write]);

  it.each(cases)('%s, %s, %s document, %s', (role, type, owner, write) => {
    const user = users[role];
    const doc = pushed(type, owner, write, user);
    const { accepted, refused } = screenBulkDocs(
      { docs: [doc], new_edits: false },
      user,
      stored,
      now,
    );
    const allowed = expected(role, type, owner, write);
    expect(accepted.length, JSON.stringify(refused[0]?.entry.reason)).toBe(allowed ? 1 : 0);
    if (!allowed) expect(refused[0]?.entry.reason).toMatch(/\p{L}/u);
  });

  it('keeps the other documents of a batch when one is refused', () => {
    const user = users.relay;
    const docs = [
      pushed('person', 'own', 'create', user),
      pushed('person', 'other', 'update', user),
      pushed('trip', 'own', 'update', user),
    ];
    const { accepted, refused } = screenBulkDocs({ docs }, user, stored, now);
    expect(accepted.map((d) => d._id)).toEqual(['person:newown1', 'trip:sophie1']);
    expect(refused.map((r) => [r.index, r.entry.id])).toEqual([[1, 'person:marc001']]);
  });
});

describe('checkpoints through /db/_local', () => {
  const put = (path: string, body: unknown) => {
    const c = classifyDbRequest('PUT', new URL(`http://app.test/db/_local/${path}`));
    if (!c.ok) return false;
    const query = checkDbQuery(c.route, 'PUT', c.query);
    return query.ok && checkDbBody(c.route, c.query, body).ok;
  };

  it.each(Object.keys(users))('%s writes a replication checkpoint of its own, nothing else', () => {
    expect(put(encodeURIComponent(CHECKPOINT), { _id: `_local/${CHECKPOINT}`, last_seq: 3 })).toBe(
      true,
    );
    expect(put(encodeURIComponent(CHECKPOINT), { last_seq: 3 })).toBe(true);
    expect(put(encodeURIComponent(CHECKPOINT), { _id: '_local/worker-main', last_seq: 3 })).toBe(
      false,
    );
    expect(put('worker-main', { _id: '_local/worker-main', last_seq: 3 })).toBe(false);
    expect(put(encodeURIComponent(CHECKPOINT), [1, 2])).toBe(false);
  });
});

describe('tasks through /db/_bulk_docs', () => {
  const task = {
    _id: 'task:match_sophie1-callback',
    _rev: '1-a',
    type: 'task',
    ...stamp('worker'),
    readers: ['role:coordinator', 'user:sophie'],
    kind: 'callback',
    text: 'Appeler Marie',
    assignee: 'sophie',
    personId: 'person:sophie1',
    requestId: 'request:sophie1',
    messageId: null,
    doneAt: null,
    doneBy: null,
  };
  const withTask = new Map([...stored, [task._id, task]]);
  const push = (user: { name: string; roles: readonly string[] }, doc: object) =>
    screenBulkDocs({ docs: [{ ...doc, _rev: '2-b' }], new_edits: false }, user, withTask, now);
  const doneBy = (name: string) => ({
    ...task,
    updatedBy: name,
    updatedAt: now.toISOString(),
    doneAt: now.toISOString(),
    doneBy: name,
    outcome: 'told',
  });

  it('accept the assigned relay marking it done and a coordinator reassigning it', () => {
    expect(push(users.relay, doneBy('sophie')).accepted).toHaveLength(1);
    const reassigned = {
      ...task,
      updatedBy: 'claire',
      assignee: 'marc',
      readers: ['role:coordinator', 'user:marc'],
    };
    expect(push(users.coordinator, reassigned).accepted).toHaveLength(1);
  });

  it('refuse a relay’s change of its text, an outcome the schema does not know, a user without role', () => {
    expect(push(users.relay, { ...doneBy('sophie'), text: 'Rien' }).refused).toHaveLength(1);
    expect(push(users.relay, { ...doneBy('sophie'), outcome: 'maybe' }).refused).toHaveLength(1);
    expect(push(users['no role'], doneBy('paul')).refused).toHaveLength(1);
    expect(push(users.relay, { ...doneBy('sophie'), nickname: 'x' }).refused).toHaveLength(1);
  });
});
