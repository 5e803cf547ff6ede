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
  test('selects a free EVSE, sends a request, watches it charge, reads the receipt, and claims its green energy on the demo chain; a same-day reset explains the kept registrations and can wipe the demo chain', async ({ page }) => {
    test.setTimeout(180_000);
    await resetApp(page);
    await shoot(page, 'driver-before');
    const free = page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').filter({ hasText: '11 kW' }).first();
    await free.getByRole('button', { name: /Select/ }).click();
    const form = page.getByTestId('request-form');
    await expect(form).toBeVisible();
    // More than the car can take before departure: the app says the most that fits (no browser pop-up).
    await form.getByTestId('energy-kwh').fill('100');
    await form.getByTestId('departure').fill('09:00');
    await expect(page.getByTestId('energy-kwh-issue')).toContainText(/At most \d+(\.\d)? kWh fit before 09:00: 11 kW for/);
    await expect(form.getByTestId('send-request')).toBeDisabled();
    await form.getByTestId('energy-kwh').fill('12');
    await form.getByTestId('departure').fill('10:00');
    await form.getByTestId('preference').selectOption('fast');
    await expect(page.getByTestId('gate-rule')).toHaveAttribute('data-late', 'false');
    await expect(page.getByTestId('gate-rule')).toContainText('starts charging at 07:00');
    // Site time, the zone named once on the page and by the typed departure; the slot length in words.
    await expect(page.getByTestId('site-zone')).toHaveText(/^Times are site time, 24-hour: Europe\/Amsterdam \(UTC\+0[12]:00\)\.$/);
    await expect(page.getByTestId('departure-note')).toContainText(/Today, \w{3} \d{1,2} \w{3}, 10:00 site time, Europe\/Amsterdam \(UTC\+0[12]:00\)/);
    await expect(page.getByTestId('forecast-best')).toContainText(/^Greenest quarter-hour ahead: \d\d:\d\d/);
    await expect(page.getByTestId('dry-ok')).toContainText(/Plan: 12\.0 kWh by \d\d:\d\d, about \d+ % green/, { timeout: 30_000 });
    await shoot(page, 'driver-request');
    await form.getByTestId('send-request').click();

    await expect(page).toHaveURL(/\/session\/app-/);
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'waiting');
    // The 06:59 gate books 07:00–07:15; it charges once that quarter-hour has begun (the 07:14 gate).
    await stepGates(page, 2);
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
    const json = await page.getByTestId('receipt-json').textContent({ timeout: 5_000 });
    const receipt = JSON.parse(json ?? '{}');
    expect(receipt.deliveredWh).toBe(12_000);
    expect(receipt.greenWh).toBeLessThanOrEqual(12_000);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/greenslot-receipt-app-.*\.json/);
    const receiptUrl = page.url();
    const greenSlots: number[] = receipt.claims.map((c: { slot: number }) => c.slot);
    expect(greenSlots.length).toBeGreaterThan(0);

    // The operator registers the green supply of the finished slots (the real operator flow).
    await page.goto('/operator');
    const panel = page.getByTestId('green-supply');
    await panel.scrollIntoViewIfNeeded();
    for (const slot of greenSlots) await expect(panel.locator(`[data-testid="supply-row"][data-slot="${slot}"]`)).toHaveAttribute('data-state', 'not-registered', { timeout: 30_000 });
    await panel.getByTestId('supply-register').click();
    await expect(panel.getByTestId('supply-tx')).toHaveText(/Confirmed in block \d+/, { timeout: 30_000 });
    await expect(panel.locator('[data-testid="supply-row"]:not([data-state="registered"])')).toHaveCount(0);
    await expect(panel.getByTestId('supply-summary')).toContainText(/: \d+ registered, 0 not registered/);
    await expect(panel.getByTestId('supply-register')).toBeDisabled();

    // The driver claims: the EIP-712 data in plain words first (site-signed, countersigned), then the claim with its block.
    await page.goto(receiptUrl);
    await expect(page.getByTestId('supply-missing')).toHaveCount(0);
    const words = page.getByTestId('claim-words');
    await expect(words).toContainText(`session ${receipt.sessionId}`, { timeout: 30_000 });
    await expect(words).toContainText('delivered 12 kWh');
    await expect(words).toContainText('green in');
    await expect(words).toContainText('certificate bundle(s)');
    await expect(words).toContainText('chain 1337');
    await page.getByTestId('claim-button').click();
    await expect(page.getByTestId('claim-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect(page.getByTestId('claim-status')).toContainText(/Claimed in block \d+/);
    await shoot(page, 'driver-receipt');

    // Anyone can verify by session id; the demo chain keeps it across a reload.
    await page.goto(`/verify?session=${encodeURIComponent(receipt.sessionId)}`);
    await expect(page.getByTestId('verify-input')).toHaveValue(receipt.sessionId);
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
    await page.reload();
    await expect(page.getByTestId('verify-input')).toHaveValue(receipt.sessionId);
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });

    // Back on the operator panel the driver's claims show against the registered supply.
    await page.goto('/operator');
    await panel.scrollIntoViewIfNeeded();
    await expect(panel.locator(`[data-testid="supply-row"][data-slot="${greenSlots[0]}"]`)).toContainText(/registered, \d+\.\d{3} claimed/, { timeout: 30_000 });

    // Resetting the day on the same date replays the same real slots with new figures, but the demo chain
    // keeps the first registrations: the panel explains it and offers to wipe the demo chain with the reset.
    await page.getByTestId('sim-seed').fill('8');
    await page.getByTestId('sim-reset').click();
    await expect(page.getByTestId('archive-confirm-text')).toContainText(/moves the running day's \d+ sessions \(1 driver session, 1 receipt\) into the archive/);
    await page.getByTestId('archive-confirm-yes').click();
    await expect(panel.getByTestId('supply-row')).toHaveCount(0);
    await stepGates(page, 4);
    await expect(panel.locator('[data-testid="supply-row"][data-state="differs"]').first()).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByTestId('supply-differs-help')).toContainText('before the demo day was reset');
    await panel.getByTestId('supply-wipe-reset').click();
    await expect(panel.getByTestId('supply-row')).toHaveCount(0);
    await expect(panel.getByTestId('supply-differs-help')).toHaveCount(0);
    await stepGates(page, 4);
    await expect(panel.locator('[data-testid="supply-row"]').first()).toBeVisible();
    await expect(panel.locator('[data-testid="supply-row"]:not([data-state="not-registered"])')).toHaveCount(0, { timeout: 30_000 });
    await panel.getByTestId('supply-register').click();
    await expect(panel.getByTestId('supply-tx')).toHaveText(/Confirmed in block \d+/, { timeout: 30_000 });
    // The earlier claim went with the wiped demo chain.
    await page.goto(`/verify?session=${encodeURIComponent(receipt.sessionId)}`);
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'not-claimed', { timeout: 30_000 });
  });
});
