// The coordinators' "téléphone simulé" in the built app (`npm start` runs the worker with the
// console gateway): a request typed from a new number gets Maillage's answer, and a driver who
// answers OUI to a question the demo data left pending confirms the ride to the passenger.
import { expect, test, type Page } from '@playwright/test';
import nano from 'nano';
import { startApp, type RunningApp } from './support/app';
import { logIn } from './support/pages';

type Doc = Record<string, unknown> & { _id: string };

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

const messages = (page: Page) => page.getByRole('log', { name: 'Messages' }).getByRole('listitem');

/** A question the worker sent about a demo request whose passenger has a mobile. */
async function pendingAsk(couchUrl: string) {
  const db = nano(couchUrl).use<Doc>('maillage');
  const end = Date.now() + 60_000;
  for (;;) {
    const all = (await db.list({ include_docs: true })).rows.map((r) => r.doc as Doc);
    const byId = new Map(all.map((d) => [d._id, d]));
    for (const match of all.filter((d) => d.type === 'match')) {
      const state = match.state as { status: string; proposal?: { driverId: string } };
      if (state.status !== 'asking' || !state.proposal) continue;
      const request = byId.get(String(match.requestId));
      const passenger = request && byId.get(String(request.passengerId));
      const driver = byId.get(state.proposal.driverId);
      if (passenger?.phoneKind === 'mobile' && typeof driver?.phone === 'string')
        return { driverPhone: driver.phone, passengerPhone: String(passenger.phone) };
    }
    if (Date.now() > end) throw new Error('no pending question in the demo data');
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('a coordinator plays a passenger and a driver on the simulated phone', async ({ page }) => {
  app = await startApp();
  await logIn(page, app.url, '/telephone', 'coordination');
  await expect(page.getByRole('heading', { name: 'Téléphone simulé' })).toBeVisible();

  // A passenger nobody knows asks for a ride, with the keyboard only.
  const phone = page.getByLabel('Numéro qui écrit');
  await phone.fill('06 12 34 56 78');
  await expect(phone).toHaveAccessibleDescription(/06 12 34 56 78/);
  await page.keyboard.press('Tab');
  const text = page.getByLabel('Message', { exact: true });
  await expect(text).toBeFocused();
  await page.keyboard.type('Gramat Figeac mardi 9h');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'reçu par Maillage' })).toBeVisible();
  await expect(text).toHaveValue('');
  await expect(text).toBeFocused();
  await expect(messages(page).filter({ hasText: 'De +33612345678' })).toContainText(
    'Gramat Figeac mardi 9h',
  );
  // Demo drivers do not go from Gramat to Figeac on Tuesday mornings: the passenger is told,
  // with the window asked ("9h" is 8:30–9:30). On a Tuesday past 8:15 "mardi" may be too late.
  await expect(messages(page).filter({ hasText: 'Maillage → +33612345678' })).toContainText(
    /personne ne fait encore Gramat - Figeac mardi \d\d\/\d\d vers 9h\.|trop proche/,
    { timeout: 30_000 },
  );

  // A driver answers OUI to the question the worker sent at start about a demo request.
  const ask = await pendingAsk(app.couchUrl);
  await phone.fill(ask.driverPhone);
  await page.getByLabel('Seulement ce numéro').uncheck();
  await text.fill('OUI');
  await page.getByRole('button', { name: 'Envoyer à Maillage' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'reçu par Maillage' })).toBeVisible();
  const toPassenger = messages(page).filter({ hasText: `Maillage → ${ask.passengerPhone}` });
  await expect(toPassenger.filter({ hasText: 'vous prend' })).toContainText(
    /Maillage : \S+ \(0\d( \d\d){4}\) vous prend \w+ \d\d\/\d\d vers \d+h\d*/,
    { timeout: 30_000 },
  );
  await expect(
    messages(page)
      .filter({ hasText: `Maillage → ${ask.driverPhone}` })
      .filter({ hasText: 'merci' }),
  ).toContainText('vous attend');
});
