// The coordinators' "Comptes" page in the built app: ending a relay's device stops its access to
// /db at its next request, and a new password replaces the old one (issue 7, point 6). Keyboard
// only on the page.
import { expect, test, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

const dbStatus = (page: Page) => page.evaluate(async () => (await fetch('/db/')).status);

test('a coordinator ends a relay’s device and gives a relay a new password', async ({
  browser,
}) => {
  app = await startApp();
  const relay = await (await browser.newContext()).newPage();
  await logIn(relay, app.url, '/', 'sophie');
  expect(await dbStatus(relay)).toBe(200);

  const page = await (await browser.newContext()).newPage();
  await logIn(page, app.url, '/comptes', 'coordination');
  await expect(page.getByRole('heading', { name: 'Comptes', level: 1 })).toBeVisible();
  // Relays only: the coordinator's own login is not listed.
  await expect(page.getByRole('heading', { name: /^sophie/, level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^paul/, level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^coordination/, level: 2 })).toHaveCount(0);

  const end = page.getByRole('button', { name: /^Déconnecter .* de sophie$/ });
  await expect(end).toHaveCount(1);
  await end.focus();
  await page.keyboard.press('Enter');
  const status = page.getByRole('status').filter({ hasText: 'de sophie est déconnecté' });
  await expect(status).toBeVisible();
  await expect(status).toBeFocused();
  await expect(end).toHaveCount(0);
  expect(await dbStatus(relay)).toBe(401);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Nouveau mot de passe pour paul' }).focus();
  await page.keyboard.press('Enter');
  const given = page.getByRole('status').filter({ hasText: 'Nouveau mot de passe de paul' });
  await expect(given).toBeVisible();
  const password = (await given.locator('code').textContent())?.trim() ?? '';
  expect(password).toMatch(/^\w{4}-\w{4}-\w{4}$/);

  const login = (pw: string) =>
    page.request.post(`${app!.url}/api/session`, { data: { name: 'paul', password: pw } });
  expect((await login('demo-paul')).status()).toBe(401);
  expect((await login(password)).status()).toBe(200);
});
