import { expect, test } from '@playwright/test';
import { resetApp } from './support';
import { requestCharge, runUntilFinished } from './trust-support';

test.describe('trust: drivers’ records are never lost', () => {
  test('reset day asks first (what happens, how many sessions), archives the day: My sessions and the receipt stay byte for byte; Restore brings the day back', async ({ page }) => {
    test.setTimeout(150_000);
    await resetApp(page);
    const id = await requestCharge(page, { kWh: '3' });
    await runUntilFinished(page, id);
    const clock = await page.getByTestId('clock-now').innerText();
    await page.getByTestId('receipt-link').click();
    const receiptJson = await page.getByTestId('receipt-json').textContent();
    expect(JSON.parse(receiptJson ?? '{}').sessionId).toBe(id);

    // The operator resets: nothing happens before the confirmation, which names the counts.
    await page.goto('/operator');
    await page.getByTestId('sim-seed').fill('9');
    // The "also wipe the demo chain" box sits beside its words, not on a line of its own.
    const box = await page.getByTestId('sim-wipe-chain').boundingBox();
    const words = await page.getByTestId('sim-wipe-chain').locator('xpath=..').boundingBox();
    expect(box && words && Math.abs(box.y + box.height / 2 - (words.y + words.height / 2)) < 6, 'the wipe checkbox stands on a line of its own').toBe(true);
    await page.getByTestId('sim-reset').click();
    const text = page.getByTestId('archive-confirm-text');
    await expect(text).toContainText(/Reset day moves the running day's \d+ sessions \(1 driver session, 1 receipt\) into the archive/);
    await expect(text).toContainText('"Restore" under Archived days brings the day back');
    await page.getByTestId('archive-confirm-no').click();
    await expect(page.getByTestId('archives-empty')).toBeVisible();
    await page.getByTestId('sim-reset').click();
    await page.getByTestId('archive-confirm-yes').click();
    await expect(page.getByTestId('archives').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('archives')).toContainText('(1 driver, 1 receipt)');
    await expect(page.getByTestId('archives')).toContainText('“Reset day”');
    // Two clocks, each named: where the day's demo clock stopped, and when this device archived it (real time, site zone).
    await expect(page.getByTestId('archive-when')).toContainText(`its demo clock stopped at ${clock}`);
    await expect(page.getByTestId('archive-when')).toContainText(/archived on this device on \w{3} \d{1,2} \w{3}, \d{2}:\d{2} real time, Europe\/Amsterdam \(UTC[+-]\d{2}:\d{2}\)/);

    // The driver still has the session and the very same receipt.
    await page.goto('/session');
    const entry = page.getByTestId('my-session');
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute('data-archived', 'true');
    await expect(entry).toContainText('finished');
    await entry.getByTestId('my-receipt-link').click();
    await expect(page.getByTestId('receipt-archived')).toBeVisible();
    await expect(page.getByTestId('receipt-json')).toHaveText(receiptJson ?? '');
    // The plain link (as shared before the reset) still finds it.
    await page.goto(`/receipt/${id}`);
    await expect(page.getByTestId('receipt-json')).toHaveText(receiptJson ?? '');
    await page.goto(`/session/${id}`);
    await expect(page.getByTestId('session-archived')).toBeVisible();
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'finished');

    // The way back: Restore (after its own confirmation) makes the day the running one again.
    await page.goto('/operator');
    await page.getByTestId('archive-restore').click();
    await expect(page.getByTestId('archive-confirm-text')).toContainText('Restoring the day of');
    await page.getByTestId('archive-confirm-yes').click();
    await expect(page.getByTestId('archive-message')).toContainText('Restored the day of');
    await expect(page.getByTestId('clock-now')).toHaveText(clock);
    await page.goto(`/receipt/${id}`);
    await expect(page.getByTestId('receipt-archived')).toHaveCount(0);
    await expect(page.getByTestId('receipt-json')).toHaveText(receiptJson ?? '');
    await page.goto('/session');
    await expect(page.locator('[data-testid="my-session"][data-archived="false"]')).toHaveCount(1);
  });
});
