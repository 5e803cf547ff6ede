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
