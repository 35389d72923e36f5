// A relay corrects what she recorded: a person (phone, needs; the consent stays as collected), a
// regular trip (paused, then resumed), a request (window, note, then cancelled and no longer
// editable) — online, and offline with the server really stopped.
import { expect, test, type Page } from '@playwright/test';
import nano from 'nano';
import { startApp, type RunningApp } from './support/app';
import { logIn, logInAndInstall } from './support/pages';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

/** A day a week from now, as YYYY-MM-DD. */
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** Sophie's documents, as the PWA would have written them (readers: coordinators and her). */
function sophiesDocs(tag: string) {
  const at = '2026-11-20T08:00:00.000Z';
  const stamp = {
    schema: 1,
    createdAt: at,
    createdBy: 'sophie',
    updatedAt: at,
    updatedBy: 'sophie',
    readers: ['role:coordinator', 'user:sophie'],
  };
  const person: Doc = {
    _id: `person:edit${tag}marie`,
    type: 'person',
    ...stamp,
    firstName: 'Marinette',
    lastName: `Lacoste${tag}`,
    phone: '+33565401234',
    phoneKind: 'landline',
    homeInsee: '46057',
    needs: 'Marche avec une canne',
    roles: ['passenger'],
    // Collected by someone else than the relay who edits: it must stay so.
    consent: { by: 'claire', method: 'written', at: '2026-11-19T12:00:00.000Z' },
    blocked: false,
  };
  const driver: Doc = {
    _id: `person:edit${tag}jean`,
    type: 'person',
    ...stamp,
    firstName: 'Jeannot',
    lastName: `Vidal${tag}`,
    phone: '+33612345678',
    phoneKind: 'mobile',
    homeInsee: '46057',
    roles: ['driver'],
    consent: { by: 'sophie', method: 'oral', at },
    blocked: false,
  };
  const trip: Doc = {
    _id: `trip:edit${tag}trip`,
    type: 'trip',
    ...stamp,
    driverId: driver._id,
    fromInsee: '46057',
    toInsee: '46102',
    weekdays: [2, 4],
    departure: '07:30',
    returnDeparture: null,
    seats: 2,
    detourMinutes: 10,
    validFrom: '2026-11-20',
    validUntil: null,
    paused: false,
  };
  const request: Doc = {
    _id: `request:edit${tag}req`,
    type: 'request',
    ...stamp,
    passengerId: person._id,
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
  return { person, driver, trip, request };
}

function database(running: RunningApp) {
  return nano(running.couchUrl).use<Doc>('maillage');
}

/** Waits until the document in CouchDB satisfies `check`. */
async function inCouch(running: RunningApp, id: string, check: (doc: Doc) => boolean) {
  let last: Doc | null = null;
  await expect
    .poll(
      async () => {
        last = await database(running).get(id);
        return check(last);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return last as unknown as Doc;
}

async function openPerson(page: Page, lastName: string) {
  await page.getByRole('link', { name: 'Personnes', exact: true }).click();
  await page.getByLabel('Rechercher une personne').fill(lastName);
  await page.getByRole('link', { name: new RegExp(lastName) }).click();
  await expect(page.getByRole('heading', { name: new RegExp(lastName) })).toBeVisible();
}

test('a relay edits a person, pauses and resumes a trip, edits then cancels a request', async ({
  page,
}) => {
  app = await startApp();
  const docs = sophiesDocs('on');
  await database(app).bulk({ docs: Object.values(docs) });
  await logIn(page, app.url);

  // The person: a new phone, no more needs.
  await openPerson(page, 'Lacosteon');
  await page.getByRole('link', { name: 'Modifier la personne' }).click();
  await expect(page.getByLabel('Prénom')).toHaveValue('Marinette');
  await expect(page.getByText(/recueilli par\s+claire/)).toBeVisible();
  await page.getByLabel('Téléphone (facultatif)').fill('06 11 22 33 44');
  await page.getByLabel('Besoins (facultatif)').fill('');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Modifications enregistrées' }),
  ).toBeVisible();
  await expect(page.getByText('06 11 22 33 44')).toBeVisible();
  const person = await inCouch(app, docs.person._id, (d) => d.phone === '+33611223344');
  expect(person).toMatchObject({
    phoneKind: 'mobile',
    consent: docs.person.consent,
    createdAt: docs.person.createdAt,
    createdBy: 'sophie',
    updatedBy: 'sophie',
    readers: docs.person.readers,
  });
  expect(person.needs).toBeUndefined();
  expect(person._rev).toMatch(/^2-/);

  // The request: a later window and a note, then cancelled.
  await page.getByRole('link', { name: /→ Figeac/ }).click();
  await expect(page.getByLabel('Au plus tard')).toHaveValue('09:30');
  await page.getByLabel('Au plus tard').fill('10h');
  await page.getByLabel('Note (facultatif)').fill('Cardiologue à 10h30');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Modifications enregistrées' }),
  ).toBeVisible();
  await expect(page.getByText(/entre 8h et 10h/)).toBeVisible();

  await page.getByRole('button', { name: 'Annuler la demande', exact: true }).click();
  await page.getByRole('button', { name: 'Non, garder la demande' }).click();
  await expect(page.getByRole('button', { name: 'Enregistrer les modifications' })).toBeVisible();
  await page.getByRole('button', { name: 'Annuler la demande', exact: true }).click();
  await page.getByRole('button', { name: 'Oui, annuler la demande' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demande annulée le' })).toBeVisible();
  await expect(page.getByText(/Annulée$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer les modifications' })).toHaveCount(0);
  const request = await inCouch(app, docs.request._id, (d) => d.cancelledAt !== null);
  expect(request).toMatchObject({
    latest: '10:00',
    note: 'Cardiologue à 10h30',
    earliest: '08:00',
  });

  // The driver's trip: paused, then resumed.
  await page.getByRole('link', { name: 'Maillage' }).click();
  await page.getByRole('link', { name: 'Trajets', exact: true }).click();
  await page.getByLabel('Rechercher un trajet').fill('Jeannot');
  await page.getByRole('link', { name: /Jeannot/ }).click();
  await page.getByRole('button', { name: 'Mettre en pause' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Trajet mis en pause' })).toBeVisible();
  await inCouch(app, docs.trip._id, (d) => d.paused === true);
  await page.getByRole('button', { name: 'Reprendre' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Trajet repris' })).toBeVisible();
  const trip = await inCouch(app, docs.trip._id, (d) => d.paused === false);
  expect(trip._rev).toMatch(/^3-/);
});

test('an edit made with the server stopped waits on the device, then reaches CouchDB', async ({
  browser,
}) => {
  app = await startApp();
  const docs = sophiesDocs('off');
  await database(app).bulk({ docs: Object.values(docs) });
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await logInAndInstall(page, app.url);
  await openPerson(page, 'Lacosteoff');

  const running = app;
  await app.stop();
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('link', { name: 'Modifier la personne' }).click();
  await page.getByLabel('Besoins (facultatif)').fill('Fauteuil roulant pliable');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByText('Fauteuil roulant pliable')).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: "1 document en attente d'envoi" }),
  ).toBeVisible();

  app = await startApp(running);
  await expect(
    page.getByRole('status').filter({ hasText: /Tout est envoyé à \d{1,2}h\d{2}/ }),
  ).toBeVisible({ timeout: 60_000 });
  const person = await inCouch(app, docs.person._id, (d) => d.needs === 'Fauteuil roulant pliable');
  expect(person).toMatchObject({ consent: docs.person.consent, createdBy: 'sophie' });
  await context.close();
});

test('a person another relay recorded never reaches a relay’s device', async ({ page }) => {
  app = await startApp();
  const mine = sophiesDocs('mine').person;
  const { person } = sophiesDocs('other');
  await database(app).bulk({
    docs: [
      mine,
      {
        ...person,
        createdBy: 'claire',
        updatedBy: 'claire',
        readers: ['role:coordinator', 'user:claire'],
      },
    ],
  });
  await logIn(page, app.url);
  // Her own person has come down, so the pull has reached both documents.
  await openPerson(page, 'Lacostemine');
  await page.getByRole('link', { name: 'Maillage' }).click();
  await page.getByRole('link', { name: 'Personnes', exact: true }).click();
  await page.getByLabel('Rechercher une personne').fill('Lacosteother');
  await expect(page.getByRole('link', { name: /Lacosteother/ })).toHaveCount(0);
});

test('an edit the server refuses is told in the sync bar, in French', async ({ browser }) => {
  app = await startApp();
  const docs = sophiesDocs('refused');
  await database(app).bulk({ docs: [docs.person] });
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await logInAndInstall(page, app.url);
  await openPerson(page, 'Lacosterefused');

  // While the tablet has no network, the coordination hands the person over to another relay.
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
  const current = await database(app).get(docs.person._id);
  await database(app).insert({ ...current, readers: ['role:coordinator', 'user:claire'] });

  await page.getByRole('link', { name: 'Modifier la personne' }).click();
  await page.getByLabel('Besoins (facultatif)').fill('Déambulateur');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByText('Déambulateur')).toBeVisible();

  await context.setOffline(false);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Le serveur a refusé une modification faite sur cet appareil' }),
  ).toContainText('Ce document a été enregistré par quelqu’un d’autre', { timeout: 60_000 });
  expect((await database(app).get(docs.person._id)).needs).toBe('Marche avec une canne');
  await context.close();
});

test('cancelling an outbound leg asks about its return, and cancels both when told to', async ({
  page,
}) => {
  app = await startApp();
  const docs = sophiesDocs('legs');
  const back: Doc = {
    ...docs.request,
    _id: `request:editlegsback`,
    fromInsee: docs.request.toInsee,
    toInsee: docs.request.fromInsee,
    earliest: '16:00',
    latest: '17:30',
    returnOf: docs.request._id,
  };
  await database(app).bulk({ docs: [...Object.values(docs), back] });
  await logIn(page, app.url);
  await openPerson(page, 'Lacostelegs');
  await page.getByRole('link', { name: /→ Figeac/ }).click();
  await page.getByRole('button', { name: 'Annuler la demande', exact: true }).click();
  const question = page.getByRole('group', { name: /Annuler cette demande/ });
  await expect(question).toContainText('(entre 16h et 17h30) est une autre demande');
  await expect(question.getByRole('button', { name: "Annuler l'aller seulement" })).toBeVisible();
  await page.getByRole('button', { name: "Oui, annuler l'aller et le retour" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demande annulée le' })).toBeVisible();
  await inCouch(app, docs.request._id, (d) => d.cancelledAt !== null);
  await inCouch(app, back._id, (d) => d.cancelledAt !== null);
});
