// Issue 10 point 4: a relay records a driver's trip and picks, for the departure commune, one of
// the carpooling places imported from the national file; the trip shows it, and CouchDB has it.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import nano from 'nano';
import { importMeetingPlaces } from '../../server/cli/meeting-places';
import type { GazetteerData } from '../../src/lib/domain/gazetteer/types';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

const gazetteer = JSON.parse(readFileSync('data/gazetteer.json', 'utf8')) as GazetteerData;
const { places } = importMeetingPlaces(
  readFileSync('tests/fixtures/lieux-covoiturage.csv', 'utf8'),
  gazetteer.communes,
);

const at = '2026-11-20T08:00:00.000Z';
const driver = {
  _id: 'person:lieuxjean',
  type: 'person',
  schema: 1,
  createdAt: at,
  createdBy: 'sophie',
  updatedAt: at,
  updatedBy: 'sophie',
  readers: ['role:coordinator', 'user:sophie'],
  firstName: 'Jeannot',
  lastName: 'Pechlieux',
  phone: '+33612345670',
  phoneKind: 'mobile',
  homeInsee: '46143',
  roles: ['driver'],
  consent: { by: 'sophie', method: 'oral', at },
  blocked: false,
};

test('a relay picks a carpooling place of the departure commune as the trip’s meeting point', async ({
  browser,
}) => {
  app = await startApp();
  const db = nano(app.couchUrl).use<Record<string, unknown>>('maillage');
  await db.insert(driver);
  // The build ships no imported file: the places are served as an import would have written them
  // (no service worker, so that the page's own fetch is the one answered here).
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    serviceWorkers: 'block',
  });
  await context.route('**/gazetteer/meeting-places.json', (route) =>
    route.fulfill({ json: { schema: 1, places } }),
  );
  const page = await context.newPage();
  await logIn(page, app.url);

  await page.getByRole('link', { name: 'Personnes', exact: true }).click();
  await page.getByLabel('Rechercher une personne').fill('Pechlieux');
  await page.getByRole('link', { name: /Pechlieux/ }).click();
  await page.getByRole('link', { name: 'Nouveau trajet' }).click();
  await expect(page.getByRole('combobox', { name: 'Commune de départ' })).toHaveValue(
    'Lacapelle-Marival',
  );
  const to = page.getByRole('combobox', { name: "Commune d'arrivée" });
  await to.focus();
  await page.keyboard.type('figea');
  await expect(page.getByRole('option', { name: /Figeac/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByLabel('mardi').check();
  await page.getByLabel('Heure de départ').fill('8h15');

  const departure = page.getByRole('group', { name: 'Lieu de rendez-vous au départ' });
  await expect(
    departure.getByRole('radio', { name: 'Devant la mairie de Lacapelle-Marival' }),
  ).toBeChecked();
  await expect(departure.getByRole('radio')).toHaveCount(4);
  await departure.getByRole('radio', { name: 'Aire du Pech' }).check();
  // Another departure commune: its own places, and the one picked in Lacapelle is dropped.
  const from = page.getByRole('combobox', { name: 'Commune de départ' });
  await from.fill('');
  await from.focus();
  await page.keyboard.type('cardail');
  await expect(page.getByRole('option', { name: /Cardaillac/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(
    departure.getByRole('radio', { name: 'Devant la mairie de Cardaillac' }),
  ).toBeChecked();
  await expect(departure.getByRole('radio', { name: 'Parking du Fort' })).toBeVisible();
  await from.fill('');
  await from.focus();
  await page.keyboard.type('lacapelle-mar');
  await expect(page.getByRole('option', { name: /Lacapelle-Marival/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await departure.getByRole('radio', { name: 'Aire du Pech' }).check();
  await page.getByRole('button', { name: 'Enregistrer le trajet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Trajet enregistré' })).toBeVisible();

  await page
    .getByRole('link', { name: /→ Figeac/ })
    .first()
    .click();
  await expect(page.getByText('Rendez-vous au départ : Aire du Pech.')).toBeVisible();
  await expect(
    page
      .getByRole('group', { name: 'Lieu de rendez-vous au départ' })
      .getByRole('radio', { name: 'Aire du Pech' }),
  ).toBeChecked();
  await expect
    .poll(
      async () => {
        const res = await db.view('maillage', 'by_type', {
          startkey: ['trip'],
          endkey: ['trip', {}],
          include_docs: true,
        });
        return res.rows
          .map((r) => r.doc as Record<string, unknown>)
          .filter((d) => d.driverId === driver._id)
          .map((d) => d.meetingPlace);
      },
      { timeout: 60_000 },
    )
    .toEqual(['Aire du Pech']);
});
