// The coordinator's task list (/taches) and the request form (issue 8, points 1 and 7): a task
// given to a relay reaches her home; another passenger brings their own departure commune; a
// request dated in the past is refused in French; leaving the form is not cancelling a request.
import { expect, test } from '@playwright/test';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

test('a coordinator gives a task to a relay, and it shows on her home', async ({ browser }) => {
  app = await startApp();
  const options = { locale: 'fr-FR', timezoneId: 'Europe/Paris' };
  const claire = await (await browser.newContext(options)).newPage();
  await logIn(claire, app.url, '/taches', 'coordination');
  await expect(claire.getByRole('heading', { name: 'Tâches' })).toBeVisible();
  await claire.getByLabel('Confiée à', { exact: true }).selectOption('La coordination');
  // The worker writes the demo requests' tasks once it has run.
  const first = claire
    .getByRole('listitem')
    .filter({ has: claire.getByRole('article') })
    .first();
  await expect(first.getByRole('article')).toBeVisible({ timeout: 60_000 });
  const words = (await first.locator('.words').textContent())!.trim();

  await first.getByLabel('Confier à').selectOption('sophie');
  await first.getByRole('button', { name: 'Confier' }).click();
  // No longer the coordination's: it leaves this filtered list.
  await expect(claire.getByText(words, { exact: true })).toBeHidden();
  await claire.getByLabel('Confiée à', { exact: true }).selectOption('sophie');
  await expect(claire.getByText(words, { exact: true })).toBeVisible();

  const sophie = await (await browser.newContext(options)).newPage();
  await logIn(sophie, app.url);
  await expect(
    sophie.getByRole('region', { name: /^À faire/ }).getByText(words, { exact: true }),
  ).toBeVisible({ timeout: 60_000 });
});

test('the request form follows the passenger, refuses a past date and says how to leave', async ({
  page,
}) => {
  app = await startApp();
  await logIn(page, app.url, '/demandes/nouvelle');
  const from = page.getByRole('combobox', { name: 'Commune de départ' });
  await page.getByLabel('Passager').selectOption({ label: 'Sylvie Bouscarel (Cardaillac)' });
  await expect(from).toHaveValue(/Cardaillac/);
  await page.getByLabel('Passager').selectOption({ label: 'Michel Lacoste (Aynac)' });
  await expect(from).toHaveValue(/Aynac/);

  await page.getByRole('combobox', { name: "Commune d'arrivée" }).fill('figeac');
  await page
    .getByRole('option', { name: /Figeac/ })
    .first()
    .click();
  const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Date du trajet').fill(yesterday);
  await page.getByLabel('Au plus tôt').fill('8h');
  await page.getByLabel('Au plus tard').fill('9h30');
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByText('La date du trajet est déjà passée')).toBeVisible();

  await expect(page.getByRole('link', { name: 'Quitter sans enregistrer' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Annuler', exact: true })).toHaveCount(0);
});
