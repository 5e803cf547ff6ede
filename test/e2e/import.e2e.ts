import { expect, test, type Page } from '@playwright/test';
import { resetApp } from './support';
import { harbourDepotLocation, HARBOUR_PATCHES } from '../../src/lib/data/testing/ocpi-fixtures';

/** Every row of every object store, read straight from IndexedDB in the page (not through the app). */
async function readIndexedDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('greenslot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = [...idb.objectStoreNames];
          const tx = idb.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => (out[n] = req.result);
          }
          tx.oncomplete = () => {
            idb.close();
            resolve(out);
          };
        };
      })
  );
}

async function importText(page: Page, name: string, body: unknown, { kind, partial = false }: { kind?: string; partial?: boolean } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json', buffer: Buffer.from(text) });
  if (kind) await page.getByTestId('import-kind').selectOption(kind);
  if (partial) await page.getByTestId('import-partial').check();
}

test.describe('import: OCPI, sessions, generation mix, live status', () => {
  test('imports an OCPI Locations file and a status patch, and the station list changes', async ({ page }) => {
    await resetApp(page, '/operator/import');
    await importText(page, 'harbour-locations.json', { data: [harbourDepotLocation()], status_code: 1000, timestamp: '2026-03-01T08:00:00Z' });
    await expect(page.getByTestId('import-kind')).toHaveValue('ocpi-locations');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('1 site(s) with 3 EVSE(s) imported');
    await expect(page.getByTestId('import-done')).toContainText('The demo now runs on Harbour depot');

    await page.getByRole('link', { name: 'Charge' }).click();
    await expect(page.getByTestId('station-list').locator('li')).toHaveCount(3);
    await expect(page.getByTestId('station-hb-ac-1')).toHaveAttribute('data-status', 'AVAILABLE');
    await expect(page.getByTestId('station-hb-ac-2')).toHaveAttribute('data-status', 'OUTOFORDER');
    await expect(page.getByTestId('station-hb-dc-1')).toContainText('150 kW');

    await page.getByRole('link', { name: 'Import' }).click();
    await importText(page, 'patches.json', HARBOUR_PATCHES);
    await expect(page.getByTestId('import-kind')).toHaveValue('ocpi-patches');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('2 of 3 status patch(es) applied');
    await expect(page.getByTestId('import-left-out')).toContainText('stale patch');

    await page.getByRole('link', { name: 'Charge' }).click();
    await expect(page.getByTestId('station-hb-ac-1')).toHaveAttribute('data-status', 'CHARGING');
    await expect(page.getByTestId('station-hb-dc-1')).toHaveAttribute('data-status', 'OUTOFORDER');
  });

  test('a broken file shows its errors with JSON path and leaves the database unchanged', async ({ page }) => {
    await resetApp(page, '/operator/import');
    const before = await readIndexedDb(page);
    const broken = harbourDepotLocation({ id: 'BROKEN-1' }) as Record<string, unknown> & { evses: Record<string, unknown>[] };
    broken.evses[1].status = 'SLEEPING';
    (broken.evses[2].connectors as Record<string, unknown>[])[0].power_type = 'AC_4_PHASE';
    await importText(page, 'broken.json', [harbourDepotLocation({ id: 'GOOD-1' }), broken]);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-rejected')).toContainText('Nothing was imported');
    const issues = page.getByTestId('import-issues');
    await expect(issues).toContainText('$[1].evses[1].status');
    await expect(issues).toContainText('$[1].evses[2].connectors[0].power_type');
    expect(await readIndexedDb(page)).toEqual(before);

    // The user may take the valid part instead: the good Location lands, the bad EVSEs are reported.
    await page.getByTestId('import-valid-part').click();
    await expect(page.getByTestId('import-done')).toContainText('2 site(s)');
    await expect(page.getByTestId('import-left-out')).toContainText('$[1].evses[1].status');
    const after = await readIndexedDb(page);
    expect((after.evses as { siteId: string }[]).filter((e) => e.siteId === 'BROKEN-1')).toHaveLength(1);
  });
});
