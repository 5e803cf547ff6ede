import { expect, test } from '@playwright/test';
import { resetApp } from './support';

test.describe('offline after the first visit', () => {
  test('reloads and solves with the network off', async ({ page, context }) => {
    await resetApp(page);
    // The service worker precaches the app and the HiGHS wasm on the first visit.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Find a charger' })).toBeVisible();
    // Chromium may report navigator.onLine = true after this reload although every request fails:
    // the app checks with a request of its own, as it must on a real device.
    await expect(page.getByTestId('offline-banner')).toContainText('You are offline');

    // A gate solve and a dry-run plan both need the worker and the wasm: from the cache.
    await page.getByTestId('clock-step').click();
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').first().getByRole('button', { name: /Select/ }).click();
    await expect(page.getByTestId('dry-ok')).toBeVisible({ timeout: 30_000 });

    // Client-routed pages come from the cached shell.
    await page.goto('/operator');
    await expect(page.getByRole('heading', { name: 'Operator dashboard' })).toBeVisible();
    await expect(page.getByTestId('offline-banner')).toBeVisible();

    // Back online: the app's next check gets an answer and the banner goes.
    await context.setOffline(false);
    await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 30_000 });
  });
});
