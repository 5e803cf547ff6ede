import { defineConfig, devices } from '@playwright/test';

// Debian's chromium (apt) is the browser here; Playwright's own download does not work offline.
// On a developer machine without it, `npx playwright install chromium` and unset CHROMIUM_PATH.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT lets several checkouts run their e2e suites side by side without reusing each other's server.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  // Two workers on two cores: each test is a browser plus the solver/import workers, so more would
  // only queue for the CPU. No test asserts a duration; timeouts below are generous safety nets for
  // a busy machine (a waiting assertion returns as soon as its condition holds).
  workers: 2,
  // One retry absorbs a machine stalled beyond even these limits; the report lists it as flaky.
  retries: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    headless: true,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic'
      ]
    }
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // The e2e suite always runs against the production build (service worker, precache, chunks).
    command: `npx vite build && npx vite preview --port ${port} --strictPort`,
    port,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI
  }
});
