// The relay's screens beyond scenario 1: login errors, a driver's regular trip typed with the
// keyboard only, validation messages, and a form draft that survives leaving the page.
import { expect, test, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './support/app';
import { logIn as logInAs } from './support/pages';

let app: RunningApp;
test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const logIn = (page: Page, path = '/') => logInAs(page, app.url, path);

test('a wrong password is refused with a message, then the asked page opens after logging in', async ({
  page,
}) => {
  await page.goto(app.url + '/trajets');
  await expect(page).toHaveURL(/\/connexion\?suite=%2Ftrajets/);
  await page.getByLabel('Identifiant').fill('sophie');
  await page.getByLabel('Mot de passe').fill('pas le bon');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('incorrect');
  await page.getByLabel('Mot de passe').fill('demo-sophie');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { name: 'Trajets réguliers' })).toBeVisible();
});

test("a driver's regular trip is recorded with the keyboard and listed", async ({ page }) => {
  await logIn(page);
  await page.getByRole('link', { name: 'Personnes', exact: true }).click();
  // One of the people Sophie registered (a relay reads only those).
  await page.getByLabel('Rechercher une personne').fill('aynac');
  const driver = page.locator('main ul li a').first();
  const name = (await driver.locator('strong').textContent()) ?? '';
  await driver.click();
  await page.getByRole('link', { name: 'Nouveau trajet' }).click();

  const to = page.getByRole('combobox', { name: "Commune d'arrivée" });
  await to.focus();
  await page.keyboard.type('cahor');
  await expect(page.getByRole('option', { name: /Cahors/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(to).toHaveValue('Cahors');
  await page.getByLabel('mardi').check();
  await page.getByLabel('jeudi').check();
  await page.getByLabel('Heure de départ').fill('7h05');
  await page.getByLabel('Places libres').selectOption('2');
  await page.getByLabel('Détour accepté (minutes)').fill('10');
  await page.getByRole('button', { name: 'Enregistrer le trajet' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Trajet enregistré' })).toBeVisible();
  await expect(page.getByRole('link', { name: /→ Cahors/ }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Maillage' }).click();
  await page.getByRole('link', { name: 'Trajets', exact: true }).click();
  await page.getByLabel('Rechercher un trajet').fill(name.split(' ')[0] ?? '');
  await expect(page.getByText(/mar, jeu à 7h05/)).toBeVisible();
});

test('an empty request shows what is missing and puts the focus on the first field to fix', async ({
  page,
}) => {
  await logIn(page);
  await page.getByRole('link', { name: 'Nouvelle demande' }).click();
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByRole('alert')).toContainText('corrigez les champs signalés');
  await expect(page.getByLabel('Passager')).toBeFocused();
  await expect(page.getByText('Choisissez la commune de départ')).toBeVisible();
});

test('a form being filled is kept as a draft when the relay goes elsewhere', async ({ page }) => {
  await logIn(page);
  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await page.getByLabel('Prénom').fill('Germaine');
  await page.getByLabel('Besoins (facultatif)').fill('Fauteuil roulant');
  await page.waitForTimeout(600); // the draft is written 300 ms after the last key
  await page.getByRole('link', { name: 'Maillage' }).click();
  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await expect(page.getByText('Brouillon repris')).toBeVisible();
  await expect(page.getByLabel('Prénom')).toHaveValue('Germaine');
  await page.getByRole('button', { name: 'Effacer le brouillon' }).click();
  await expect(page.getByLabel('Prénom')).toHaveValue('');
});

test('an expired session keeps the app open and asks to log in again to send', async ({ page }) => {
  await logIn(page);
  await page.context().clearCookies();
  await page.reload();
  const status = page.getByRole('status').filter({ hasText: 'Session expirée' });
  await expect(status).toBeVisible();
  await expect(page.getByRole('link', { name: 'Inscrire une personne' })).toBeVisible();
  await status.getByRole('link', { name: 'se reconnecter' }).click();
  await page.getByLabel('Mot de passe').fill('demo-sophie');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'En ligne' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Session expirée' })).toHaveCount(0);
});
