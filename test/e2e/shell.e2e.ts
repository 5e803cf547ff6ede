import { expect, test } from '@playwright/test';

test.describe('app shell and install', () => {
  test('serves the app with a web manifest and installable icons', async ({ page, request }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const manifest = await (await request.get('/manifest.webmanifest')).json();
    expect(manifest.name).toContain('GreenSlot');
    expect(manifest.display).toBe('standalone');
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
  });
});

test.describe('first-load budget', () => {
  test('loads at most 300 kB of gzipped JS on the first visit, without the solver', async ({ page }) => {
    const { gzipSync } = await import('node:zlib');
    const sizes: { url: string; gz: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (r) => {
      if (!r.url().endsWith('.js')) return;
      pending.push(r.body().then((b) => void sizes.push({ url: r.url(), gz: gzipSync(b).length }), () => undefined));
    });
    await page.goto('/');
    await expect(page.getByTestId('station-list')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const totalKb = sizes.reduce((a, s) => a + s.gz, 0) / 1024;
    console.log(`first-load JS: ${sizes.length} files, ${totalKb.toFixed(1)} kB gzipped`);
    expect(sizes.some((s) => /solver\.worker|highs/.test(s.url))).toBe(false);
    expect(totalKb).toBeLessThanOrEqual(300);
  });
});
