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

/** Waits until the user's device (its local PouchDB in IndexedDB) holds a document `prefix…`. */
export async function untilOnDevice(page: Page, user: string, prefix: string, timeout = 60_000) {
  const has = () =>
    page.evaluate(
      async ({ name, start }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(`_pouch_maillage-${name}`);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        try {
          if (!db.objectStoreNames.contains('document-store')) return false;
          const range = IDBKeyRange.bound(start, `${start}\uffff`);
          const count = await new Promise<number>((resolve, reject) => {
            const req = db.transaction('document-store').objectStore('document-store').count(range);
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          return count > 0;
        } finally {
          db.close();
        }
      },
      { name: user, start: prefix },
    );
  await expect.poll(has, { timeout, intervals: [250, 500, 1000] }).toBe(true);
}
