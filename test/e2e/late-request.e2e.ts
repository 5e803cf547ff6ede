import { expect, test } from '@playwright/test';
import { resetApp } from './support';

test.describe('the gate rule (14-minute gate closure)', () => {
  test('a request in the gate’s last minute waits one more slot; one sent on time starts in the next slot; it charges only once its slot has begun', async ({ page }) => {
    await resetApp(page);
    // Step runs the 06:59 gate and leaves the clock at gate closure (06:59, slot 06:45).
    await page.getByTestId('clock-step').click();
    await expect(page.getByTestId('clock-now')).toHaveText('06:59');
    await expect(page.getByTestId('gate-closed')).toBeVisible();

    await page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').first().getByRole('button', { name: /Select/ }).click();
    const rule = page.getByTestId('gate-rule');
    await expect(rule).toHaveAttribute('data-late', 'true');
    await expect(rule).toContainText('waits one more quarter-hour');
    await expect(rule).toContainText('starts charging at 07:15');

    // One minute later it is slot 07:00, minute 0: on time for the 07:14 gate, still charging from 07:15.
    await page.getByTestId('clock-minute').click();
    await expect(page.getByTestId('clock-now')).toHaveText('07:00');
    await expect(rule).toHaveAttribute('data-late', 'false');
    await expect(rule).toContainText('starts charging at 07:15');
    await expect(rule).not.toContainText('waits');

    // Back in a gate's last minute (07:14) the request is late: it starts at 07:30, not 07:15.
    await page.getByTestId('clock-step').click();
    await expect(page.getByTestId('clock-now')).toHaveText('07:14');
    await expect(rule).toHaveAttribute('data-late', 'true');
    await expect(rule).toContainText('starts charging at 07:30');
    // The demo day runs 07:00 to 07:00 tomorrow: a departure after that is refused with the day's end.
    await page.getByTestId('departure').fill('07:10');
    await page.getByTestId('tomorrow-yes').click();
    await expect(page.getByTestId('departure-note')).toHaveText(
      /^Departure 07:10 \+1 day is after the demo day ends \(07:00 \+1 day, \w{3} \d{1,2} \w{3}\): choose a departure by then\.$/
    );
    await expect(page.getByTestId('send-request')).toBeDisabled();
    await page.getByTestId('departure').fill('17:00');
    await page.getByTestId('preference').selectOption('fast');
    await page.getByTestId('send-request').click();
    await expect(page.getByTestId('session-status')).toContainText('Reserved for you: charging starts at 07:30 at the earliest');
    // The 07:29 gate admits it and books its power for 07:30; at 07:29 it has not started yet.
    await page.getByTestId('clock-step').click();
    await expect(page.getByTestId('clock-now')).toHaveText('07:29');
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'waiting');
    await expect(page.getByTestId('delivered')).toHaveText('0.0 kWh');
    // From 07:30 it charges.
    await page.getByTestId('clock-minute').click();
    await expect(page.getByTestId('clock-now')).toHaveText('07:30');
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'charging');
    await expect(page.getByTestId('session-heading')).toContainText('Charging at');
  });
});
