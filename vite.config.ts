import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      // The app asks before swapping to a new version (a driver may be mid-session).
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'GreenSlot — smart EV charging',
        short_name: 'GreenSlot',
        description: 'Grid-friendly, green and on-time EV charging, optimized in your browser.',
        theme_color: '#1b7a43',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' }
        ]
      },
      workbox: {
        // Precache the whole app, including the HiGHS wasm (~3 MB) so the solver works offline.
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,wasm,json}', 'prerendered/**/*.html'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // Client-routed pages (/session/x, /receipt/x) are served by the prerendered shell offline.
        navigateFallback: '/',
        cleanupOutdatedCaches: true
      },
      kit: { includeVersionFile: true }
    })
  ],
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'contracts/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000
  }
});
