// The coordinator's Monday (scenario 7): the network map opens with the server stopped and shows
// the lines and the unmet demand, a click on a red line lists its requests, and the prefect's
// report downloads and prints.
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

/** Where on the map element the first pixel of the unmet-demand colour (#c62828) is. */
async function redPixel(page: Page): Promise<{ x: number; y: number } | null> {
  const png = await page.getByRole('region', { name: /Carte du réseau/ }).screenshot();
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data, width } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r > 170 && g < 80 && b < 80) return { x: (i / 4) % width, y: Math.floor(i / 4 / width) };
    }
    return null;
  }, png.toString('base64'));
}

test('the map opens with the server stopped, shows lines and unmet demand, and a red line lists its requests', async ({
  browser,
}) => {
  app = await startApp();
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await logIn(page, app.url, '/', 'coordination');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto(app.url + '/carte');
  // The demo's requests of the coming days have no ride yet: their lines count as unmet.
  const table = page.getByRole('table', { name: /Lignes du réseau/ });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('region', { name: /Carte du réseau/ })).toHaveAttribute(
    'data-loaded',
    'oui',
  );

  const running = app;
  app = null;
  await running.stop();
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
  const map = page.getByRole('region', { name: /Carte du réseau/ });
  await expect(map).toHaveAttribute('data-loaded', 'oui');
  await expect(map.locator('canvas')).toBeVisible();
  const unmetCells = table.locator('tbody tr td:last-child');
  await expect(unmetCells.first()).not.toHaveText('0');

  // The lines are drawn after the communes load: the map says so, and red is on the picture.
  await expect(map).toHaveAttribute('data-lines', 'dessinées');
  let point: { x: number; y: number } | null = null;
  await expect.poll(async () => (point = await redPixel(page)), { timeout: 20_000 }).not.toBeNull();
  await map.click({ position: point! });
  await expect(page.getByRole('heading', { name: /^Ligne / })).toBeVisible();
  const details = page.locator('section.details');
  await expect(details.getByText(/dont [1-9]\d* sans trajet/)).toBeVisible();
  await expect(details.getByRole('link').first()).toBeVisible();

  // The same facts from the keyboard: the table's first line (most unmet first).
  await table.getByRole('button').first().press('Enter');
  await expect(page.getByRole('heading', { name: /^Ligne / })).toBeVisible();

  // Back from the figures, the map is drawn again and answers clicks.
  await page.getByRole('link', { name: 'Chiffres', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Chiffres du territoire' })).toBeVisible();
  await page.getByRole('link', { name: 'Carte du réseau' }).click();
  await expect(map).toHaveAttribute('data-loaded', 'oui');
  await expect(page.getByRole('heading', { name: /^Ligne / })).toBeHidden();
  point = null;
  await expect.poll(async () => (point = await redPixel(page)), { timeout: 20_000 }).not.toBeNull();
  await map.click({ position: point! });
  await expect(page.getByRole('heading', { name: /^Ligne / })).toBeVisible();

  // A period with nothing in it: the map keeps every period's lines, but draws none of these
  // and a click where the red line was finds the commune under it.
  const dates = page.locator('form.filters input[type="date"]');
  await dates.nth(0).fill('2000-01-01');
  await dates.nth(1).fill('2000-01-31');
  await expect(page.getByText('Aucun trajet ni aucune demande sur la période.')).toBeVisible();
  await expect(map).toHaveAttribute('data-lines', 'dessinées');
  expect(await redPixel(page)).toBeNull();
  await map.click({ position: point! });
  await expect(page.locator('#selection-titre')).toBeVisible();
  await expect(page.locator('#selection-titre')).not.toHaveText(/^Ligne /);
});

test('the prefect report downloads as CSV and its print page prints', async ({ browser }) => {
  app = await startApp();
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await logIn(page, app.url, '/rapports', 'coordination');
  await expect(page.getByRole('heading', { name: 'Rapport annuel au préfet' })).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger le rapport (CSV)' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^rapport-prefet-\d{4}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv).toMatch(
    /^\ufeffannee;conducteurs;beneficiaires;trajets;distance_moyenne_km;distance_totale_km\r\n\d{4};\d+;\d+;\d+;\d+,\d;\d+,\d\r\n$/,
  );

  await page.getByRole('link', { name: 'Version imprimable' }).click();
  await expect(page.getByRole('heading', { name: /rapport annuel \d{4}/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Nombre de trajets/ })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Maillage' })).toBeHidden();
  const pdf = await page.pdf();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('the dashboard draws its plots, lazily, with the figures as tables under them', async ({
  browser,
}) => {
  app = await startApp();
  const page = await browser.newPage({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await logIn(page, app.url, '/tableau', 'coordination');
  const monthly = page.getByRole('table', { name: 'Chiffres par mois' });
  await expect(monthly.getByRole('row', { name: /^Demandes/ })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Chiffres par ligne sur la période' }),
  ).toBeVisible();
  await expect(page.locator('figure canvas').first()).toBeVisible();
  // Chart.js draws once its chunk arrives: until then the canvas has no painted pixel.
  const painted = () =>
    page
      .locator('figure canvas')
      .first()
      .evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        return data.some((value, i) => i % 4 === 3 && value > 0);
      });
  await expect.poll(painted).toBe(true);
  expect(errors).toEqual([]);
});

test('a long lines table shows its first 50 lines, the next ones on request, and finds a commune', async ({
  browser,
}) => {
  app = await startApp(undefined, ['--no-worker']);
  const gazetteer = JSON.parse(readFileSync('data/gazetteer.json', 'utf8')) as {
    communes: { insee: string; name: string }[];
  };
  const communes = gazetteer.communes.filter((c) => c.insee.startsWith('46'));
  const [hub, ...others] = communes;
  const at = '2026-01-05T08:00:00.000Z';
  const stamp = { schema: 1, createdAt: at, createdBy: 'coordination', updatedAt: at };
  const trips = others.slice(0, 120).map((commune, i) => ({
    _id: `trip:long${String(i).padStart(4, '0')}`,
    type: 'trip',
    ...stamp,
    updatedBy: 'coordination',
    readers: ['role:coordinator'],
    driverId: 'person:longdriver',
    fromInsee: commune.insee,
    toInsee: hub!.insee,
    weekdays: [1, 2, 3, 4, 5],
    departure: '08:00',
    returnDeparture: null,
    seats: 3,
    detourMinutes: 10,
    validFrom: '2026-01-05',
    validUntil: null,
    paused: false,
  }));
  await nano(app.couchUrl).use<Record<string, unknown>>('maillage').bulk({ docs: trips });

  const page = await browser.newPage({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await logIn(page, app.url, '/carte', 'coordination');
  const table = page.getByRole('table', { name: /Lignes du réseau/ });
  const rows = table.locator('tbody tr');
  await expect(page.getByText(/^50 sur 1[2-9]\d affichées/)).toBeVisible({ timeout: 30_000 });
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: 'Afficher les 50 suivantes' }).click();
  await expect(rows).toHaveCount(100);

  const sought = others[100]!;
  await page.getByLabel('Chercher une commune').fill(sought.name.toUpperCase());
  await expect(rows.first()).toContainText(sought.name);
  for (const row of await rows.all()) await expect(row).toContainText(sought.name);
  await page.getByLabel('Chercher une commune').fill('Zzyzx');
  await expect(
    page.getByRole('status').filter({ hasText: 'Aucune ligne ne passe par' }),
  ).toBeVisible();
});
