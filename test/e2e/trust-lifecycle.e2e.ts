import { expect, test } from '@playwright/test';
import { resetApp } from './support';
import { requestCharge, stepGates, storedStatus } from './trust-support';

test.describe('trust: a session’s lifecycle matches what happened', () => {
  test('delivered counts slots that have run; finished, its heading and the receipt come only after the last slot has run', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    // 3 kWh from 07:00 (the gate closing 06:59 admits it).
    const id = await requestCharge(page, { kWh: '3' });
    await expect(page.getByTestId('session-heading')).toHaveText('Waiting to charge at A1-1');
    // While it can still charge, the chart has a plan.
    await expect(page.getByTestId('session-chart-series')).toHaveText('Delivered (kW), Planned (kW)');
    await stepGates(page, 1); // 06:59: the gate books 07:00–07:15, which has not run yet
    await expect(page.getByTestId('clock-now')).toHaveText('06:59');
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'waiting');
    await expect(page.getByTestId('delivered')).toHaveText('0.0 kWh');
    // Nothing has run for it yet: no "delivered until 07:00", a time still ahead.
    await expect(page.getByTestId('delivered').locator('..')).not.toContainText('until');

    await stepGates(page, 1); // 07:14: 07:00–07:15 is running, nothing of it counts yet
    await expect(page.getByTestId('clock-now')).toHaveText('07:14');
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'charging');
    await expect(page.getByTestId('session-heading')).toHaveText('Charging at A1-1');
    await expect(page.getByTestId('delivered')).toHaveText('0.0 kWh');
    await expect(page.getByTestId('delivered').locator('..')).toContainText('delivered (until 07:00)');
    await expect(page.getByTestId('receipt-link')).toHaveCount(0);
    await page.getByTestId('clock-minute').click(); // 07:15: the first quarter-hour has run
    await expect.poll(async () => parseFloat(await page.getByTestId('delivered').innerText())).toBeGreaterThan(0);

    // Step until the engine has booked the session's last slot (the stored row says finished) …
    for (let i = 0; i < 12 && (await storedStatus(page, id)) !== 'finished'; i++) await stepGates(page, 1);
    expect(await storedStatus(page, id)).toBe('finished');
    // … which has not run yet: the driver still sees it charging, and there is no receipt.
    await expect(page.getByTestId('session-status')).not.toHaveAttribute('data-status', 'finished');
    await expect(page.getByTestId('session-heading')).not.toHaveText(/^Charged/);
    await expect(page.getByTestId('receipt-link')).toHaveCount(0);
    await page.goto(`/receipt/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No receipt yet');
    await page.goto(`/session/${id}`);

    // Minute by minute to the end of that slot: finished exactly then.
    for (let i = 0; i < 20 && (await page.getByTestId('session-status').getAttribute('data-status')) !== 'finished'; i++) {
      await page.getByTestId('clock-minute').click();
      await expect(page.getByTestId('clock-minute')).toBeEnabled({ timeout: 30_000 });
    }
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'finished');
    const now = await page.getByTestId('clock-now').innerText();
    expect(now).toMatch(/:(00|15|30|45)$/);
    await expect(page.getByTestId('session-status')).toContainText(`Finished at ${now}: all energy delivered`);
    await expect(page.getByTestId('session-heading')).toHaveText('Charged at A1-1');
    await expect(page.getByTestId('delivered')).toHaveText('3.0 kWh');
    // A finished session has no "power now", expected finish or plan for remaining energy.
    await expect(page.getByTestId('kw-now')).toHaveCount(0);
    await expect(page.getByTestId('plan-line')).toHaveCount(0);
    // Nothing is planned any more: the chart and its legend show what was delivered only.
    await expect(page.getByTestId('session-chart-series')).toHaveText('Delivered (kW)');
    await expect(page.getByRole('heading', { name: 'Power per quarter-hour' })).toBeVisible();
    await expect(page.getByTestId('session-window')).toContainText(/times are site time, Europe\/Amsterdam \(UTC\+0[12]:00\)/);
    await expect(page.locator('main')).not.toContainText('remaining energy');
    await page.getByTestId('receipt-link').click();
    await expect(page.getByTestId('receipt-kwh')).toHaveText('3.0 kWh');
    await expect(page.getByTestId('receipt-time')).toHaveText(new RegExp(`^07:00–${now}$`));
    await expect(page.getByTestId('receipt-zone')).toContainText(/site time, Europe\/Amsterdam \(UTC\+0[12]:00\)\.[\s\S]* in UTC:\s+0[56]:00–\d\d:\d\d UTC/);
    await expect(page.locator('.kpis')).not.toContainText(/slots? \d/);
    await expect(page.getByTestId('green-explainer')).toContainText('How the green share is worked out');
  });

  test('error: an unknown receipt id says the receipt does not exist', async ({ page }) => {
    await resetApp(page, '/receipt/unknown-id');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receipt not found');
    await expect(page.getByTestId('receipt-missing')).toContainText('There is no receipt unknown-id in this browser');
  });

  test('the demo day reads as a day: 07:00 to 07:00 the next day, "+1 day" past midnight, every car gone by its end, then no more requests', async ({ page }) => {
    test.setTimeout(180_000);
    await resetApp(page, '/operator');
    let sawNextDay = false;
    const clock = page.getByTestId('clock-now');
    for (let i = 0; i < 110 && (await page.getByTestId('clock-state').innerText()) !== 'Day finished'; i++) {
      // Each step moves the clock to the next gate (the last one to the day's end, after which Step stays disabled).
      const before = await clock.innerText();
      await page.getByTestId('clock-step').click();
      await expect(clock).not.toHaveText(before, { timeout: 30_000 });
      if ((await clock.innerText()).endsWith('+1 day')) sawNextDay = true;
    }
    await expect(page.getByTestId('clock-step')).toBeDisabled({ timeout: 30_000 });
    expect(sawNextDay, 'the clock says "+1 day" after midnight').toBe(true);
    await expect(page.getByTestId('clock-state')).toHaveText('Day finished');
    await expect(page.getByTestId('clock-now')).toHaveText('07:00 +1 day');
    await expect(page.getByTestId('clock-day-over')).toHaveText('demo day over');
    await expect(page.getByTestId('day-progress')).toContainText(/24 h run of 24 h \(\w{3} \d{1,2} \w{3}, 07:00–07:00 \+1 day\)/);
    // Every simulated car left by the day's end: none stays charging after the last gate (the 41-hour day left one open).
    const statuses = await page.getByTestId('sessions-table').locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 'finished')).toEqual([]);
    await page.goto('/');
    await expect(page.getByTestId('day-over')).toContainText('The demo day is over (it ran 07:00–07:00 +1 day)');
    await page.getByTestId('station-A1-1').getByRole('button', { name: /Select/ }).click();
    await expect(page.getByTestId('request-form')).toHaveCount(0);
  });
});
