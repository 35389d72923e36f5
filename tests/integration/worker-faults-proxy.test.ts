// The fault proxy the worker's fault tests stand on: each fault does what it says to a real nano
// client, and the worker reads each as the database being unreachable (or not).
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnreachable } from '../../server/worker/unreachable';
import { startTestCouch, type TestCouch } from './support/couch';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';

let couch: TestCouch;
let proxy: FaultProxy;
let db: nano.DocumentScope<Record<string, unknown>>;
const direct = () => couch.couch.use<Record<string, unknown>>(couch.dbName);

beforeAll(async () => {
  couch = await startTestCouch({ setup: 'plain' });
  proxy = await startFaultProxy(couch.url);
  db = nano(proxy.url).use(couch.dbName);
});
afterAll(async () => {
  await proxy?.stop();
  await couch?.stop();
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err,
  );

describe('the fault proxy', () => {
  it('passes requests through with their credentials, and counts them', async () => {
    const before = proxy.forwarded;
    await db.insert({ _id: 'a', n: 1 });
    expect(await db.get('a')).toMatchObject({ n: 1 });
    expect(proxy.forwarded - before).toBe(2);
  });

  it('refuses or resets every connection while down, and serves again once up', async () => {
    await proxy.down('refuse');
    // The first request may still find its kept-alive connection, cut under it; then nothing listens.
    expect(isUnreachable(await failure(db.get('a')))).toBe(true);
    const refused = await failure(db.get('a'));
    expect(String(refused)).toMatch(/ECONNREFUSED/);
    expect(isUnreachable(refused)).toBe(true);
    await proxy.up();
    expect(await db.get('a')).toMatchObject({ n: 1 });
    await proxy.down('reset');
    const reset = await failure(db.get('a'));
    expect(reset).toBeInstanceOf(Error);
    expect(isUnreachable(reset)).toBe(true);
    await proxy.up();
    expect(await db.get('a')).toMatchObject({ n: 1 });
  });

  it('begins an outage with the first request that matches, which never reaches the database', async () => {
    const outage = proxy.downWhen((r) => r.method === 'POST' && r.body.includes('"n":2'));
    await db.insert({ _id: 'b', n: 1 });
    const write = await failure(db.insert({ _id: 'c', n: 2 }));
    expect((await outage).body).toContain('"_id":"c"');
    expect(isUnreachable(write)).toBe(true);
    expect(isUnreachable(await failure(db.get('b')))).toBe(true);
    await proxy.up();
    expect(await failure(direct().get('c'))).toMatchObject({ statusCode: 404 });
    expect(await db.get('b')).toMatchObject({ n: 1 });
  });

  it('loses the answer of a write the database made, or answers in its place', async () => {
    proxy.inject({ when: (r) => r.method === 'POST', fault: 'lose-response' });
    const lost = await failure(db.insert({ _id: 'd', n: 1 }));
    expect(isUnreachable(lost)).toBe(true);
    expect(await direct().get('d')).toMatchObject({ n: 1 });
    proxy.inject({ when: (r) => r.method === 'GET', fault: { status: 503 }, times: 2 });
    expect(isUnreachable(await failure(db.get('d')))).toBe(true);
    expect(isUnreachable(await failure(db.get('d')))).toBe(true);
    expect(await db.get('d')).toMatchObject({ n: 1 });
    proxy.inject({ when: (r) => r.method === 'GET', fault: 'reset' });
    expect(isUnreachable(await failure(db.get('d')))).toBe(true);
    // A refusal by the database itself is not an outage: the worker parks what keeps failing.
    expect(isUnreachable(await failure(db.insert({ _id: 'd', n: 2 })))).toBe(false);
  });
});
