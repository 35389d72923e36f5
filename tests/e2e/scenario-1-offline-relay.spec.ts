// Scenario 1 (SCENARIOS.md): Sophie, a home nurse, registers Marie and her request in a kitchen
// with no signal. The app was opened once online; then the server is really stopped (not only
// `setOffline`), the tab is even closed and reopened offline, and the documents reach CouchDB
// when the server is back.
import { expect, test, type Page } from '@playwright/test';
import nano from 'nano';
import { startApp, type RunningApp } from './support/app';
import { logInAndInstall } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

/** The next Thursday after today, as YYYY-MM-DD (Europe/Paris is close enough for a date input). */
function nextThursday(): string {
  const d = new Date();
  do d.setDate(d.getDate() + 1);
  while (d.getDay() !== 4);
  return d.toISOString().slice(0, 10);
}

async function pickCommune(page: Page, label: string, typed: string, name: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.fill(typed);
  await page
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
}

test('a relay records a person and a request offline; they reach CouchDB when the server is back', async ({
  browser,
}) => {
  app = await startApp();
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  let page = await context.newPage();

  // Online once: log in, let the service worker install and the communes load.
  await logInAndInstall(page, app.url);
  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await expect(page.getByRole('combobox', { name: 'Commune' })).toBeVisible();

  // The dead zone: the server is gone, and the tab is closed and opened again.
  const running = app;
  await app.stop();
  await page.close();
  page = await context.newPage();
  await page.goto(running.url + '/');
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();

  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await page.getByLabel('Prénom').fill('Marie');
  await page.getByLabel('Nom (facultatif)').fill('Delpech');
  await page.getByLabel('Téléphone (facultatif)').fill('05 65 40 12 34');
  await pickCommune(page, 'Commune', 'cardaillac', 'Cardaillac');
  await page.getByLabel('Besoins (facultatif)').fill('Marche avec une canne, aide pour la porte');
  await page.getByLabel('Passager').check();
  await page.getByLabel(/La personne accepte/).check();
  await page.getByRole('button', { name: 'Enregistrer la personne' }).click();

  // Her page offers the request.
  await expect(page.getByRole('heading', { name: /Marie/ })).toBeVisible();
  await page.getByRole('link', { name: 'Nouvelle demande' }).click();
  await pickCommune(page, "Commune d'arrivée", 'figeac', 'Figeac');
  await page.getByLabel('Date du trajet').fill(nextThursday());
  await page.getByLabel('Au plus tôt').fill('8h');
  await page.getByLabel('Au plus tard').fill('9h30');
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: "2 documents en attente d'envoi" }),
  ).toBeVisible();

  // Back on the main road.
  app = await startApp(running);
  await expect(
    page.getByRole('status').filter({ hasText: /Tout est envoyé à \d{1,2}h\d{2}/ }),
  ).toBeVisible({
    timeout: 60_000,
  });

  const db = nano(app.couchUrl).use<Record<string, unknown>>('maillage');
  const people = await db.view('maillage', 'by_type', {
    startkey: ['person'],
    endkey: ['person', {}],
    include_docs: true,
  });
  const marie = people.rows
    .map((r) => r.doc!)
    .find((d) => d.firstName === 'Marie' && d.lastName === 'Delpech');
  expect(marie).toMatchObject({
    homeInsee: '46057',
    phone: '+33565401234',
    phoneKind: 'landline',
    createdBy: 'sophie',
    consent: { by: 'sophie', method: 'oral' },
  });
  const requests = await db.view('maillage', 'by_type', {
    startkey: ['request'],
    endkey: ['request', {}],
    include_docs: true,
  });
  const hers = requests.rows.map((r) => r.doc!).filter((d) => d.passengerId === marie!._id);
  expect(hers).toHaveLength(1);
  expect(hers[0]).toMatchObject({
    fromInsee: '46057',
    toInsee: '46102',
    date: nextThursday(),
    earliest: '08:00',
    latest: '09:30',
    channel: 'relay',
  });
});
