import { expect, test } from '@playwright/test';
import { resetApp, shoot } from './support';

test.describe('persistence (IndexedDB)', () => {
  test('a session survives a reload and shows in a second tab; the clock continues where it stopped', async ({ page, context }) => {
    await resetApp(page);
    await page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').first().getByRole('button', { name: /Select/ }).click();
    await page.getByTestId('preference').selectOption('fast');
    await page.getByTestId('send-request').click();
    await expect(page).toHaveURL(/\/session\/app-/);
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('clock-step').click();
      await expect(page.getByTestId('clock-step')).toBeEnabled();
    }
    const delivered = await page.getByTestId('delivered').innerText();
    const now = await page.getByTestId('clock-now').innerText();
    expect(parseFloat(delivered)).toBeGreaterThan(0);

    await page.reload();
    await expect(page.getByTestId('delivered')).toHaveText(delivered);
    await expect(page.getByTestId('clock-now')).toHaveText(now);

    const second = await context.newPage();
    await second.goto(page.url());
    await expect(second.getByTestId('delivered')).toHaveText(delivered);

    // After the reload the engine is rebuilt and replayed to the stored slot, then runs on.
    await page.getByTestId('clock-step').click();
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await expect(page.getByTestId('delivered')).not.toHaveText(delivered);
    // The second tab follows through IndexedDB.
    await expect(second.getByTestId('delivered')).toHaveText(await page.getByTestId('delivered').innerText());
    await expect(second.getByTestId('clock-now')).toHaveText(await page.getByTestId('clock-now').innerText());

    await page.goto('/session');
    await expect(page.getByTestId('my-sessions')).toContainText('A1-1');
    await shoot(page, 'my-sessions');
  });
});
