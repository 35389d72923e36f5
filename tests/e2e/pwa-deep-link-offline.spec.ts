// Once the service worker is installed, every navigation is answered with the "/" shell, and every
// chunk is precached: the data layer and the forms' code are loaded lazily (import()), not with
// the first page, so screens never opened while online must still open offline.
import { expect, test, type Browser } from '@playwright/test';
import { startApp, type RunningApp } from './support/app';
import { logInAndInstall, untilOnDevice } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

/**
 * Logs in once online, waits for the service worker and for the relay's people to be on the
 * device, then opens `path` and stops the server.
 */
async function installedThenOffline(browser: Browser, path: string, ready: string) {
  app = await startApp();
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await logInAndInstall(page, app.url);
  await untilOnDevice(page, 'sophie', 'person:');
  if (path !== '/') {
    await page.goto(app.url + path);
    await expect(page.getByLabel(ready)).toBeVisible();
  }
  const running = app;
  app = null;
  await running.stop();
  return page;
}

test('a deep link reloads from the service worker, with the server stopped', async ({
  browser,
}) => {
  const page = await installedThenOffline(browser, '/personnes/nouvelle', 'Prénom');
  await page.reload();
  await expect(page.getByLabel('Prénom')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
});

test('screens never opened online open offline, and a draft comes back after a reload', async ({
  browser,
}) => {
  const page = await installedThenOffline(browser, '/', '');
  await page.getByRole('link', { name: 'Nouveau trajet' }).click();
  await expect(page.getByLabel('Heure de départ')).toBeVisible();
  // The sync learns the server is gone at its next request, which may wait on a retry.
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible({
    timeout: 60_000,
  });
  await page.getByLabel('Heure de départ').fill('7h40');
  await page.waitForTimeout(600); // the draft is written 300 ms after the last key
  await page.reload();
  await expect(page.getByText('Brouillon repris')).toBeVisible();
  await expect(page.getByLabel('Heure de départ')).toHaveValue('7h40');

  await page.getByRole('link', { name: 'Maillage' }).click();
  await page.getByRole('link', { name: 'Nouvelle demande' }).click();
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByRole('alert')).toContainText('corrigez les champs signalés');

  await page.getByRole('link', { name: 'Maillage' }).click();
  await page.getByRole('link', { name: 'Personnes', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /\d+ personnes?/ })).toBeVisible();
  await page.locator('main ul li a').first().click();
  await expect(page.getByRole('heading', { name: 'Demandes' })).toBeVisible();
});
