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
    // The demo day reads as a day (07:00 to 07:00 tomorrow), in site time with the zone named; overload in kWh.
    await expect(page.getByTestId('day-progress')).toContainText(/run of 24 h \(\w{3} \d{1,2} \w{3}, 07:00–07:00 \+1 day\), now \d\d:\d\d · site time, Europe\/Amsterdam \(UTC\+0[12]:00\)/);
    await expect(page.getByTestId('kpi-over')).toHaveText(/^\d+\.\d kWh$/);
    await expect(page.locator('main')).not.toContainText(/kW·slot|per slot|slot\(s\)/);

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
    await expect(table.locator('thead')).toContainText('Over limits kWh');
    const energy = await rows.locator('td:nth-child(2)').allInnerTexts();
    for (const e of energy) expect(parseFloat(e)).toBeGreaterThan(0);
    await shoot(page, 'operator');
  });
});
