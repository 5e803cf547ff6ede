import { expect, test } from '@playwright/test';
import { resetApp } from './support';

test.describe('operator: site editor and backup', () => {
  test('edits a node limit and an EVSE status, validated, and the driver view shows them', async ({ page }) => {
    await resetApp(page, '/operator');
    await page.getByTestId('edit-site').click();
    // Minimum power above the maximum: the site validation names the field.
    await page.getByLabel('Min power of A1-1 in kW').fill('20');
    await page.getByTestId('save-site').click();
    await expect(page.getByRole('alert')).toContainText('$.evses[0]');
    await page.getByLabel('Min power of A1-1 in kW').fill('4.14');
    await page.getByTestId('limit-pod-a1').fill('20');
    await page.getByLabel('Status of A1-2').selectOption('OUTOFORDER');
    await page.getByTestId('save-site').click();
    await expect(page.getByTestId('archive-confirm-text')).toContainText('Saving the site');
    await page.getByTestId('archive-confirm-yes').click();
    await expect(page.getByText('Saved. The day restarted')).toBeVisible();
    await page.getByRole('link', { name: 'Charge' }).click();
    await expect(page.getByTestId('site-plan')).toContainText('Pod A1 (4 × 11 kW) limit 20 kW');
    await expect(page.getByTestId('station-A1-2')).toHaveAttribute('data-status', 'OUTOFORDER');
  });

  test('exports a backup and refuses an invalid one without touching the data', async ({ page }) => {
    await resetApp(page, '/operator');
    const download = page.waitForEvent('download');
    await page.getByTestId('backup-export').click();
    const file = await download;
    const path = await file.path();
    const fs = await import('node:fs');
    const backup = JSON.parse(fs.readFileSync(path, 'utf8'));
    expect(backup.format).toBe('greenslot-backup');
    expect(backup.tables.evses.length).toBe(17);
    backup.tables.evses[0].maxKw = 'fast';
    await page.getByTestId('backup-restore').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
    await expect(page.getByText('Nothing was changed')).toBeVisible();
    await expect(page.getByText('bad.json $.tables.evses[0].maxKw')).toBeVisible();
  });
});
