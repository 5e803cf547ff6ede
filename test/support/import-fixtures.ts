import { expect, type Page } from '@playwright/test';

/**
 * Generated import files (never committed) and the UI steps that import them, shared by the
 * import e2e (behaviour: it finishes, the counts are right) and `npm run bench -- --only import`
 * (how long it takes and how long the page's main thread was blocked).
 */

/** A simple mix CSV of quarter-hour rows from 2012-01-01 UTC (~72 bytes a row: 700k rows ≈ 50 MB). */
export function generationMixCsv({ rows }: { rows: number }): string {
  const out: string[] = ['timestamp,solar,wind,hydro,biomass,nuclear,gas,coal,other'];
  const t0 = Date.UTC(2012, 0, 1);
  for (let i = 0; i < rows; i++) {
    const h = (i / 4) % 24;
    const solar = h > 6 && h < 19 ? (Math.sin(((h - 6) / 13) * Math.PI) * 30000).toFixed(1) : '0';
    out.push(`${new Date(t0 + i * 900_000).toISOString()},${solar},${(15000 + (i % 97) * 50).toFixed(1)},1800.5,4200.2,0,9000.7,12000.3,900.1`);
  }
  return out.join('\n');
}

/** A session log spread over `days` days from 2026-03-02 UTC (~75 bytes a row: 200k rows ≈ 15 MB). */
export function sessionLogCsv({ rows, days = 28 }: { rows: number; days?: number }): string {
  const out: string[] = ['id,plugged_in,plugged_out,kwh'];
  const t0 = Date.UTC(2026, 2, 2);
  for (let i = 0; i < rows; i++) {
    const arrival = t0 + Math.floor((i / rows) * days * 86_400_000);
    out.push(`s${i},${new Date(arrival).toISOString()},${new Date(arrival + (2 + (i % 7)) * 3_600_000).toISOString()},${(4 + (i % 40) * 0.5).toFixed(1)}`);
  }
  return out.join('\n');
}

/** Picks a generated mix file on /operator/import and imports the day 2012-06-01 (`run` starts it); resolves when it is done. */
export async function importGenerationMix(page: Page, { path, timeoutMs, run = () => page.getByTestId('import-run').click() }: { path: string; timeoutMs: number; run?: () => Promise<void> }): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-kind')).toHaveValue('generation-csv');
  await page.getByTestId('import-mix-day').fill('2012-06-01');
  await run();
  await expect(page.getByTestId('import-done')).toContainText('grid mix of 2012-06-01 (96 slots)', { timeout: timeoutMs });
}

/** Picks a generated session log on /operator/import, maps its columns, and starts the import (`run`); resolves when `rows` are stored. */
export async function importSessionLog(page: Page, { path, rows, timeoutMs, run = () => page.getByTestId('import-run').click() }: { path: string; rows: number; timeoutMs: number; run?: () => Promise<void> }): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-kind')).toHaveValue('csv-sessions');
  const dialog = page.getByTestId('mapping-dialog');
  await dialog.getByTestId('map-arrival').selectOption('plugged_in');
  await dialog.getByTestId('map-departure').selectOption('plugged_out');
  await dialog.getByTestId('map-energy').selectOption('kwh');
  await dialog.getByTestId('map-id').selectOption('id');
  await dialog.getByTestId('map-apply').click();
  await expect(dialog).toBeHidden();
  await run();
  await expect(page.getByTestId('import-done')).toContainText(`${rows} session(s) stored for replay`, { timeout: timeoutMs });
}

/** Starts measuring the main thread's longest gap between 10 ms timer ticks (a frozen page shows as a long gap). */
export async function startGapMeter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { maxGapMs: number; stopGap: () => void };
    w.maxGapMs = 0;
    let last = performance.now();
    const id = setInterval(() => {
      const now = performance.now();
      w.maxGapMs = Math.max(w.maxGapMs, now - last);
      last = now;
    }, 10);
    w.stopGap = () => clearInterval(id);
  });
}

/** Stops the gap meter and returns the longest gap, ms. */
export async function stopGapMeter(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { maxGapMs: number; stopGap: () => void };
    w.stopGap();
    return w.maxGapMs;
  });
}

/** Rows in the replaySessions store, read straight from IndexedDB in the page. */
export function countReplaySessions(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('greenslot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('replaySessions').objectStore('replaySessions').count();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
        };
      })
  );
}
