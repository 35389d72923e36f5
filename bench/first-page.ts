// JavaScript the first page loads, gzip-compressed, measured in a real browser (Debian's Chromium)
// against the built app: every script response of a cold visit, the map excluded.
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { rmSync } from 'node:fs';
import { startApp } from '../tests/e2e/support/app';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium';

export async function benchFirstPage(): Promise<Record<string, unknown>> {
  const app = await startApp();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    const scripts: Array<{ url: string; bytes: number; gzip: number }> = [];
    page.on('response', async (response) => {
      const type = response.request().resourceType();
      const url = response.url();
      if (type !== 'script' || /maplibre/i.test(url)) return;
      const body = await response.body().catch(() => null);
      if (body)
        scripts.push({
          url: new URL(url).pathname,
          bytes: body.length,
          gzip: gzipSync(new Uint8Array(body)).length,
        });
    });
    await page.goto(app.url + '/', { waitUntil: 'networkidle' });
    const landedOn = new URL(page.url()).pathname;
    return {
      page: landedOn,
      scripts: scripts.length,
      jsBytes: scripts.reduce((n, s) => n + s.bytes, 0),
      jsGzipBytes: scripts.reduce((n, s) => n + s.gzip, 0),
      largest: scripts.sort((a, b) => b.gzip - a.gzip).slice(0, 5),
    };
  } finally {
    await browser.close();
    await app.stop();
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}
