// The coordinator's buttons for a person's data (issue 7, point 9; docs/personal-data.md): the
// export downloads a JSON file of the person, the erasure asks first and then the page shows
// "Personne effacée" once the device has synced the anonymised revision.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import nano from 'nano';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

const at = '2026-11-24T09:15:00.000Z';
const lucienne = {
  _id: 'person:lucienne01',
  type: 'person',
  schema: 1,
  createdAt: at,
  createdBy: 'coordination',
  updatedAt: at,
  updatedBy: 'coordination',
  readers: ['role:coordinator'],
  firstName: 'Lucienne',
  lastName: 'Vayssière',
  phone: '+33612129999',
  phoneKind: 'mobile',
  homeInsee: '46102',
  address: '12 rue des Tilleuls',
  roles: ['passenger'],
  consent: { by: 'coordination', method: 'phone', at },
  blocked: false,
};

test('a coordinator exports a person’s data, then erases the person after confirming', async ({
  page,
}) => {
  app = await startApp();
  await nano(app.couchUrl)
    .use('maillage')
    .insert(lucienne as never);
  await logIn(page, app.url, '/personnes', 'coordination');
  await page.goto(`${app.url}/personnes/${encodeURIComponent(lucienne._id)}`);
  await expect(page.getByRole('heading', { name: 'Lucienne Vayssière', level: 1 })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Exporter les données (JSON)' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.person).toMatchObject({ _id: lucienne._id, lastName: 'Vayssière' });

  // Refused once: nothing happens.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('button', { name: 'Effacer la personne' }).click();
  await expect(page.getByRole('heading', { name: 'Lucienne Vayssière', level: 1 })).toBeVisible();

  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Effacer la personne' }).click();
  // The status line goes with the buttons once the device has the erased revision: the page says it.
  expect(question).toMatch(/^Effacer cette personne \?/);
  await expect(page.getByRole('heading', { name: 'Personne effacée', level: 1 })).toBeVisible();
  await expect(page.getByText('12 rue des Tilleuls')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Effacer la personne' })).toHaveCount(0);
  // The device's IndexedDB keeps no earlier revision's body either (it compacts as it writes).
  expect(await deviceHolds(page, 'Vayssière')).toBe(false);
  // A link to the edit form leads to no form: an edit would undo nothing, only be refused.
  await page.goto(`${app.url}/personnes/${encodeURIComponent(lucienne._id)}/modifier`);
  await expect(page.getByRole('heading', { name: 'Personne effacée', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer' })).toHaveCount(0);

  const stored = await nano(app.couchUrl).use('maillage').get(lucienne._id);
  expect(stored).toMatchObject({ firstName: 'Personne effacée', phone: null });
});

/** Whether any record of the coordinator's PouchDB on the device contains `text`. */
function deviceHolds(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (needle) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('_pouch_maillage-coordination');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      for (const store of Array.from(db.objectStoreNames)) {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        if (JSON.stringify(records).includes(needle)) return true;
      }
      return false;
    } finally {
      db.close();
    }
  }, text);
}

test('a relay sees no personal-data buttons and the API refuses them', async ({ page }) => {
  app = await startApp();
  await nano(app.couchUrl)
    .use('maillage')
    .insert({
      ...lucienne,
      createdBy: 'sophie',
      updatedBy: 'sophie',
      readers: ['role:coordinator', 'user:sophie'],
      consent: { ...lucienne.consent, by: 'sophie' },
    } as never);
  await logIn(page, app.url, '/personnes', 'sophie');
  await page.goto(`${app.url}/personnes/${encodeURIComponent(lucienne._id)}`);
  await expect(page.getByRole('heading', { name: 'Lucienne Vayssière', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Effacer la personne' })).toHaveCount(0);
  const status = await page.evaluate(
    async (id) =>
      (await fetch(`/api/people/${encodeURIComponent(id)}/erase`, { method: 'POST' })).status,
    lucienne._id,
  );
  expect(status).toBe(403);
  // Nobody logged in: no cookie at all.
  const anonymous = await fetch(`${app.url}/api/people/${encodeURIComponent(lucienne._id)}/export`);
  expect(anonymous.status).toBe(401);
});
