import { expect, test } from '@playwright/test';
import { resetApp } from './support';

test.describe('solver time-out', () => {
  test('a gate whose solve overruns its budget shows a banner and runs on the fallback plan', async ({ page }) => {
    await resetApp(page, '/operator');
    await page.getByTestId('gate-budget').selectOption('1');
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('clock-step').click();
      await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    }
    await expect(page.getByTestId('alert-solver')).toContainText('EDF fallback');
    await expect(page.getByText(/last gate solve \(edf-fallback\)/)).toBeVisible();
    // Back to a normal budget: the next gate is solved by the optimizer again.
    await page.getByTestId('gate-budget').selectOption('50000');
    await page.getByTestId('clock-step').click();
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await expect(page.getByText(/last gate solve \((highs|optimal|empty|engine)/)).toBeVisible();
  });
});
