import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// A new deployment = a byte-different sw.js on the same origin. The preview server serves the one
// build, so this test serves a private copy of build/ and "deploys" by editing that copy's sw.js.

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png'
};

/** Serves `root` like the static host would: prerendered pages, assets, and the SPA fallback. */
function serveBuild(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const candidates = path === '/' ? ['index.html'] : [path, `${path}.html`];
    const file = candidates.map((c) => join(root, c)).find((f) => f.startsWith(root) && existsSync(f) && statSync(f).isFile()) ?? join(root, '200.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    done({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

/** The service worker registration's state as seen by the page. */
const swState = (page: Page) =>
  page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { active: !!reg?.active, waiting: !!reg?.waiting, controlled: !!navigator.serviceWorker.controller };
  });

test.describe('new version available', () => {
  let root = '';
  let server: Server | undefined;
  let origin = '';

  test.beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'greenslot-build-'));
    cpSync(resolve('build'), root, { recursive: true });
    ({ server, origin } = await serveBuild(root));
  });

  test.afterEach(async () => {
    await new Promise((done) => server?.close(done));
    rmSync(root, { recursive: true, force: true });
  });

  async function deployNewVersion(page: Page) {
    // Any byte change to sw.js is a new version to the browser; the app's precache stays valid.
    appendFileSync(join(root, 'sw.js'), `\n// deployed ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  }

  test('asks before switching, and "Reload to update" activates the new worker', async ({ page }) => {
    await page.goto(`${origin}/`);
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
    await page.reload(); // now controlled by the first worker
    await expect.poll(() => swState(page)).toEqual({ active: true, waiting: false, controlled: true });
    await expect(page.getByTestId('update-available')).toHaveCount(0);

    await deployNewVersion(page);
    // The new worker waits (registerType 'prompt'): a driver mid-session is not reloaded under their feet.
    await expect(page.getByTestId('update-available')).toBeVisible({ timeout: 30_000 });
    expect(await swState(page)).toEqual({ active: true, waiting: true, controlled: true });

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload to update' }).click()]);
    await expect(page.getByTestId('clock-now')).toBeVisible();
    await expect.poll(() => swState(page)).toEqual({ active: true, waiting: false, controlled: true });
    await expect(page.getByTestId('update-available')).toHaveCount(0);
  });

  test('"Later" keeps the running version until the next visit', async ({ page }) => {
    await page.goto(`${origin}/`);
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect.poll(() => swState(page)).toEqual({ active: true, waiting: false, controlled: true });

    await deployNewVersion(page);
    await expect(page.getByTestId('update-available')).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Later' }).click();
    await expect(page.getByTestId('update-available')).toHaveCount(0);
    // Still the old worker in charge, the new one still waiting.
    expect(await swState(page)).toEqual({ active: true, waiting: true, controlled: true });

    // The next visit asks again (the waiting worker is still there).
    await page.reload();
    await expect(page.getByTestId('update-available')).toBeVisible({ timeout: 30_000 });
  });
});
