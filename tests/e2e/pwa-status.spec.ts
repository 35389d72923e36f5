// The status of a request, as the relay sees it: the worker's match document (written here
// straight into CouchDB, as the worker would) reaches the PWA by replication and the request
// list tells "Confirmé" with the driver, the time, the meeting place and the contribution.
import { expect, test } from '@playwright/test';
import nano from 'nano';
import { parseWorkerDoc } from '../../src/lib/domain/documents/worker-docs';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** Writes `doc`, over the current revision if the worker already wrote one (creation kept). */
async function upsert(db: nano.DocumentScope<Doc>, doc: Doc) {
  const current = await db.get(doc._id).catch(() => null);
  await db.insert(
    current
      ? { ...doc, _rev: current._rev, createdAt: current.createdAt, createdBy: current.createdBy }
      : doc,
  );
}

test('a match the worker writes shows as the request status after sync', async ({ page }) => {
  app = await startApp();
  const db = nano(app.couchUrl).use<Doc>('maillage');
  const at = new Date().toISOString();
  const stamp = (by: string, readers: string[]) => ({
    schema: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    readers,
  });
  const mine = stamp('sophie', ['role:coordinator', 'user:sophie']);
  const passenger: Doc = {
    _id: 'person:statusmarie',
    type: 'person',
    ...mine,
    firstName: 'Germaine',
    lastName: 'Statut',
    phone: null,
    phoneKind: 'none',
    homeInsee: '46057',
    roles: ['passenger'],
    consent: { by: 'sophie', method: 'oral', at },
    blocked: false,
  };
  const driver: Doc = {
    _id: 'person:statusjean',
    type: 'person',
    ...mine,
    firstName: 'Baptistin',
    lastName: 'Statut',
    phone: '+33612345679',
    phoneKind: 'mobile',
    homeInsee: '46057',
    roles: ['driver'],
    consent: { by: 'sophie', method: 'oral', at },
    blocked: false,
  };
  const request: Doc = {
    _id: 'request:statusreq1',
    type: 'request',
    ...mine,
    passengerId: passenger._id,
    fromInsee: '46057',
    toInsee: '46102',
    date: inAWeek(),
    earliest: '08:00',
    latest: '09:30',
    seats: 1,
    channel: 'relay',
    returnOf: null,
    cancelledAt: null,
  };
  await db.bulk({ docs: [passenger, driver, request] });

  await logIn(page, app.url, '/demandes');
  await page.getByLabel('Rechercher une demande').fill('Germaine');
  const item = page.getByRole('link', { name: /Germaine Statut/ });
  await expect(item).toBeVisible();

  // What the worker writes once the driver said OUI: the match (named after the request) and the ride.
  // With the request's readers, as the worker gives them: a relay reads only what names her.
  const worker = stamp('worker', ['role:coordinator', 'user:sophie']);
  const proposal = {
    driverId: driver._id,
    tripId: 'trip:statustrip1',
    leg: 'outbound',
    pickupTime: '08:40',
    contributionCents: 350,
    detourMinutes: 5,
    attempt: 1,
    askedAt: at,
    deadline: at,
  };
  const ride: Doc = {
    _id: 'ride:statusreq1-1',
    type: 'ride',
    ...worker,
    requestId: request._id,
    matchId: 'match:statusreq1',
    tripId: proposal.tripId,
    leg: 'outbound',
    driverId: driver._id,
    passengerId: passenger._id,
    date: request.date,
    pickupTime: '08:45',
    pickupInsee: '46057',
    dropoffInsee: '46102',
    pickupPlace: 'Devant la mairie',
    seats: 1,
    contributionCents: 350,
    cancelledAt: null,
  };
  const match: Doc = {
    _id: 'match:statusreq1',
    type: 'match',
    ...worker,
    requestId: request._id,
    passengerId: passenger._id,
    state: { status: 'confirmed', tried: [], proposal, rideId: ride._id, confirmedAt: at },
    wakeAt: null,
    requestRev: null,
  };
  for (const doc of [ride, match]) {
    const parsed = parseWorkerDoc(doc);
    expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
    await upsert(db, doc);
  }

  await expect(item).toContainText('Confirmé', { timeout: 60_000 });
  await expect(item).toContainText(
    'avec Baptistin, prise en charge à 8h45, rendez-vous : Devant la mairie, participation 3,50 €',
  );

  // The person's page and the request's page tell the same.
  await item.click();
  await expect(page.getByText(/État :\s*✓ Confirmé/)).toBeVisible();
});
