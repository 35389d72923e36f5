// Steps several end-to-end tests share, written with role and label selectors.
import { expect, type Page } from '@playwright/test';

/** Opens `path` (the login page comes first) and logs in; waits until the app is online. */
export async function logIn(page: Page, baseUrl: string, path = '/', name = 'sophie') {
  await page.goto(baseUrl + path);
  await page.getByLabel('Identifiant').fill(name);
  await page.getByLabel('Mot de passe').fill(`demo-${name}`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'En ligne' })).toBeVisible();
}

/** Logs in, then waits for the service worker, so the app opens later with no server. */
export async function logInAndInstall(page: Page, baseUrl: string) {
  await logIn(page, baseUrl);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}
