// Scenario 6 through the screens: Marie's ride with Jean is confirmed (Jean answers OUI on the
// simulated phone), the coordinator cancels it on the request page, Jean's SMS "Marie annule le
// trajet de jeudi …. Merci !" shows on the simulated phone and the seat is free again.
import { expect, test, type Page } from '@playwright/test';
import nano from 'nano';
import { COORDINATORS, userReader } from '../../src/lib/domain/documents';
import { formatDayAndDate } from '../../src/lib/domain/format';
import { addDays, isoWeekday, localDateOf } from '../../src/lib/domain/schedule/calendar';
import { frenchPublicHolidays } from '../../src/lib/domain/schedule/holidays';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

type Doc = Record<string, unknown> & { _id: string };

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

const messages = (page: Page) => page.getByRole('log', { name: 'Messages' }).getByRole('listitem');

/** The first Thursday at least two days ahead that is not a public holiday (Jean drives then). */
function nextThursday(): string {
  // The test runs on any date: the scenario's Thursday is the next one.
  let date = addDays(localDateOf(new Date()), 2);
  const holidays = (d: string) =>
    frenchPublicHolidays(Number(d.slice(0, 4))).some((h) => h.date === d);
  while (isoWeekday(date) !== 4 || holidays(date)) date = addDays(date, 1);
  return date;
}

test('the coordinator cancels Marie’s ride: Jean is told and the seat is free (scenario 6)', async ({
  page,
}) => {
  app = await startApp();
  const db = nano(app.couchUrl).use<Doc>('maillage');
  const date = nextThursday();
  const at = new Date().toISOString();
  const stamps = {
    schema: 1,
    createdAt: at,
    createdBy: 'sophie',
    updatedAt: at,
    updatedBy: 'sophie',
    readers: [COORDINATORS, userReader('sophie')],
  };
  // Jean, Marie and her request. The demo's own Jean may be busy with a demo question: this one
  // leaves Lacapelle-Marival at 9:45 on Thursdays and reaches Cardaillac about 9:55.
  await db.insert({
    _id: 'person:scenario6jean',
    type: 'person',
    ...stamps,
    firstName: 'Jean',
    lastName: 'Delmas',
    phone: '+33639980177',
    phoneKind: 'mobile',
    homeInsee: '46143',
    roles: ['driver'],
    consent: { by: 'sophie', method: 'oral', at },
    blocked: false,
  } as Doc);
  await db.insert({
    _id: 'trip:scenario6jean',
    type: 'trip',
    ...stamps,
    driverId: 'person:scenario6jean',
    fromInsee: '46143',
    toInsee: '46102',
    weekdays: [4],
    departure: '09:45',
    returnDeparture: null,
    seats: 3,
    detourMinutes: 10,
    validFrom: '2026-01-01',
    validUntil: null,
    paused: false,
  } as Doc);
  await db.insert({
    _id: 'person:scenario6marie',
    type: 'person',
    ...stamps,
    firstName: 'Marie',
    lastName: 'Delpech',
    phone: '+33536490201',
    phoneKind: 'landline',
    homeInsee: '46057',
    roles: ['passenger'],
    consent: { by: 'sophie', method: 'oral', at },
    blocked: false,
  } as Doc);
  await db.insert({
    _id: 'request:scenario6aller',
    type: 'request',
    ...stamps,
    passengerId: 'person:scenario6marie',
    fromInsee: '46057',
    toInsee: '46102',
    date,
    earliest: '09:45',
    latest: '10:15',
    seats: 1,
    channel: 'relay',
    returnOf: null,
    cancelledAt: null,
  } as Doc);

  await logIn(page, app.url, '/telephone', 'coordination');
  await page.getByLabel('Seulement ce numéro').uncheck();
  const toJean = messages(page).filter({ hasText: 'Maillage → +33639980177' });
  await expect(toJean.filter({ hasText: 'Marie (Cardaillac) cherche un trajet' })).toHaveCount(1, {
    timeout: 60_000,
  });
  // Jean answers from his basic phone.
  await page.getByLabel('Numéro qui écrit').fill('06 39 98 01 77');
  await page.getByLabel('Message', { exact: true }).fill('oui');
  await page.getByRole('button', { name: 'Envoyer à Maillage' }).click();
  await expect(toJean.filter({ hasText: 'vous attend' })).toHaveCount(1, { timeout: 30_000 });

  // Thursday 7:10, Marie calls: she is ill. The coordinator cancels on the request page.
  await page.goto(`${app.url}/demandes/request:scenario6aller`);
  await page.getByRole('button', { name: 'Annuler la demande' }).click();
  await page.getByRole('button', { name: 'Oui, annuler la demande' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demande annulée' })).toBeVisible();

  await page.goto(`${app.url}/telephone`);
  await page.getByLabel('Seulement ce numéro').uncheck();
  await expect(
    toJean.filter({ hasText: `Marie annule le trajet de ${formatDayAndDate(date)}. Merci !` }),
  ).toHaveCount(1, { timeout: 30_000 });

  // The seat is free again: the ride is cancelled and no longer counted for that day.
  const ride = (await db.get('ride:scenario6aller-1')) as Doc;
  expect(ride.cancelledAt).toEqual(expect.any(String));
  const seats = await db.view('worker', 'rides_by_date', { key: date });
  expect(seats.rows.filter((r) => r.id === ride._id)).toEqual([]);
});
