// The design document in a real CouchDB-compatible server: validate_doc_update refuses what it
// must (403 with its reason), the views index the demo data, and every demo document passes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../src/lib/domain/gazetteer/types';
import { upsertUser } from '../../server/couch/setup';
import { seededRandom } from '../../server/couch/seed-demo';
import { designDocs, DESIGN_ID } from '../../server/design/maillage';
import { buildDemoData } from '../../server/seed/demo';
import { startTestCouch, type TestCouch } from './support/couch';

const communes: Commune[] = JSON.parse(
  readFileSync(join(process.cwd(), 'data', 'gazetteer.json'), 'utf8'),
).communes;
type Doc = Record<string, unknown> & nano.MaybeDocument;

const demo = buildDemoData({ now: new Date(), communes, random: seededRandom(46) });

// Only Apache CouchDB lets a relay write directly (its _security opened below); the embedded
// server answers nobody but its admin, and the relay rules are proved on the function itself
// (server/design/maillage.test.ts).
const relaysReachIt = !!process.env.TEST_COUCHDB_URL;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

async function refusal(
  write: Promise<unknown>,
): Promise<{ status: number | undefined; reason: string } | null> {
  try {
    await write;
    return null;
  } catch (error) {
    return { status: statusOf(error), reason: String((error as { reason?: unknown }).reason) };
  }
}

describe('the maillage design document in the embedded server', () => {
  let t: TestCouch;
  let db: nano.DocumentScope<Record<string, unknown>>;
  let asSophie: nano.DocumentScope<Record<string, unknown>>;

  beforeAll(async () => {
    t = await startTestCouch({ setup: 'plain' });
    db = t.couch.use(t.dbName);
    for (const ddoc of designDocs()) await db.insert(ddoc as unknown as Doc);
    // Open the database to relays for this test only, so that their writes reach validate_doc_update.
    await t.couch.request({
      db: t.dbName,
      method: 'PUT',
      path: '_security',
      body: {
        admins: { names: [], roles: [] },
        members: { names: [], roles: ['_admin', 'relay'] },
      },
    });
    await upsertUser(t.couch, { name: 'sophie', password: 'pw-sophie', roles: ['relay'] });
    const u = new URL(t.baseUrl);
    u.username = 'sophie';
    u.password = 'pw-sophie';
    asSophie = nano(u.toString()).use(t.dbName);
  });
  afterAll(() => t.stop());

  it('stores the design document as given', async () => {
    const stored = await db.get(DESIGN_ID);
    expect(stored.validate_doc_update).toBe(designDocs()[0]!.validate_doc_update);
  });

  it('accepts every demo document, written as admin in one bulk request', async () => {
    const results = await db.bulk({ docs: demo.docs as unknown as nano.MaybeDocument[] });
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results).toHaveLength(demo.docs.length);
  });

  it('refuses a trip with 9 seats with 403 and its reason, even from an admin', async () => {
    const jeanTrip = demo.docs.find((d) => d.type === 'trip')!;
    const bad = { ...jeanTrip, _id: 'trip:badseats01', _rev: undefined, seats: 9 };
    expect(await refusal(db.insert(bad as Doc))).toEqual({
      status: 403,
      reason: 'Entre 1 et 4 places',
    });
  });

  it('refuses a document whose id does not start with its type', async () => {
    const person = demo.docs.find((d) => d.type === 'person')!;
    const bad = { ...person, _id: 'trip:wrongprefix', _rev: undefined };
    expect((await refusal(db.insert(bad as Doc)))?.status).toBe(403);
  });

  it.skipIf(relaysReachIt)('is out of a relay’s reach on the embedded server', async () => {
    const request = demo.docs.find((d) => d.type === 'request' && d.createdBy === 'sophie')!;
    const mine = { ...request, _id: 'request:bysophie01', _rev: undefined };
    expect((await refusal(asSophie.insert(mine as Doc)))?.status).toBe(401);
  });

  it.runIf(relaysReachIt)(
    'lets a relay write a request in her own name, not in someone else’s',
    async () => {
      const request = demo.docs.find((d) => d.type === 'request' && d.createdBy === 'sophie')!;
      const mine = { ...request, _id: 'request:bysophie01', _rev: undefined };
      await expect(asSophie.insert(mine as Doc)).resolves.toMatchObject({ ok: true });
      const forged = { ...mine, _id: 'request:forged0001', updatedBy: 'paul' };
      expect(await refusal(asSophie.insert(forged as Doc))).toEqual({
        status: 403,
        reason: 'updatedBy doit être sophie',
      });
    },
  );

  it.runIf(relaysReachIt)('keeps rides for the worker and deletions for admins', async () => {
    const request = demo.docs.find((d) => d.type === 'request' && d.createdBy === 'sophie')!;
    const ride = { ...request, _id: 'ride:fromsophie1', _rev: undefined, type: 'ride' };
    expect((await refusal(asSophie.insert(ride as Doc)))?.status).toBe(403);
    const mine = await asSophie.get('request:bysophie01');
    expect((await refusal(asSophie.destroy(mine._id, mine._rev)))?.status).toBe(403);
  });

  it('finds Jean’s trip on the Lacapelle-Marival → Figeac line and people by phone', async () => {
    const line = await db.view('maillage', 'trips_by_line', {
      key: ['46143', '46102'],
      include_docs: true,
    });
    expect(line.rows.map((r) => (r.doc as { departure?: string }).departure)).toContain('08:15');
    const jean = demo.docs.find((d) => d.type === 'person' && d.firstName === 'Jean') as {
      phone: string;
      _id: string;
    };
    const byPhone = await db.view('maillage', 'people_by_phone', { key: jean.phone });
    expect(byPhone.rows.map((r) => r.id)).toEqual([jean._id]);
    const byType = await db.view('maillage', 'by_type', {
      startkey: ['request'],
      endkey: ['request', {}],
    });
    const relayRequests = relaysReachIt ? 1 : 0;
    expect(byType.rows.length).toBe(
      demo.docs.filter((d) => d.type === 'request').length + relayRequests,
    );
  });
});
