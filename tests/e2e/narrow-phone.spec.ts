// A relay's phone can be 320 px wide: no page may push the screen sideways (issue 8, point 8),
// online or offline with the sync bar at its longest, and the 404 page speaks French.
import { expect, test, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

const PAGES = [
  '/',
  '/taches',
  '/personnes',
  '/personnes/nouvelle',
  '/demandes',
  '/demandes/nouvelle',
  '/trajets',
  '/trajets/nouveau',
  '/telephone',
  '/page-qui-n-existe-pas',
];

async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(app!.url + path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(320);
}

test('no main page is wider than a 320-px phone, online or offline', async ({ browser }) => {
  app = await startApp();
  const context = await browser.newContext({
    viewport: { width: 320, height: 640 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  await logIn(page, app.url, '/', 'coordination');
  for (const path of PAGES) await expectNoSidewaysScroll(page, path);

  // Offline the bar says so and offers to retry: its longest state.
  await page.goto(app.url + '/');
  await expect(page.getByRole('status').filter({ hasText: 'En ligne' })).toBeVisible();
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `home offline is ${width} px wide`).toBeLessThanOrEqual(320);
  await context.close();
});

test('the page for an unknown address is in French', async ({ page }) => {
  app = await startApp();
  await logIn(page, app.url);
  await page.goto(app.url + '/nulle-part');
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await expect(
    page.getByText('Cette adresse ne correspond à aucune page de Maillage.'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Revenir à l’accueil' }).click();
  await expect(page.getByRole('heading', { name: /^Bonjour/ })).toBeVisible();
});
