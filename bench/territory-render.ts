// The territory pages rendered in a real browser (Debian's Chromium, the built app) with a year of
// a busy territory on the device: 10,000 requests over 12 months, 5,000 regular trips, their
// matches and rides (issue 10, "Speed"). The app runs without its worker (these are past
// requests: nothing to do), the coordinator's device pulls everything, then the browser goes
// offline and the pages are timed: the map over the whole year (from setting the period to the
// lines table and the map drawn), the dashboard (from the click to its plots painted) and the
// app opened on the map (its documents read from the device's IndexedDB, then the lines drawn).
//
//   npm run build && npm run bench -- territoryRender
import { chromium, type Page } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import nano from 'nano';
import { systemClock } from '../src/lib/clock';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { addDays } from '../src/lib/domain/schedule/calendar';
import { projectRoot } from '../server/config';
import { startApp } from '../tests/e2e/support/app';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium';
import { untilOnDevice } from '../tests/e2e/support/pages';
import { random } from './worker-world';

const REQUESTS = 10_000;
const TRIPS = 5_000;
const RUNS = 5;

type Doc = Record<string, unknown> & { _id: string };

export async function benchTerritoryRender(): Promise<Record<string, unknown>> {
  const today = systemClock.now().toISOString().slice(0, 10);
  const docs = yearOfDocs(today);
  const app = await startApp(undefined, ['--no-worker']);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const db = nano(app.couchUrl).use<Doc>('maillage');
    for (let i = 0; i < docs.length; i += 2000) await db.bulk({ docs: docs.slice(i, i + 2000) });
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    const pullStarted = performance.now();
    await page.goto(app.url + '/');
    await page.getByLabel('Identifiant').fill('coordination');
    await page.getByLabel('Mot de passe').fill('demo-coordination');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await untilOnDevice(page, 'coordination', `request:y${pad(REQUESTS - 1)}`, 600_000);
    await untilOnDevice(page, 'coordination', `ride:y${pad(0)}-1`, 600_000);
    const pullMs = performance.now() - pullStarted;
    await context.setOffline(true);
    // A fresh start from what the device holds, as after opening the app the next morning.
    await page.reload();
    await page.getByRole('link', { name: 'Carte et chiffres' }).waitFor({ timeout: 120_000 });

    const map: number[] = [];
    const mapTable: number[] = [];
    const dashboard: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const timed = await timeMap(page, addDays(today, -365));
      map.push(timed.drawnMs);
      mapTable.push(timed.tableMs);
      dashboard.push(await timeDashboard(page));
    }
    const opened: number[] = [];
    for (let run = 0; run < RUNS; run++) opened.push(await timeOpening(page, app.url));
    return {
      documents: docs.length,
      requests: REQUESTS,
      trips: TRIPS,
      pullMs: Math.round(pullMs),
      mapYearMs: summary(map),
      mapYearTableOnlyMs: summary(mapTable),
      dashboardMs: summary(dashboard),
      openedOnMapMs: summary(opened),
    };
  } finally {
    await browser.close();
    await app.stop();
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}

/**
 * From the map page opened to a year's lines in the table and drawn on the map, MapLibre idle
 * (`drawnMs`); `tableMs` is the table alone, to tell the page's own work from MapLibre's.
 */
async function timeMap(page: Page, yearAgo: string): Promise<{ tableMs: number; drawnMs: number }> {
  await page.getByRole('link', { name: 'Maillage' }).click();
  const started = performance.now();
  await page.getByRole('link', { name: 'Carte et chiffres' }).click();
  const table = page.getByRole('table', { name: /Lignes du réseau/ });
  await table.getByRole('row').nth(1).waitFor();
  const lastMonths = await table.textContent();
  // By CSS, not by label: Playwright's label look-up walks the page and would be timed too.
  await page.locator('form.filters input[type="date"]').first().fill(yearAgo);
  // The table shows the year once it differs from the default period's.
  await page.waitForFunction(
    (before) => document.querySelector('table')?.textContent !== before,
    lastMonths,
    { timeout: 60_000 },
  );
  const tableMs = performance.now() - started;
  // The year's lines on the canvas, MapLibre idle: not only the map's first frame.
  await page.waitForFunction(
    () => document.querySelector('[data-loaded="oui"][data-lines="dessinées"] canvas') !== null,
    { timeout: 60_000 },
  );
  return { tableMs, drawnMs: performance.now() - started };
}

/** The app opened offline on the map: its documents read from IndexedDB, the lines drawn. */
async function timeOpening(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  const started = performance.now();
  await page.goto(url + '/carte');
  await page.waitForFunction(
    () =>
      document.querySelector('table tbody tr') !== null &&
      document.querySelector('[data-loaded="oui"][data-lines="dessinées"] canvas') !== null,
    undefined,
    { timeout: 60_000 },
  );
  return performance.now() - started;
}

/** From the click to the dashboard's first plot painted and its monthly table shown. */
async function timeDashboard(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Carte du réseau' }).click();
  const started = performance.now();
  await page.getByRole('link', { name: 'Chiffres', exact: true }).click();
  await page.getByRole('table', { name: 'Chiffres par mois' }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => {
      const canvas = document.querySelector('figure canvas') as HTMLCanvasElement | null;
      if (!canvas || canvas.width === 0) return false;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      return data.some((value, i) => i % 4 === 3 && value > 0);
    },
    undefined,
    { timeout: 60_000 },
  );
  return performance.now() - started;
}

