import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

// The main config plus the test OCPI CPO, for running the live e2e on its own:
//   E2E_PORT=4186 npx playwright test -c test/ocpi-server/playwright.live.config.ts
// The OCPI server entry is exactly what the main config's webServer array needs (see docs/live-backend.md).
const port = Number(process.env.E2E_PORT ?? 4173);
const ocpiPort = Number(process.env.OCPI_TEST_PORT ?? port + 1100);
const root = fileURLToPath(new URL('../..', import.meta.url));
// A webServer's cwd defaults to its config file's folder: the app's build runs at the repo root.
const app = (Array.isArray(base.webServer) ? base.webServer : base.webServer ? [base.webServer] : []).map((w) => ({ ...w, cwd: w.cwd ?? root }));

export default defineConfig({
  ...base,
  testDir: '../e2e',
  testMatch: 'live*.e2e.ts',
  webServer: [
    ...app,
    {
      command: `npx tsx test/ocpi-server/main.ts --port ${ocpiPort}`,
      cwd: root,
      url: `http://localhost:${ocpiPort}/health`,
      timeout: 30_000,
      reuseExistingServer: !process.env.CI
    }
  ]
});
