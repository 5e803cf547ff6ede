import { expect, test } from '@playwright/test';
import { resetApp, shoot } from './support';

test.describe('operator: strategy comparison in the worker', () => {
  test('runs the same day under strategies and baselines in the worker while the page keeps answering', async ({ page }) => {
    test.setTimeout(180_000);
    await resetApp(page, '/operator');
    for (let i = 0; i < 8; i++) {
      await page.getByTestId('clock-step').click();
      await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    }
    await expect(page.getByTestId('load-chart')).toBeVisible();
    await expect(page.getByTestId('sessions-table').locator('tbody tr').first()).toBeVisible();

    // The comparison runs in the worker: the page still answers (the clock moves) while it runs.
    // How long the main thread pauses meanwhile is measured by `npm run bench -- --only browser`.
    await page.getByTestId('run-compare').click();
    await expect(page.getByTestId('compare-progress')).toBeVisible();
    const before = await page.getByTestId('clock-now').innerText();
    await page.getByTestId('clock-minute').click();
    await expect(page.getByTestId('clock-now')).not.toHaveText(before);

    const table = page.getByTestId('compare-table');
    await expect(table).toBeVisible({ timeout: 150_000 });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(8);
    await expect(table).toContainText('Offline optimum');
    await expect(table).toContainText('Uncontrolled');
    const energy = await rows.locator('td:nth-child(2)').allInnerTexts();
    for (const e of energy) expect(parseFloat(e)).toBeGreaterThan(0);
    await shoot(page, 'operator');
  });
});