/** The runs in the order they ran (a slow third run shows as such), and their median. */
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    runs: ms.map(Math.round),
    median: Math.round(sorted[Math.floor(sorted.length / 2)]!),
  };
};

const pad = (n: number) => String(n).padStart(6, '0');

/** A year of a busy territory, as the app and the worker write it (coordinators read it all). */
function yearOfDocs(today: string): Doc[] {
  const gazetteer = JSON.parse(
    readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
  ) as GazetteerData;
  const communes = gazetteer.communes.filter((c) => c.insee.startsWith('46'));
  const towns = [...communes].sort((a, b) => b.population - a.population).slice(0, 25);
  const rand = random(46);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const pair = (): [string, string] => {
    const from = pick(communes).insee;
    let to = pick(towns).insee;
    while (to === from) to = pick(towns).insee;
    return rand() < 0.5 ? [from, to] : [to, from];
  };
  const at = `${addDays(today, -400)}T08:00:00.000Z`;
  const stamp = (by: string) => ({
    schema: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    readers: ['role:coordinator'],
  });
  const person = (id: string, role: 'driver' | 'passenger', n: number): Doc => ({
    _id: id,
    type: 'person',
    ...stamp('coordination'),
    firstName: role === 'driver' ? `Conducteur${n}` : `Passager${n}`,
    lastName: 'Bench',
    phone: `+336${String(10_000_000 + n).slice(-8)}`,
    phoneKind: 'mobile',
    homeInsee: pick(communes).insee,
    roles: [role],
    consent: { by: 'coordination', method: 'oral', at },
    blocked: false,
  });
  const docs: Doc[] = [];
  for (let i = 0; i < 1500; i++) docs.push(person(`person:yd${pad(i)}`, 'driver', i));
  for (let i = 0; i < 3000; i++) docs.push(person(`person:yp${pad(i)}`, 'passenger', 5000 + i));
  const trips: Doc[] = [];
  for (let i = 0; i < TRIPS; i++) {
    const [fromInsee, toInsee] = pair();
    trips.push({
      _id: `trip:y${pad(i)}`,
      type: 'trip',
      ...stamp('coordination'),
      driverId: `person:yd${pad(i % 1500)}`,
      fromInsee,
      toInsee,
      weekdays: [1, 2, 3, 4, 5].filter(() => rand() < 0.6),
      departure: '08:00',
      returnDeparture: rand() < 0.5 ? '17:30' : null,
      seats: 1 + Math.floor(rand() * 4),
      detourMinutes: 10,
      validFrom: addDays(today, -400),
      validUntil: null,
      paused: rand() < 0.05,
    });
  }
  docs.push(...trips);
  for (let i = 0; i < REQUESTS; i++) {
    const [fromInsee, toInsee] = pair();
    const date = addDays(today, -1 - Math.floor(rand() * 364));
    const id = `y${pad(i)}`;
    const request: Doc = {
      _id: `request:${id}`,
      type: 'request',
      ...stamp('coordination'),
      createdAt: `${date}T06:00:00.000Z`,
      passengerId: `person:yp${pad(i % 3000)}`,
      fromInsee,
      toInsee,
      date,
      earliest: '08:00',
      latest: '09:30',
      seats: 1,
      channel: rand() < 0.5 ? 'sms' : 'relay',
      returnOf: null,
      cancelledAt: null,
    };
    docs.push(request);
    const trip = pick(trips);
    const served = rand() < 0.6;
    const answeredAt = `${date}T06:${String(5 + Math.floor(rand() * 50)).padStart(2, '0')}:00.000Z`;
    const proposal = {
      driverId: trip.driverId,
      tripId: trip._id,
      leg: 'outbound',
      pickupTime: '08:20',
      contributionCents: 150,
      detourMinutes: 3,
      askedAt: `${date}T06:01:00.000Z`,
      deadline: `${date}T07:01:00.000Z`,
      attempt: 1,
    };
    docs.push({
      _id: `match:${id}`,
      type: 'match',
      ...stamp('worker'),
      requestId: request._id,
      passengerId: request.passengerId,
      date,
      state: served
        ? {
            status: 'confirmed',
            tried: [],
            proposal,
            rideId: `ride:${id}-1`,
            confirmedAt: answeredAt,
          }
        : { status: 'unmatched', tried: [], at: answeredAt, reason: 'Aucun trajet régulier.' },
      wakeAt: null,
      requestRev: null,
    });
    if (served)
      docs.push({
        _id: `ride:${id}-1`,
        type: 'ride',
        ...stamp('worker'),
        requestId: request._id,
        matchId: `match:${id}`,
        tripId: trip._id,
        leg: 'outbound',
        driverId: trip.driverId,
        passengerId: request.passengerId,
        date,
        pickupTime: '08:20',
        pickupInsee: fromInsee,
        dropoffInsee: toInsee,
        pickupPlace: 'devant la mairie',
        seats: 1,
        contributionCents: 150,
        cancelledAt: null,
        remindAt: null,
      });
  }
  return docs;
}
