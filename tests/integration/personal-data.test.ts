// A person's data on request (issue 7, point 9; docs/personal-data.md): the export holds every
// document of theirs, the erasure leaves no personal value in any revision the server can still
// give, anonymous counts stay, and only coordinators may do either. Runs unchanged on Apache
// CouchDB 3 with TEST_COUCHDB_URL (there through `_purge`, here through compaction).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/lib/domain/documents';
import { conversationId } from '../../src/lib/server/shared/hashed-ids';
import {
  erasePerson,
  exportPerson,
  refusal,
  withdrawPersonConsent,
} from '../../src/lib/server/personal-data';
import { startTestCouch, type TestCouch } from './support/couch';
import { appConfigFor } from './support/session-proxy-app';
import { marieWorld } from './support/personal-world';

let couch: TestCouch;
const coordinator = { name: 'coordination', roles: ['coordinator'] };
const now = new Date('2026-12-01T10:00:00.000Z');

beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch.stop();
});

const dbUrl = () => `${couch.baseUrl}/${couch.dbName}`;
const auth = () =>
  'Basic ' + Buffer.from(`${couch.admin.name}:${couch.admin.password}`).toString('base64');
async function getJson(path: string): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`${dbUrl()}${path}`, { headers: { authorization: auth() } });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text };
}

/** Every body the server still gives for `id`: each leaf, and each revision of their histories. */
async function everyRevisionOf(id: string): Promise<string[]> {
  const path = `/${encodeURIComponent(id)}`;
  const leaves = (await getJson(`${path}?revs=true&open_revs=all`)).body as {
    ok?: { _revisions: { start: number; ids: string[] } };
  }[];
  const bodies = [JSON.stringify(leaves)];
  for (const leaf of leaves) {
    if (!leaf.ok) continue;
    const { start, ids } = leaf.ok._revisions;
    for (const [i, hash] of ids.entries()) {
      const old = await getJson(`${path}?rev=${start - i}-${hash}`);
      if (old.status === 200) bodies.push(old.text);
      else expect(old.status).toBe(404);
    }
  }
  return bodies;
}

async function requestCount(): Promise<number> {
  const res = (
    await getJson(
      `/_design/maillage/_view/by_type?startkey=${encodeURIComponent('["request"]')}&endkey=${encodeURIComponent('["request",{}]')}`,
    )
  ).body as { rows: unknown[] };
  return res.rows.length;
}

describe('a person’s data', () => {
  it('is exported whole: the person, requests, matches, rides, SMS both ways, conversation, tasks', async () => {
    const world = await marieWorld(couch.couch.use(couch.dbName), 'exp');
    const res = await exportPerson(appConfigFor(couch), coordinator, world.marieId, now);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
    const body = (await res.json()) as Record<string, { _id: string }[]> & { person: Person };
    expect(body.person._id).toBe(world.marieId);
    const exported = Object.entries(body)
      .filter(([, v]) => Array.isArray(v))
      .flatMap(([, docs]) => (docs as { _id: string }[]).map((d) => d._id))
      .sort();
    expect(exported).toEqual([...world.marieDocs].sort());
    expect(body.messages!.map((m) => m._id).sort()).toEqual(world.messages.sort());
    expect(body.conversations!.map((c) => c._id)).toEqual([conversationId(world.phone)]);
    expect(exported).not.toContain(world.jeanId);
  });

  it('is erased in every revision the server keeps, anonymous counts and other people untouched', async () => {
    const db = couch.couch.use(couch.dbName);
    const world = await marieWorld(db, 'era');
    const requestsBefore = await requestCount();
    const jeanBefore = await getJson(`/${world.jeanId}`);

    const res = await erasePerson(appConfigFor(couch), coordinator, world.marieId, now);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { documents: number }).documents).toBeGreaterThan(5);

    for (const id of [world.marieId, ...world.marieDocs]) {
      const bodies = (await everyRevisionOf(id)).join('\n');
      for (const value of world.personal)
        expect(bodies, `${id} still says "${value}"`).not.toContain(value);
      expect(bodies).not.toContain(world.phone);
    }
    const feed = await getJson('/_changes?style=all_docs&include_docs=true');
    for (const value of [...world.personal, world.phone]) expect(feed.text).not.toContain(value);

    expect(await requestCount()).toBe(requestsBefore);
    const request = (await getJson(`/${world.requestId}`)).body as Record<string, unknown>;
    expect(request).toMatchObject({ fromInsee: '46057', toInsee: '46102', date: '2026-11-26' });
    const person = (await getJson(`/${world.marieId}`)).body as Person;
    expect(person.erasedAt).toBe(now.toISOString());
    expect((await getJson(`/${encodeURIComponent(conversationId(world.phone))}`)).status).toBe(404);
    expect((await getJson(`/${world.jeanId}`)).body).toEqual(jeanBefore.body);

    // Twice is once: nothing left to rewrite.
    const again = await erasePerson(appConfigFor(couch), coordinator, world.marieId, now);
    expect(((await again.json()) as { documents: number }).documents).toBe(0);
  });

  it('records a withdrawn consent once', async () => {
    const world = await marieWorld(couch.couch.use(couch.dbName), 'wdr');
    const config = appConfigFor(couch);
    const first = await withdrawPersonConsent(config, coordinator, world.marieId, now);
    expect(await first.json()).toEqual({ id: world.marieId, withdrawnAt: now.toISOString() });
    const later = new Date('2026-12-02T10:00:00.000Z');
    const second = await withdrawPersonConsent(config, coordinator, world.marieId, later);
    expect(((await second.json()) as { withdrawnAt: string }).withdrawnAt).toBe(now.toISOString());
    const person = (await getJson(`/${world.marieId}`)).body as Person;
    expect(person.consent.withdrawnAt).toBe(now.toISOString());
    expect(person.firstName).toBe(world.personal[0]);
  });

  it('is refused to a relay and to nobody logged in, and to a page of another origin', async () => {
    const get = new Request('http://app.test/api/people/person:x/export');
    expect(refusal(get, null)?.status).toBe(401);
    expect(refusal(get, { name: 'sophie', roles: ['relay'] })?.status).toBe(403);
    const body = await refusal(get, { name: 'sophie', roles: ['relay'] })!.json();
    expect(body.error).toMatch(/coordinateurs/);
    const post = (origin: string) =>
      new Request('http://app.test/api/people/person:x/erase', {
        method: 'POST',
        headers: { origin },
      });
    expect(refusal(post('http://evil.test'), coordinator)?.status).toBe(403);
    expect(refusal(post('http://app.test'), coordinator)).toBeNull();
    expect(refusal(get, { name: 'root', roles: ['admin'] })).toBeNull();
  });

  it('answers 404 for an unknown person', async () => {
    const config = appConfigFor(couch);
    expect((await exportPerson(config, coordinator, 'person:nobody00', now)).status).toBe(404);
    expect((await erasePerson(config, coordinator, 'trip:j3an0001', now)).status).toBe(404);
  });
});
