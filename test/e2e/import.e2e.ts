import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { resetApp, shoot } from './support';
import { countReplaySessions, generationMixCsv, importGenerationMix, importSessionLog, sessionLogCsv } from '../support/import-fixtures';
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

// Every test here has its own browser context (a fresh database): they can run on both workers.
test.describe.configure({ mode: 'parallel' });

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
    // Stations and the site plan name an EVSE by its OCPI evse_id, not the Location's uid.
    await expect(page.getByTestId('station-hb-ac-1')).toContainText('DE*GSL*E1');
    await expect(page.getByTestId('plan-hb-ac-1')).toContainText('DE*GSL*E1');
    await expect(page.getByTestId('station-hb-ac-2')).toHaveAttribute('data-status', 'OUTOFORDER');
    await expect(page.getByTestId('station-hb-dc-1')).toContainText('150 kW');

    await page.getByRole('link', { name: 'Import' }).click();
    await importText(page, 'patches.json', HARBOUR_PATCHES);
    await expect(page.getByTestId('import-kind')).toHaveValue('ocpi-patches');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('2 of 3 status patch(es) applied');
    await expect(page.getByTestId('import-left-out')).toContainText('stale patch');
    await shoot(page, 'operator-import');

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

  test('maps the columns of a session CSV, shows per-line errors, imports the valid part and replays it', async ({ page }) => {
    await resetApp(page, '/operator/import');
    const csv = [
      'ref,plugged_in,plugged_out,charged_kwh,bay',
      'a1,2026-03-02T07:30:00Z,2026-03-02T16:00:00Z,18.5,A1-1',
      'a2,2026-03-02T08:10:00Z,2026-03-02T12:00:00Z,9,bay-unknown',
      'a3,2026-03-02T09:00:00Z,2026-03-02T08:00:00Z,7,A1-2',
      'a4,2026-03-02T09:45:00Z,2026-03-02T17:30:00Z,lots,A1-3',
      'a5,2026-03-02T10:00:00Z,2026-03-02T15:00:00Z,12,A1-4'
    ].join('\n');
    await importText(page, 'office-log.csv', csv);
    await expect(page.getByTestId('import-kind')).toHaveValue('csv-sessions');
    const dialog = page.getByTestId('mapping-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('plugged_in');
    await dialog.getByTestId('map-arrival').selectOption('plugged_in');
    await dialog.getByTestId('map-departure').selectOption('plugged_out');
    await dialog.getByTestId('map-energy').selectOption('charged_kwh');
    await dialog.getByTestId('map-evse').selectOption('bay');
    await dialog.getByTestId('map-id').selectOption('ref');
    await expect(dialog.getByTestId('map-preview').locator('tbody tr')).toHaveCount(3);
    await expect(dialog.getByTestId('map-issues')).toContainText('line 4');
    await expect(dialog.getByTestId('map-issues')).toContainText('line 5');
    await dialog.getByTestId('map-apply').click();
    await expect(dialog).toBeHidden();

    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-rejected')).toBeVisible();
    await expect(page.getByTestId('import-issues')).toContainText('line 5');
    expect((await readIndexedDb(page)).replaySessions).toEqual([]);
    await page.getByTestId('import-valid-part').click();
    await expect(page.getByTestId('import-done')).toContainText('3 session(s) stored for replay');
    // "Left out" counts rows, and says how many problems they had.
    await expect(page.getByTestId('import-done')).toContainText(/left out: 2 rows \(\d+ problems?\)/);
    await expect(page.getByTestId('import-left-out')).toContainText('line 4');
    await expect(page.getByTestId('import-log')).toContainText('2 rows');
    // Import times read in 24-hour time like the rest of the app.
    await expect(page.getByTestId('import-log')).not.toContainText(/\b(AM|PM)\b/);
    // An import ran at this device's real time, said as such, in site time with the zone named once.
    await expect(page.getByTestId('import-log')).toContainText(/\w{3} \d{1,2} \w{3}, \d\d:\d\d real time/);
    await expect(page.getByTestId('import-log-zone')).toContainText(/real clock \(not the demo clock\), in site time, Europe\/Amsterdam \(UTC\+0[12]:00\)/);

    await page.getByTestId('replay-office-log.csv').click();
    await expect(page.getByTestId('replay-message')).toContainText('Replaying 3 session(s)');
    const db = await readIndexedDb(page);
    expect((db.requests as { id: string; origin: string }[]).map((r) => r.id).sort()).toEqual(['a1', 'a2', 'a5']);
    expect((db.requests as { origin: string }[]).every((r) => r.origin === 'csv')).toBe(true);
  });

  test('a Boulder log is recognised from its header (Denver time, date + time of day), and its mapping is remembered after a reload', async ({ page }) => {
    await resetApp(page, '/operator/import');
    const csv = [
      'Station_Name,Transaction_Date,Transaction_Start_Time,Charging_Time__minutes_,Energy__kWh_,ObjectId',
      'PARK ST1,2018/07/04 00:00:00+00,2021/01/21 13:15:00+00,120,9.5,1',
      'PARK ST2,2018/07/05 00:00:00+00,2021/01/21 08:40:00+00,60,4,2'
    ].join('\n');
    await importText(page, 'boulder.csv', csv);
    const dialog = page.getByTestId('mapping-dialog');
    // No preset clicked: the header says it is the City of Boulder export.
    await expect(dialog.getByTestId('map-note')).toContainText('Detected from the header: Boulder');
    await expect(dialog.getByTestId('map-arrival-time')).toHaveValue('Transaction_Start_Time');
    await expect(dialog.getByTestId('map-timezone')).toHaveValue('America/Denver');
    // 13:15 and 08:40 Denver summer time (UTC−6), on each row's own date: not midnight, not Amsterdam.
    const rows = dialog.getByTestId('map-preview').locator('tbody tr');
    await expect(rows.nth(0)).toContainText('2018-07-04 19:15');
    await expect(rows.nth(0)).toContainText('2018-07-04 21:15');
    await expect(rows.nth(1)).toContainText('2018-07-05 14:40');
    await dialog.getByTestId('map-apply').click();
    await page.getByTestId('import-map').click();
    await expect(dialog.getByTestId('map-departure-kind')).toHaveValue('minutes');
    await expect(dialog.getByTestId('map-time-format')).toHaveValue('pattern');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // After a reload the same layout gets the mapping the user applied.
    await page.reload();
    await expect(page.getByTestId('clock-now')).toBeVisible();
    await importText(page, 'boulder-next-month.csv', csv);
    await expect(dialog.getByTestId('map-note')).toContainText('The mapping you used last time');
    await expect(dialog.getByTestId('map-arrival-time')).toHaveValue('Transaction_Start_Time');
    await expect(rows.nth(0)).toContainText('2018-07-04 19:15');
  });

  test('replays the week the user picks, with its count, and a Boulder evening session stays in the evening on the site’s clock', async ({ page }) => {
    await resetApp(page, '/operator/import');
    // Two weeks of a Boulder log: 2 sessions in the week of 2018-07-02, 3 in the week after; all at 18:30 Denver time.
    const lines = ['Station_Name,Transaction_Date,Transaction_Start_Time,Charging_Time__minutes_,Energy__kWh_,ObjectId'];
    ['2018/07/02', '2018/07/03', '2018/07/09', '2018/07/10', '2018/07/11'].forEach((d, i) => lines.push(`PARK ST${i + 1},${d} 00:00:00+00,2021/01/21 18:30:00+00,90,6,${i + 1}`));
    await importText(page, 'boulder-weeks.csv', lines.join('\n'));
    await page.getByTestId('mapping-dialog').getByTestId('map-apply').click();
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('5 session(s) stored for replay');

    const week = page.getByTestId('replay-week-boulder-weeks.csv');
    await expect(week.locator('option')).toHaveText(['week from 2018-07-02 · 2 session(s)', 'week from 2018-07-09 · 3 session(s)']);
    await week.selectOption({ label: 'week from 2018-07-09 · 3 session(s)' });
    await page.getByTestId('replay-boulder-weeks.csv').click();
    await expect(page.getByTestId('replay-message')).toContainText('Replaying 3 session(s) of 5 (week from 2018-07-09)');
    await expect(page.getByTestId('replay-message')).toContainText('times of day as logged in America/Denver');

    const db = await readIndexedDb(page);
    const site = (db.sites as { id: string; timezone: string }[])[0];
    const requests = db.requests as { origin: string; arrivalMs: number }[];
    const hours = requests.filter((r) => r.origin === 'csv').map((r) => new Intl.DateTimeFormat('en-GB', { timeZone: site.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(r.arrivalMs));
    expect(hours).toEqual(['18:30', '18:30', '18:30']);
  });

  test('the OCPI spec’s status PATCH example is recognised and applied to the EVSE the user chooses', async ({ page }) => {
    await resetApp(page, '/operator/import');
    await importText(page, 'harbour.json', [harbourDepotLocation()]);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('The demo now runs on Harbour depot');
    // location_patch_example_status.json of OCPI 2.2.1, with a last_updated newer than the fixture's.
    await importText(page, 'location_patch_example_status.json', '{\n  "status": "CHARGING",\n  "last_updated": "2026-03-01T09:30:00Z"\n}\n');
    await expect(page.getByTestId('import-kind')).toHaveValue('ocpi-patches');
    await expect(page.getByTestId('import-run')).toBeDisabled();
    await page.getByTestId('import-patch-evse').selectOption({ label: 'DE*GSL*E1' });
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('1 of 1 status patch(es) applied');
    const evses = (await readIndexedDb(page)).evses as { id: string; status: string }[];
    expect(evses.find((e) => e.id === 'hb-ac-1')?.status).toBe('CHARGING');
  });

  test('a replay that would archive a driver’s session asks first and says how many; Cancel keeps the day, going ahead keeps the session in the archive', async ({ page }) => {
    await resetApp(page);
    await page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').first().getByRole('button', { name: /Select/ }).click();
    const form = page.getByTestId('request-form');
    await form.getByTestId('energy-kwh').fill('8');
    await form.getByTestId('departure').fill('12:00');
    await expect(page.getByTestId('dry-ok')).toBeVisible({ timeout: 60_000 });
    await form.getByTestId('send-request').click();
    await expect(page).toHaveURL(/\/session\/app-/);
    const sessionUrl = page.url();

    await page.getByRole('link', { name: 'Operator' }).click();
    await page.getByRole('link', { name: 'Import' }).click();
    await importText(page, 'log.csv', ['ref,plugged_in,plugged_out,kwh', 'a1,2026-03-02T07:30:00Z,2026-03-02T16:00:00Z,18.5'].join('\n'));
    const dialog = page.getByTestId('mapping-dialog');
    await dialog.getByTestId('map-arrival').selectOption('plugged_in');
    await dialog.getByTestId('map-departure').selectOption('plugged_out');
    await dialog.getByTestId('map-energy').selectOption('kwh');
    await dialog.getByTestId('map-apply').click();
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('1 session(s) stored for replay');

    await page.getByTestId('replay-log.csv').click();
    const confirm = page.getByTestId('archive-confirm');
    await expect(confirm).toContainText("Replaying log.csv moves the running day's");
    await expect(confirm).toContainText('(1 driver session, 0 receipts) into the archive');
    await expect(confirm).toContainText('"Restore" under Archived days brings the day back');
    await confirm.getByTestId('archive-confirm-no').click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId('replay-message')).toHaveCount(0);

    // Going ahead archives the day: the driver's session still opens, from the archive.
    await page.getByTestId('replay-log.csv').click();
    await confirm.getByTestId('archive-confirm-yes').click();
    await expect(page.getByTestId('replay-message')).toBeVisible({ timeout: 60_000 });
    await page.goto(sessionUrl);
    await expect(page.getByTestId('session-status')).toBeVisible();
    await expect(page.getByTestId('session-archived')).toBeVisible();
  });

  test('after a Locations import an OCPI Tariff gives the site its price per kWh: the forecast shows a price line instead of its no-price note', async ({ page }) => {
    await resetApp(page, '/operator/import');
    await importText(page, 'harbour.json', [harbourDepotLocation()]);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('The demo now runs on Harbour depot');
    // A Location carries no price: the forecast says so instead of drawing a flat 0 price line.
    await page.getByRole('link', { name: 'Charge' }).click();
    await expect(page.getByTestId('forecast-no-price')).toBeVisible();
    await page.getByRole('link', { name: 'Operator' }).click();
    await page.getByRole('link', { name: 'Import' }).click();
    // OCPI 2.2.1 example tariff_8_simple_025kwh.json.
    await importText(page, 'tariff_8_simple_025kwh.json', { country_code: 'DE', party_id: 'ALL', id: '16', currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, vat: 10.0, step_size: 1 }] }], last_updated: '2018-12-17T11:16:55Z' });
    await expect(page.getByTestId('import-kind')).toHaveValue('ocpi-tariffs');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('tariff 16: 0.25 EUR/kWh (excl. VAT) set as the energy price of Harbour depot');
    await page.getByRole('link', { name: 'Charge' }).click();
    await expect(page.getByTestId('forecast-no-price')).toHaveCount(0);
    await page.getByText('Forecast as a table').click();
    const prices = await page.locator('details table tbody tr td:nth-child(3)').allInnerTexts();
    expect(prices.length).toBeGreaterThan(0);
    expect(new Set(prices)).toEqual(new Set(['0.250']));
  });

  test('after a Locations import with two sites the demo can run on either, and a duplicate EVSE uid is named by its path', async ({ page }) => {
    await resetApp(page, '/operator/import');
    await importText(page, 'two.json', [harbourDepotLocation({ id: 'SITE-A' }), harbourDepotLocation({ id: 'SITE-B' })]);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toContainText('2 site(s) with 6 EVSE(s) imported');
    const chooser = page.getByTestId('import-site-chooser');
    await expect(chooser.getByTestId('import-site-SITE-A')).toHaveAttribute('aria-pressed', 'true');
    await chooser.getByTestId('import-site-SITE-B').click();
    await expect(chooser.getByTestId('import-site-SITE-B')).toHaveAttribute('aria-pressed', 'true');
    await expect(chooser.getByTestId('import-site-SITE-A')).toHaveAttribute('aria-pressed', 'false');
    await chooser.getByTestId('import-site-SITE-A').click();
    await expect(chooser.getByTestId('import-site-SITE-A')).toHaveAttribute('aria-pressed', 'true');
    // Every stored site stays reachable later too, from the Sites list.
    await page.reload();
    await expect(page.getByTestId('site-current-SITE-A')).toBeVisible();
    await page.getByTestId('site-run-SITE-B').click();
    await expect(page.getByTestId('site-current-SITE-B')).toBeVisible();

    const dup = harbourDepotLocation({ id: 'DUP-1' }) as { evses: Record<string, unknown>[] };
    dup.evses.push({ ...dup.evses[0], evse_id: 'DE*GSL*E9' });
    await importText(page, 'dup.json', [dup]);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-rejected')).toContainText('Nothing was imported');
    await expect(page.getByTestId('import-issues')).toContainText('$[0].evses[3].uid');
    await expect(page.getByTestId('import-issues')).toContainText('duplicate EVSE uid "hb-ac-1"');
    await expect(page.getByTestId('import-issues')).not.toContainText('ConstraintError');
  });

  // How long these take, and how long the page's main thread pauses meanwhile, is measured by
  // `npm run bench -- --only import` at full size (50 MB, 200k sessions); here only what happens is checked.
  test('a large generation CSV imports in the worker with a progress bar and lands the chosen day', async ({ page }) => {
    test.setTimeout(240_000);
    const dir = mkdtempSync(join(tmpdir(), 'gs-import-'));
    const path = join(dir, 'big-mix.csv');
    try {
      writeFileSync(path, generationMixCsv({ rows: 70_000 })); // ~5 MB, two years of quarter-hours
      await resetApp(page, '/operator/import');
      await importGenerationMix(page, { path, timeoutMs: 200_000 });
      await expect(page.getByTestId('import-progress')).toBeVisible();
      const site = ((await readIndexedDb(page)).sites as { energy?: { gridMix: Record<string, number>[] } }[]).find((s) => s.energy?.gridMix.length === 96);
      expect(site?.energy?.gridMix[0].solar ?? 0).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a session log of 50,000 sessions is parsed and written in the worker, and the page sees them all', async ({ page }) => {
    test.setTimeout(240_000);
    const dir = mkdtempSync(join(tmpdir(), 'gs-import-'));
    const path = join(dir, 'big-sessions.csv');
    const rows = 50_000;
    try {
      writeFileSync(path, sessionLogCsv({ rows }));
      await resetApp(page, '/operator/import');
      await importSessionLog(page, { path, rows, timeoutMs: 200_000 });
      // The page never wrote: its liveQuery of imports saw the worker's transaction (Dexie's BroadcastChannel).
      await expect(page.getByTestId('replay-big-sessions.csv')).toBeVisible();
      expect(await countReplaySessions(page)).toBe(rows);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('import: live status polling against a fake OCPI endpoint', () => {
  // The app's service worker would hide the fake endpoint's requests from page.route.
  test.use({ serviceWorkers: 'block' });

  test('polls with the token and ETag, applies the new status, and keeps the last state offline with its age', async ({ page, context }) => {
    const seen: { auth?: string; ifNoneMatch?: string }[] = [];
    await page.route('https://cpo.example/ocpi/2.2.1/locations**', async (route) => {
      const h = route.request().headers();
      const cors = {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'authorization, if-none-match, if-modified-since',
        'access-control-expose-headers': 'etag, last-modified, link, x-total-count'
      };
      if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      seen.push({ auth: h['authorization'], ifNoneMatch: h['if-none-match'] });
      if (h['if-none-match'] === '"v1"') return route.fulfill({ status: 304, headers: { ...cors, etag: '"v1"' } });
      const location = harbourDepotLocation({ status: ['AVAILABLE', 'AVAILABLE', 'BLOCKED'] });
      for (const e of location.evses) e.last_updated = '2026-03-01T10:00:00Z';
      return route.fulfill({
        status: 200,
        headers: { ...cors, 'content-type': 'application/json', etag: '"v1"', 'x-total-count': '1' },
        body: JSON.stringify({ data: [location], status_code: 1000, timestamp: '2026-03-01T10:00:01Z' })
      });
    });
    await resetApp(page, '/operator/import');
    await importText(page, 'harbour.json', [harbourDepotLocation()]);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-done')).toBeVisible();

    await page.getByTestId('poll-url').fill('ftp://cpo.example/locations');
    await page.getByTestId('poll-token').fill('has space');
    await page.getByTestId('poll-start').click();
    await expect(page.getByTestId('poll-issues')).toContainText('https://');
    await expect(page.getByTestId('poll-issues')).toContainText('printable ASCII');

    await page.getByTestId('poll-url').fill('https://cpo.example/ocpi/2.2.1/locations');
    await page.getByTestId('poll-token').fill('secret-token-1');
    await page.getByTestId('poll-interval').fill('600');
    await page.getByTestId('poll-start').click();
    await expect(page.getByTestId('poll-status')).toContainText('Live status: last update');
    await expect(page.getByTestId('poll-status')).toContainText('2 status change(s)');
    expect(seen[0].auth).toBe(`Token ${Buffer.from('secret-token-1').toString('base64')}`);
    let evses = (await readIndexedDb(page)).evses as { id: string; status: string }[];
    expect(evses.find((e) => e.id === 'hb-ac-2')?.status).toBe('AVAILABLE');
    expect(evses.find((e) => e.id === 'hb-dc-1')?.status).toBe('BLOCKED');

    await page.getByTestId('poll-now').click();
    await expect(page.getByTestId('poll-status')).toContainText('not modified');
    expect(seen.at(-1)?.ifNoneMatch).toBe('"v1"');

    await context.setOffline(true);
    await page.getByTestId('poll-now').click();
    await expect(page.getByTestId('poll-status')).toContainText('Offline: showing the last known state, last update');
    evses = (await readIndexedDb(page)).evses as { id: string; status: string }[];
    expect(evses.find((e) => e.id === 'hb-dc-1')?.status).toBe('BLOCKED');
    await context.setOffline(false);
    await page.getByTestId('poll-now').click();
    await expect(page.getByTestId('poll-status')).toContainText('not modified');

    // The driver's station list says where its statuses come from and how old they are, online and off.
    await page.getByRole('link', { name: 'Charge' }).click();
    await expect(page.getByTestId('live-status-age')).toContainText('Live status from the backend, last update');
    await expect(page.getByTestId('station-hb-dc-1')).toHaveAttribute('data-status', 'BLOCKED');
    await context.setOffline(true);
    await expect(page.getByTestId('live-status-age')).toContainText('Offline: last known status, last update');
    await expect(page.getByTestId('station-hb-dc-1')).toHaveAttribute('data-status', 'BLOCKED');
    await context.setOffline(false);

    // The config and the age survive a reload.
    await page.goto('/operator/import');
    await expect(page.getByTestId('poll-url')).toHaveValue('https://cpo.example/ocpi/2.2.1/locations');
    await expect(page.getByTestId('poll-status')).toContainText('last update');
  });
});

test.describe('exports: OCPP profiles, CDRs and CSVs', () => {
  test('downloads validated charging profiles and the session and slot CSVs after a few gates', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page, '/operator');
    for (let i = 0; i < 6; i++) {
      await page.getByTestId('clock-step').click();
      await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    }
    const read = async (testid: string) => {
      const download = page.waitForEvent('download');
      await page.getByTestId(testid).click();
      return readFileSync(await (await download).path(), 'utf8');
    };
    const ocpp = JSON.parse(await read('export-ocpp'));
    type Profile = { chargingProfile: { chargingProfilePurpose: string; chargingSchedule: { chargingSchedulePeriod: { startPeriod: number }[] }[] } };
    const first = Object.values(ocpp.byEvse as Record<string, { request: Profile }[]>)[0][0].request;
    expect(first.chargingProfile.chargingProfilePurpose).toBe('TxProfile');
    expect(first.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].startPeriod).toBe(0);
    expect(await read('export-sessions-csv')).toMatch(/^session_id,evse_id,arrival_utc/);
    expect(await read('export-slots-csv')).toMatch(/^slot,start_utc,ev_kw/);
  });
});

