// Once the service worker is installed, every navigation is answered with the "/" shell. Opening
// or reloading a deep link (a person's page, a form) must still start the app, online or not.
import { expect, test } from '@playwright/test';
import { startApp, type RunningApp } from './support/app';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

test('a deep link reloads from the service worker, with the server stopped', async ({
  browser,
}) => {
  app = await startApp();
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await page.goto(app.url + '/');
  await page.getByLabel('Identifiant').fill('sophie');
  await page.getByLabel('Mot de passe').fill('demo-sophie');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'En ligne' })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await page.goto(app.url + '/personnes/nouvelle');
  await expect(page.getByLabel('Prénom')).toBeVisible();

  const running = app;
  app = null;
  await running.stop();
  await page.reload();
  await expect(page.getByLabel('Prénom')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
});
