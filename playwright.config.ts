import { defineConfig, devices } from '@playwright/test';

// Debian's chromium (apt) is the browser here; Playwright's own download does not work offline.
// On a developer machine without it, `npx playwright install chromium` and unset CHROMIUM_PATH.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT lets several checkouts run their e2e suites side by side without reusing each other's server.
const port = Number(process.env.E2E_PORT ?? 4173);
// The test OCPI server's port: its own variable, else beside the app's (the live e2e reads the same).
const ocpiPort = Number(process.env.OCPI_TEST_PORT ?? port + 1100);

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
  webServer: [
    {
      // The e2e suite always runs against the production build (service worker, precache, chunks).
      command: `npx vite build && npx vite preview --port ${port} --strictPort`,
      port,
      timeout: 180_000,
      reuseExistingServer: !process.env.CI
    },
    {
      // The test OCPI 2.2.1 CPO the live-backend e2e (live*.e2e.ts) talks to (docs/live-backend.md).
      command: `npx tsx test/ocpi-server/main.ts --port ${ocpiPort}`,
      url: `http://localhost:${ocpiPort}/health`,
      timeout: 30_000,
      reuseExistingServer: !process.env.CI
    }
  ]
});
