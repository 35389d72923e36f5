// Issue 7 point 4: when access shrinks, the device lets go. Sophie's device holds Marie; the
// coordinator hands Marie to Paul; at Sophie's next sync Marie is gone from her screens and from
// her device (no revision of hers left in IndexedDB), and she is still on the server, unchanged
// but for her new relay, and on Paul's device.
import { expect, test, type Page } from '@playwright/test';
import nano from 'nano';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

let app: RunningApp;
test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const at = new Date().toISOString();
const marie = {
  _id: `person:handover${Date.now().toString(36)}`,
  type: 'person',
  schema: 1,
  createdAt: at,
  createdBy: 'sophie',
  updatedAt: at,
  updatedBy: 'sophie',
  readers: ['role:coordinator', 'user:sophie'],
  firstName: 'Marie',
  lastName: 'Transmise',
  phone: '+33612345678',
  phoneKind: 'mobile',
  homeInsee: '46127',
  roles: ['passenger'],
  consent: { by: 'sophie', method: 'oral', at },
  blocked: false,
};

/** Every stored revision body of the user's local PouchDB (IndexedDB), as text. */
function deviceText(page: Page, user: string): Promise<string> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(`_pouch_maillage-${name}`);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction('by-sequence').objectStore('by-sequence').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return JSON.stringify(all);
  }, user);
}

async function searchPeople(page: Page, text: string) {
  await page.getByLabel('Rechercher une personne').fill(text);
}

test('a person handed to another relay leaves the first relay’s device at its next sync, and stays on the server', async ({
  browser,
}) => {
  const db = nano(app.couchUrl).use<Record<string, unknown>>('maillage');
  await db.insert(marie as never);

  const sophie = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await logIn(sophie, app.url, '/personnes', 'sophie');
  await searchPeople(sophie, 'Transmise');
  await expect(sophie.getByText('Marie Transmise')).toBeVisible();
  expect(await deviceText(sophie, 'sophie')).toContain('Transmise');

  // The coordinator hands Marie to Paul, through /db as her app does.
  const login = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'coordination', password: 'demo-coordination' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const stored = await (await fetch(`${app.url}/db/${marie._id}`, { headers: { cookie } })).json();
  const handed = {
    ...stored,
    readers: ['role:coordinator', 'user:paul'],
    updatedBy: 'coordination',
    updatedAt: new Date().toISOString(),
  };
  const push = await fetch(`${app.url}/db/_bulk_docs`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ docs: [handed] }),
  });
  expect((await push.json())[0]).toMatchObject({ ok: true });

  // Sophie's next sync: the app opened again.
  await sophie.reload();
  await expect(sophie.getByRole('status').filter({ hasText: 'En ligne' })).toBeVisible();
  await searchPeople(sophie, 'Transmise');
  await expect(sophie.getByText('Marie Transmise')).toHaveCount(0);
  await expect.poll(() => deviceText(sophie, 'sophie')).not.toContain('Transmise');

  // Still on the server, not deleted, Paul's now; and on Paul's device.
  const onServer = await db.get(marie._id);
  expect(onServer).toMatchObject({
    firstName: 'Marie',
    readers: ['role:coordinator', 'user:paul'],
  });
  expect(onServer._deleted).toBeUndefined();
  const paul = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await logIn(paul, app.url, '/personnes', 'paul');
  await searchPeople(paul, 'Transmise');
  await expect(paul.getByText('Marie Transmise')).toBeVisible();
});
