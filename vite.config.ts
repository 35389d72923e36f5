import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      // Registered from the root layout, with a prompt before a new version takes over,
      // so that an update never drops a form being filled.
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        name: 'Maillage — covoiturage solidaire',
        short_name: 'Maillage',
        description: 'Covoiturage solidaire pour les territoires ruraux',
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4e89',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: [
          'client/**/*.{js,mjs,css,ico,png,svg,webp,webmanifest,json,geojson,woff2}',
          'prerendered/**/*.html',
        ],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/',
        navigateFallbackDenylist: [/^\/db(\/|$)/, /^\/api\//],
      },
    }),
  ],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
          environment: 'node',
          // A few tests run a CLI in a child process (tsx start-up), slow on a loaded machine.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
