import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/support/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    launchOptions: chromiumLaunchOptions,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'off',
    // A step that hangs (a click, a download awaited) fails there, not as the whole test's timeout.
    actionTimeout: 45_000,
  },
});
