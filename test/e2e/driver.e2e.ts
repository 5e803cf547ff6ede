import { expect, test, type Page } from '@playwright/test';
import { resetApp, shoot } from './support';

async function stepGates(page: Page, n: number) {
  for (let i = 0; i < n; i++) {
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await page.getByTestId('clock-step').click();
  }
  await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
}

test.describe('driver: before, during and after charging', () => {
  test('selects a free EVSE, sends a request, watches it charge through several gates and reads the receipt', async ({ page }) => {
    await resetApp(page);
    await shoot(page, 'driver-before');
    const free = page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').filter({ hasText: '11 kW' }).first();
    await free.getByRole('button', { name: /Select/ }).click();
    const form = page.getByTestId('request-form');
    await expect(form).toBeVisible();
    // Too much for the time left: the dry run warns early and says what can be done.
    await form.getByTestId('energy-kwh').fill('100');
    await form.getByTestId('departure').fill('09:00');
    await expect(page.getByTestId('dry-warning')).toContainText(/only \d+\.\d of 100\.0 kWh by 09:00/, { timeout: 30_000 });
    await form.getByTestId('energy-kwh').fill('12');
    await form.getByTestId('departure').fill('10:00');
    await form.getByTestId('preference').selectOption('fast');
    await expect(page.getByTestId('gate-rule')).toHaveAttribute('data-late', 'false');
    await expect(page.getByTestId('gate-rule')).toContainText('starts in slot 07:00');
    await expect(page.getByTestId('dry-ok')).toContainText(/Plan: 12\.0 kWh by \d\d:\d\d, about \d+ % green/, { timeout: 30_000 });
    await shoot(page, 'driver-request');
    await form.getByTestId('send-request').click();

    await expect(page).toHaveURL(/\/session\/app-/);
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'waiting');
    await stepGates(page, 1);
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', /charging|paused/);
    const delivered: number[] = [];
    for (let i = 0; i < 3; i++) {
      await stepGates(page, 1);
      delivered.push(parseFloat((await page.getByTestId('delivered').innerText()).replace(' kWh', '')));
    }
    expect(delivered[2]).toBeGreaterThan(0);
    expect(delivered[2]).toBeGreaterThanOrEqual(delivered[0]);
    await shoot(page, 'driver-session');

    // Run the clock to the departure: the session finishes and its receipt appears.
    for (let i = 0; i < 12; i++) {
      if ((await page.getByTestId('session-status').getAttribute('data-status')) === 'finished') break;
      await stepGates(page, 1);
    }
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'finished');
    await page.getByTestId('receipt-link').click();
    await expect(page).toHaveURL(/\/receipt\/app-/);
    await expect(page.getByTestId('receipt-kwh')).toHaveText('12.0 kWh');
    await expect(page.getByTestId('receipt-chart')).toBeVisible();
    await expect(page.getByTestId('receipt-co2-vs-reference')).toHaveText(/^\d+ g (less|more)$/);
    await expect(page.getByTestId('sign-attest')).toBeDisabled();
    const json = await page.getByTestId('receipt-json').textContent({ timeout: 5_000 });
    const receipt = JSON.parse(json ?? '{}');
    expect(receipt.deliveredWh).toBe(12_000);
    expect(receipt.greenWh).toBeLessThanOrEqual(12_000);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/greenslot-receipt-app-.*\.json/);
    await shoot(page, 'driver-receipt');
  });
});
