import { expect, test } from '@playwright/test';
import { resetApp } from './support';
import { requestCharge } from './trust-support';

test.describe('trust: a request reserves its charger at once', () => {
  test('the charger shows RESERVED in the list and plan of every open tab at once, counts update, and the other tab’s open form is withdrawn in words', async ({ page, context }) => {
    await resetApp(page);
    const other = await context.newPage();
    await resetApp(other);
    await expect(other.getByTestId('free-count')).toContainText('17 of 17 chargers free now');
    // The other tab has the same charger selected with its form open.
    await other.getByTestId('station-A1-1').getByRole('button', { name: /Select/ }).click();
    await expect(other.getByTestId('request-form')).toBeVisible();

    await requestCharge(page, { evseId: 'A1-1', kWh: '5' });
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'waiting');

    // No clock step: the reservation shows right away in the other tab.
    await expect(other.getByTestId('station-A1-1')).toHaveAttribute('data-status', 'RESERVED');
    await expect(other.getByTestId('station-A1-1')).toContainText('reserved');
    await expect(other.getByTestId('plan-A1-1')).toHaveAttribute('data-status', 'RESERVED');
    await expect(other.getByTestId('free-count')).toContainText('16 of 17 chargers free now');
    await expect(other.getByTestId('request-form')).toHaveCount(0);
    await expect(other.getByTestId('selected-not-free')).toHaveText('A1-1 is reserved now: another request has just reserved it. Pick a free charger.');
    await expect(other.getByTestId('station-A1-1').getByRole('button', { name: /Select/ })).toBeDisabled();
    await expect(other.locator('body')).not.toContainText('ConstraintError');
  });
});
