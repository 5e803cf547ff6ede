import { expect, test } from '@playwright/test';
import { resetApp } from './support';

test.describe('trust: the request form is validated by the app', () => {
  test('error: out-of-range values get the app’s own messages (what is allowed and why), never the browser’s pop-up', async ({ page }) => {
    await resetApp(page);
    await page.getByTestId('station-A1-1').getByRole('button', { name: /Select/ }).click();
    const form = page.getByTestId('request-form');
    await expect(form).toHaveAttribute('novalidate', '');
    const send = form.getByTestId('send-request');

    await form.getByTestId('energy-kwh').fill('1e9');
    await expect(form.getByTestId('energy-kwh-issue')).toHaveText('At most 200 kWh: no car battery holds more.');
    await expect(form.getByTestId('energy-kwh')).toHaveAttribute('aria-invalid', 'true');
    await expect(send).toBeDisabled();
    await form.getByTestId('energy-kwh').fill('10');
    await expect(form.getByTestId('energy-kwh-issue')).toHaveCount(0);

    await form.getByTestId('vehicle-kw').fill('1000');
    await expect(form.getByTestId('vehicle-kw-issue')).toHaveText('Car max. power must be between 1 and 43 kW at a Type 2 connector (AC charging tops out at 43 kW).');
    await form.getByTestId('vehicle-kw').fill('11');

    // Departure is typed in 24-hour site time (no AM/PM picker); garbage is named.
    await form.getByTestId('departure').fill('25:99');
    await expect(form.getByTestId('departure-note')).toHaveText('Enter a departure time as HH:MM (24-hour, site time).');
    await expect(send).toBeDisabled();
    await form.getByTestId('departure').fill('17:00');

    await form.getByLabel('Target charge (%)').check();
    await form.getByTestId('battery-kwh').fill('5000');
    await form.getByTestId('soc-now').fill('-20');
    await form.getByTestId('soc-target').fill('150');
    await expect(form.getByTestId('battery-kwh-issue')).toHaveText("Battery size must be between 5 and 200 kWh (the range of today's cars).");
    await expect(form.getByTestId('soc-now-issue')).toHaveText('Charge now must be between 0 and 100 %.');
    await expect(form.getByTestId('soc-target-issue')).toHaveText('Target charge must be between 1 and 100 %: a battery cannot be fuller than full.');
    await expect(send).toBeDisabled();
    await form.getByTestId('battery-kwh').fill('60');
    await form.getByTestId('soc-now').fill('30');
    await form.getByTestId('soc-target').fill('80');
    await expect(send).toBeEnabled();
  });

  test('a departure at or before now asks "tomorrow at 05:00?" with the date shown, and plans for tomorrow once confirmed', async ({ page }) => {
    await resetApp(page);
    await page.getByTestId('station-A1-1').getByRole('button', { name: /Select/ }).click();
    const form = page.getByTestId('request-form');
    await expect(form.getByTestId('departure-note')).toContainText(/^Today, \w{3} \d{1,2} \w{3}, 17:00 site time, Europe\/Amsterdam \(UTC\+0[12]:00\)$/);
    await form.getByTestId('departure').fill('05:00');
    const ask = form.getByTestId('tomorrow-ask');
    await expect(ask).toContainText(/05:00 has already passed today\. Do you mean tomorrow, \w{3} \d{1,2} \w{3}, at 05:00\?/);
    await expect(form.getByTestId('send-request')).toBeDisabled();
    await expect(form.getByTestId('departure-note')).toContainText(/^Tomorrow, /);
    await form.getByTestId('tomorrow-yes').click();
    await expect(ask).toHaveCount(0);
    const plan = form.getByTestId('dry-ok');
    await expect(plan).toContainText(/^Plan: 20\.0 kWh by \d\d:\d\d( \+1 day)?, about \d+ % green\./, { timeout: 30_000 });
    // One line without stray spaces (no "by  10:00  , about  72 % green  .").
    expect(await plan.textContent()).not.toMatch(/\s{2}|\s[,.]/);
    await expect(form.getByTestId('send-request')).toBeEnabled();
  });
});
