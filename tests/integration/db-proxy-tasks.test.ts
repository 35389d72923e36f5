// A task the worker wrote, finished through the real /db proxy and database (issue 8 point 1):
// the relay it is assigned to marks it done as her device's replication would push it, another
// relay cannot, a coordinator gives it to someone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import { startTestCouch, type TestCouch } from './support/couch';
import {
  appConfigFor,
  logIn,
  startSessionProxyApp,
  type SessionProxyApp,
} from './support/session-proxy-app';

let couch: TestCouch;
let app: SessionProxyApp;
const cookies: Record<string, string> = {};
const at = '2026-11-21T10:00:00.000Z';
const serverNow = Date.parse('2026-11-21T10:05:00.000Z');
const later = new Date(serverNow).toISOString();

const task = (id: string) => ({
  _id: id,
  type: 'task',
  schema: 1,
  createdAt: at,
  createdBy: 'worker',
  updatedAt: at,
  updatedBy: 'worker',
  readers: ['role:coordinator', 'user:sophie'],
  kind: 'callback',
  text: 'Appeler Marie au 05 65 40 12 34 : Jean passe la prendre jeudi 26/11 vers 8h25',
  assignee: 'sophie',
  personId: 'person:marie01',
  requestId: 'request:marie01',
  messageId: null,
  doneAt: null,
  doneBy: null,
});

const db = () => couch.couch.use<Record<string, unknown>>(couch.dbName);

async function put(id: string) {
  const { rev } = await db().insert(task(id) as never);
  return { ...task(id), _rev: rev };
}

async function push(user: string, doc: object) {
  const res = await fetch(`${app.url}/db/_bulk_docs`, {
    method: 'POST',
    headers: { cookie: cookies[user] ?? '', 'content-type': 'application/json' },
    body: JSON.stringify({ docs: [doc] }),
  });
  expect(res.status).toBe(201);
  const [result] = (await res.json()) as { ok?: boolean; error?: string; reason?: string }[];
  return result;
}

beforeAll(async () => {
  couch = await startTestCouch();
  for (const [name, roles] of [
    ['sophie', ['relay']],
    ['marc', ['relay']],
    ['claire', ['coordinator']],
  ] as const)
    await upsertUser(couch.couch, { name, password: `pw-${name}`, roles: [...roles] });
  app = await startSessionProxyApp(appConfigFor(couch));
  app.now = serverNow;
  for (const name of ['sophie', 'marc', 'claire'])
    cookies[name] = await logIn(app, name, `pw-${name}`);
});

afterAll(async () => {
  expect(app.crashes).toEqual([]);
  await app?.stop();
  await couch?.stop();
});

describe('a task through /db', () => {
  it('is marked done by the relay it is assigned to, not by another', async () => {
    const stored = await put('task:callback-proxy1');
    const done = {
      ...stored,
      updatedAt: later,
      updatedBy: 'sophie',
      doneAt: later,
      doneBy: 'sophie',
      outcome: 'told',
    };
    const byMarc = { ...done, updatedBy: 'marc', doneBy: 'marc' };
    expect(await push('marc', byMarc)).toMatchObject({ error: 'forbidden' });
    expect(await push('sophie', { ...done, text: 'Rien' })).toMatchObject({ error: 'forbidden' });
    expect(await push('sophie', done)).toMatchObject({ ok: true });
    expect(await db().get('task:callback-proxy1')).toMatchObject({
      doneBy: 'sophie',
      outcome: 'told',
      createdBy: 'worker',
    });
  });

  it('is given to another relay by a coordinator, and a relay may not create one', async () => {
    const stored = await put('task:callback-proxy2');
    const reassigned = {
      ...stored,
      updatedAt: later,
      updatedBy: 'claire',
      assignee: 'marc',
      readers: ['role:coordinator', 'user:marc'],
    };
    expect(await push('claire', reassigned)).toMatchObject({ ok: true });
    expect(await db().get('task:callback-proxy2')).toMatchObject({ assignee: 'marc' });
    const invented = { ...task('task:callback-proxy3'), updatedBy: 'sophie', createdBy: 'sophie' };
    expect(await push('sophie', invented)).toMatchObject({ error: 'forbidden' });
  });
});
