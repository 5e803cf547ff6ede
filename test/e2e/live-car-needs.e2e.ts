import { expect, test } from '@playwright/test';
import { resetApp } from './support';

test.describe('the car’s own needs (OCPP 2.0.1 NotifyEVChargingNeeds)', () => {
  test('the request takes energy, power and departure from the car’s message, labels them "from your car", and the plan is exported for that EVSE', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    const free = page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').filter({ hasText: '11 kW' }).first();
    await free.getByRole('button', { name: /Select/ }).click();
    const form = page.getByTestId('request-form');
    // The demo's slot 0 is local midnight of the site's day: the car leaves at 10:30 local.
    const midnightMs = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('greenslot');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('settings').objectStore('settings').get('demo');
            get.onsuccess = () => resolve(get.result.value.timeline.startMs);
          };
        })
    );
    const needs = {
      evseId: 1,
      chargingNeeds: {
        requestedEnergyTransfer: 'AC_three_phase',
        departureTime: new Date(midnightMs + 10.5 * 3_600_000).toISOString(),
        acChargingParameters: { energyAmount: 9500, evMinCurrent: 6, evMaxCurrent: 16, evMaxVoltage: 230 }
      }
    };
    await form.getByTestId('car-needs').locator('summary').click();
    // A bad message changes nothing and says where it is wrong.
    await form.getByTestId('car-needs-text').fill(JSON.stringify({ ...needs, evseId: 0 }));
    await form.getByTestId('car-needs-apply').click();
    await expect(form.getByTestId('car-needs-issues')).toContainText('$.evseId');
    await expect(form.getByTestId('from-car-energy')).toHaveCount(0);

    await form.getByTestId('car-needs-text').fill(JSON.stringify(needs));
    await form.getByTestId('car-needs-apply').click();
    await expect(form.getByTestId('energy-kwh')).toHaveValue('9.5');
    await expect(form.getByTestId('departure')).toHaveValue('10:30');
    await expect(form.getByTestId('vehicle-kw')).toHaveValue('11');
    for (const f of ['energy', 'departure', 'power']) await expect(form.getByTestId(`from-car-${f}`)).toHaveText('from your car');
    // The driver overrides one field: only that label goes.
    await form.getByTestId('energy-kwh').fill('9');
    await expect(form.getByTestId('from-car-energy')).toHaveCount(0);
    await expect(form.getByTestId('from-car-departure')).toHaveText('from your car');
    await form.getByTestId('send-request').click();
    await expect(page).toHaveURL(/\/session\/app-/);
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await page.getByTestId('clock-step').click();
    const answer = page.getByTestId('plan-answer');
    await expect(answer).toBeVisible({ timeout: 30_000 });
    await answer.locator('summary').click();
    const schedule = JSON.parse((await answer.getByTestId('ev-schedule-json').textContent()) ?? '{}');
    expect(schedule.evseId).toBeGreaterThanOrEqual(1);
    expect(schedule.chargingSchedule.chargingRateUnit).toBe('W');
    expect(schedule.timeBase).toBe(schedule.chargingSchedule.startSchedule);
    expect(schedule.chargingSchedule.chargingSchedulePeriod[0].startPeriod).toBe(0);
  });
});
