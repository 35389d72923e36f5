// The coordinator's console in the built app (issue 8): scenario 3 (Kevin's SMS with no driver
// in the queue), scenario 4 (an SMS nobody understood, corrected, and the conversation goes on),
// scenario 7 up to the figures (the queue and the board), and a phone call typed at the keyboard.
import { expect, test, type Page } from '@playwright/test';
import nano from 'nano';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

async function sms(page: Page, from: string, text: string) {
  const res = await page.request.post(`${app!.url}/api/sms/dev/inbound`, {
    data: { from, text },
  });
  expect(res.status()).toBe(202);
}

async function smsTo(page: Page, phone: string): Promise<string[]> {
  const res = await page.request.get(
    `${app!.url}/api/sms/dev/outbox?phone=${encodeURIComponent(phone)}`,
  );
  const body = (await res.json()) as { messages: { direction: string; text: string }[] };
  return body.messages.filter((m) => m.direction === 'out').map((m) => m.text);
}

const group = (page: Page, title: RegExp) => page.getByRole('region', { name: title });

test('Kevin’s SMS with no driver waits in the queue and on the board (scenarios 3 and 7)', async ({
  page,
}) => {
  test.setTimeout(240_000); // two SMS dialogues through the worker on a busy machine
  app = await startApp();
  await logIn(page, app.url, '/console', 'coordination');
  await expect(page.getByRole('heading', { name: 'Console de coordination' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Demandes', exact: true }).getByRole('link').first(),
  ).toBeVisible();

  const kevin = '06 39 98 03 01';
  await sms(page, kevin, 'salut je cherche un trajet pr aller au lycée à Souillac demain 7h');
  await expect.poll(() => smsTo(page, kevin), { timeout: 30_000 }).toHaveLength(1);
  await sms(page, kevin, 'de Payrac');
  await expect
    .poll(async () => (await smsTo(page, kevin)).join('\n'), { timeout: 30_000 })
    .toMatch(/personne ne fait encore Payrac - Souillac/);

  const noDriver = group(page, /Demandes sans conducteur/);
  // Kevin is not registered: the worker made him "Inconnu (SMS)".
  const row = noDriver
    .getByRole('listitem')
    .filter({ hasText: 'Inconnu (SMS) — Payrac → Souillac' });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await row.getByRole('link', { name: 'Choisir un conducteur' }).click();
  await expect(page.getByRole('heading', { name: /Payrac → Souillac/ })).toBeVisible();
  await expect(page.getByLabel('Trajet du conducteur')).toBeVisible();

  // The board: the same request found by state and by a word typed.
  await page.getByRole('link', { name: 'Demandes par état' }).click();
  await page.getByLabel('État').selectOption({ label: 'Aucun conducteur pour l’instant' });
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill('payr');
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: 'Inconnu (SMS)' })
      .filter({ hasText: 'Payrac → Souillac' }),
  ).toHaveCount(1);
});

test('an SMS nobody understood is corrected and the conversation goes on (scenario 4)', async ({
  page,
}) => {
  app = await startApp();
  await logIn(page, app.url, '/console', 'coordination');
  const phone = '06 39 98 03 02';
  await sms(page, phone, 'bjr c pr ma mere elle doit aller a la ville jeudi');
  const notUnderstood = group(page, /SMS non compris/);
  await expect(notUnderstood).toContainText('ma mere', { timeout: 30_000 });
  await notUnderstood.getByRole('link', { name: 'Corriger' }).first().click();
  await expect(
    page.getByText('« bjr c pr ma mere elle doit aller a la ville jeudi »'),
  ).toBeVisible();

  // The day the SMS gave is already there; the coordinator adds the places and the time.
  await expect(page.getByLabel('Quand')).toHaveValue(/^\d\d\/\d\d $/);
  await page.getByLabel('Prénom (nouvelle personne)').fill('Yvette');
  await page.getByRole('combobox', { name: 'Départ' }).fill('cajarc');
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Arrivée' }).fill('figeac');
  await page.keyboard.press('Enter');
  await page.getByLabel('Quand').press('End');
  await page.getByLabel('Quand').pressSequentially('9h');
  await page.getByLabel('Quand').press('Enter');
  await expect(page.getByText(/Demande enregistrée pour Yvette/)).toBeVisible();

  // The worker goes on: a driver is asked about Cajarc, or the passenger is told nobody goes.
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${app!.url}/api/sms/dev/outbox?limit=500`);
        const body = (await res.json()) as { messages: { direction: string; text: string }[] };
        return body.messages.some((m) => m.direction === 'out' && /Cajarc/.test(m.text));
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await page.getByRole('link', { name: 'À traiter' }).click();
  await expect(group(page, /SMS non compris/)).toHaveCount(0, { timeout: 30_000 });
});

test('a phone call is recorded with the keyboard alone', async ({ page }) => {
  app = await startApp();
  await logIn(page, app.url, '/console/appel', 'coordination');
  const phone = page.getByLabel('Téléphone de l’appelant');
  await expect(phone).toBeFocused();
  const started = Date.now();
  await page.keyboard.type('06 39 98 04 04');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Prénom (nouvelle personne)')).toBeFocused();
  await page.keyboard.type('Lucie');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Départ' })).toBeFocused();
  await page.keyboard.type('gramat');
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Arrivée' })).toBeFocused();
  await page.keyboard.type('figeac');
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Quand')).toBeFocused();
  await page.keyboard.type('jeudi 9h');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Demande enregistrée pour Lucie.')).toBeVisible();
  // Reported, not asserted: timings on a shared machine say nothing (docs/console.md).
  console.log(`phone-call entry: ${Date.now() - started} ms from the first key to "enregistrée"`);
  await expect(phone).toBeFocused();

  await page.getByRole('link', { name: 'Demandes par état' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill('lucie');
  await expect(page.getByRole('row').filter({ hasText: 'Gramat → Figeac' })).toHaveCount(1);
});

test('a coordinator blocks a passenger with a reason, then unblocks them', async ({ page }) => {
  app = await startApp();
  const db = nano(app.couchUrl).use<Record<string, unknown>>('maillage');
  const { docs } = await db.find({ selector: { type: 'request' }, limit: 1 });
  const request = docs[0]!;
  const passengerId = String(request.passengerId);
  await logIn(
    page,
    app.url,
    `/console/demandes/${encodeURIComponent(request._id)}`,
    'coordination',
  );
  const block = page.getByRole('region', { name: /Blocage de/ });
  await block.getByLabel('Motif du blocage').fill('Messages injurieux au conducteur');
  await block.getByRole('button', { name: /^Bloquer / }).click();
  await expect(block.getByRole('status')).toHaveText('Personne bloquée.');
  await expect(block).toContainText(
    'Bloquée : Messages injurieux au conducteur (par coordination)',
  );
  await expect
    .poll(async () => (await db.get(passengerId)).blocked, { timeout: 30_000 })
    .toBe(true);
  expect(await db.get(passengerId)).toMatchObject({
    blockedReason: 'Messages injurieux au conducteur',
    blockedBy: 'coordination',
  });

  await block.getByRole('button', { name: /^Débloquer / }).click();
  await expect(block.getByRole('status')).toHaveText('Personne débloquée.');
  await expect
    .poll(async () => (await db.get(passengerId)).blocked, { timeout: 30_000 })
    .toBe(false);
});
