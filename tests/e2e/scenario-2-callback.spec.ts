// Scenario 2 (SCENARIOS.md) through the screens: Sophie records Marie (landline only) and her
// request Cardaillac → Figeac on Thursday; the worker asks a driver by SMS; the driver answers
// "oui" on the coordinator's simulated phone; Sophie's home shows the callback task with the words
// to say and a tel: link; with the server stopped she records a call nobody answered, then marks
// it done, and the task reaches CouchDB when the server is back. The demo data holds Jean's trip
// (Lacapelle-Marival → Figeac, Tuesday and Thursday 8:15).
import { expect, test, type Page } from '@playwright/test';
import nano from 'nano';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

/** The next Thursday after today, as YYYY-MM-DD. */
function nextThursday(): string {
  const d = new Date();
  do d.setDate(d.getDate() + 1);
  while (d.getDay() !== 4);
  return d.toISOString().slice(0, 10);
}

async function pickCommune(page: Page, label: string, typed: string, name: string) {
  await page.getByRole('combobox', { name: label }).fill(typed);
  await page
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
}

test('a driver’s OUI gives the relay a callback task she reads aloud and marks done', async ({
  browser,
}) => {
  app = await startApp();
  const options = { locale: 'fr-FR', timezoneId: 'Europe/Paris' };
  const sophie = await (await browser.newContext(options)).newPage();
  await logIn(sophie, app.url);

  // Marie: landline only, Cardaillac, registered by Sophie with her consent.
  await sophie.getByRole('link', { name: 'Inscrire une personne' }).click();
  await sophie.getByLabel('Prénom').fill('Marie');
  await sophie.getByLabel('Nom (facultatif)').fill('Delpech');
  await sophie.getByLabel('Téléphone (facultatif)').fill('05 65 40 12 34');
  await pickCommune(sophie, 'Commune', 'cardaillac', 'Cardaillac');
  await sophie.getByLabel('Passager').check();
  await sophie.getByLabel(/La personne accepte/).check();
  await sophie.getByRole('button', { name: 'Enregistrer la personne' }).click();
  await expect(sophie.getByRole('heading', { name: /Marie/ })).toBeVisible();

  // Her request: the departure is her home, already filled.
  await sophie.getByRole('link', { name: 'Nouvelle demande' }).click();
  await expect(sophie.getByRole('combobox', { name: 'Commune de départ' })).toHaveValue(
    /Cardaillac/,
  );
  await pickCommune(sophie, "Commune d'arrivée", 'figeac', 'Figeac');
  await sophie.getByLabel('Date du trajet').fill(nextThursday());
  await sophie.getByLabel('Au plus tôt').fill('8h');
  await sophie.getByLabel('Au plus tard').fill('9h30');
  await sophie.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(sophie.getByRole('status').filter({ hasText: /Tout est envoyé/ })).toBeVisible({
    timeout: 60_000,
  });

  // The coordinator's simulated phone shows the question the worker sent, in its driver's thread.
  const phone = await (await browser.newContext(options)).newPage();
  await logIn(phone, app.url, '/telephone', 'coordination');
  const ask = phone
    .getByRole('log', { name: 'Messages' })
    .getByRole('listitem')
    .filter({
      hasText: /Maillage : Marie \(Cardaillac\) cherche un trajet Cardaillac - Figeac jeudi/,
    });
  await expect(ask).toBeVisible({ timeout: 60_000 });
  await expect(ask).toContainText('Répondez OUI ou NON.');
  // The question sits in its driver's thread, named after the driver (Jean, unless the demo data
  // already asked him something else: a driver answers one question at a time).
  const thread = phone
    .getByRole('region')
    .filter({ has: phone.getByText(/Marie \(Cardaillac\) cherche un trajet/) });
  await expect(thread).toHaveAccessibleName(/^\p{Lu}\S+ \S+ · 0\d( \d\d){4}$/u);
  // Clicking the question writes as its driver.
  await ask.getByRole('button').click();
  await expect(phone.getByLabel('Numéro qui écrit')).toHaveValue(/^0\d( \d\d){4}$/);
  await phone.getByLabel('Message', { exact: true }).fill('oui');
  await phone.getByRole('button', { name: 'Envoyer à Maillage' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'reçu par Maillage' })).toBeVisible();

  // Sophie's home: the task first, with the words to say and the number to call.
  await sophie.getByRole('link', { name: 'Maillage', exact: true }).click();
  const task = sophie.getByRole('article').filter({ hasText: 'Appeler Marie au 05 65 40 12 34' });
  await expect(task).toBeVisible({ timeout: 60_000 });
  await expect(task).toContainText(
    /Appeler Marie au 05 65 40 12 34 : \S+ passe la prendre jeudi \d\d\/\d\d vers \d{1,2}h\d\d devant .+, participation \d+(,\d\d)? €/,
  );
  await expect(task.getByRole('link', { name: 'Appeler le 05 65 40 12 34' })).toHaveAttribute(
    'href',
    'tel:+33565401234',
  );
  await expect(sophie.getByRole('link', { name: /Tâches\s*1/ })).toBeVisible();

  // Marie's kitchen has no signal: the server is really gone while Sophie calls.
  const running = app;
  await app.stop();
  app = null;
  await expect(sophie.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible({
    timeout: 60_000,
  });
  // Nobody answers the first time: the task stays, with the attempt and its time.
  await task.getByRole('button', { name: 'Pas de réponse, rappeler plus tard' }).click();
  await expect(task).toContainText(/Sans réponse le \w+ \d\d\/\d\d à \d{1,2}h\d\d \(sophie\)/);
  await task.getByRole('button', { name: 'Fait — personne prévenue' }).click();
  await expect(task).toBeHidden();
  await expect(
    sophie.getByRole('status').filter({ hasText: "1 document en attente d'envoi" }),
  ).toBeVisible();

  // Back on the road: the task done offline reaches the server.
  app = await startApp(running);
  await expect(sophie.getByRole('status').filter({ hasText: /Tout est envoyé/ })).toBeVisible({
    timeout: 90_000,
  });

  // The server has it: done by Sophie, the person told.
  const db = nano(app!.couchUrl).use<Record<string, unknown>>('maillage');
  await expect
    .poll(
      async () => {
        const rows = await db.list({
          startkey: 'task:',
          endkey: 'task:\ufff0',
          include_docs: true,
        });
        return rows.rows
          .map((r) => r.doc!)
          .filter((d) => String(d.text).startsWith('Appeler Marie au 05 65 40 12 34'))
          .map((d) => ({
            doneBy: d.doneBy,
            outcome: d.outcome,
            attempts: (d.attempts as unknown[] | undefined)?.length,
          }));
      },
      { timeout: 30_000 },
    )
    .toEqual([{ doneBy: 'sophie', outcome: 'told', attempts: 1 }]);
});
