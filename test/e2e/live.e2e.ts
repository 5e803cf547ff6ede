import { expect, test, type Page } from '@playwright/test';
import { resetApp } from './support';

// Runs against the test OCPI CPO (test/ocpi-server), started by a webServer entry of
// playwright.config.ts beside the app: real HTTP, not page.route.
const APP_PORT = Number(process.env.E2E_PORT ?? 4173);
const OCPI = `http://localhost:${Number(process.env.OCPI_TEST_PORT ?? APP_PORT + 1100)}`;
const TOKEN = 'greenslot-test-token';
const auth = { Authorization: `Token ${Buffer.from(TOKEN).toString('base64')}` };

async function admin(action: string, body: unknown): Promise<void> {
  const res = await fetch(`${OCPI}/admin/${action}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  expect(res.status, `admin ${action}`).toBe(200);
}

async function stepGates(page: Page, n: number) {
  for (let i = 0; i < n; i++) {
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await page.getByTestId('clock-step').click();
  }
  await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
}

// The demo's timeline and the session's first slot, read from the app's own IndexedDB.
async function sessionStartMs(page: Page, sessionId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('greenslot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['settings', 'sessions'], 'readonly');
          const demo = tx.objectStore('settings').get('demo');
          const session = tx.objectStore('sessions').get(id);
          tx.oncomplete = () => {
            const tl = demo.result.value.timeline;
            resolve(tl.startMs + session.result.startSlot * tl.slotMinutes * 60_000);
          };
        };
      }),
    sessionId
  );
}

test.describe('live from the operator backend (OCPI 2.2.1 test CPO over HTTP)', () => {
  test('a session appears as ACTIVE, its kWh rises over polls, offline loses nothing, the CDR issues the receipt, and the driver claims its green kWh on the demo chain', async ({ page, context }) => {
    test.setTimeout(240_000);
    await resetApp(page);
    const free = page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').filter({ hasText: '11 kW' }).first();
    const evseId = ((await free.getAttribute('data-testid')) ?? '').replace('station-', '');
    await free.getByRole('button', { name: /Select/ }).click();
    const form = page.getByTestId('request-form');
    await form.getByTestId('energy-kwh').fill('12');
    await form.getByTestId('departure').fill('10:00');
    await form.getByTestId('preference').selectOption('fast');
    await form.getByTestId('send-request').click();
    await expect(page).toHaveURL(/\/session\/app-/);
    const sessionId = decodeURIComponent(page.url().split('/session/')[1]);
    const sessionUrl = page.url();
    await stepGates(page, 1);
    const startMs = await sessionStartMs(page, sessionId);

    // The backend starts the session for the app's request (authorization_reference = our id), at 6 kW.
    const ocpiId = `T${Date.now()}`;
    await admin('reset', { now: new Date(startMs).toISOString() });
    await admin('start', { id: ocpiId, evse_uid: evseId, kw: 6, authorization_reference: sessionId, start_date_time: new Date(startMs).toISOString() });
    await admin('advance', { minutes: 15 });

    // The operator connects GreenSlot to the backend with their token.
    await page.goto('/operator');
    await page.getByTestId('live-sessions-url').fill(`${OCPI}/ocpi/cpo/2.2.1/sessions`);
    await page.getByTestId('live-cdrs-url').fill(`${OCPI}/ocpi/cpo/2.2.1/cdrs`);
    await page.getByTestId('live-token').fill(TOKEN);
    await page.getByTestId('live-interval').fill('10');
    await page.getByTestId('live-start').click();
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-outcome', 'ok', { timeout: 30_000 });
    await expect(page.locator(`[data-testid="live-sessions"] tr[data-key="DE*GSL*${ocpiId}"]`)).toContainText('ACTIVE');

    // Both carbon signals, in the shapes the public APIs publish, covering the session's hours.
    const hours = Array.from({ length: 8 }, (_, i) => startMs + (i - 1) * 3_600_000);
    const em = { zone: 'DE', history: hours.map((t, i) => ({ zone: 'DE', carbonIntensity: 300 + 10 * i, datetime: new Date(t).toISOString(), isEstimated: false })) };
    const points = Array.from({ length: 96 }, (_, i) => ({ point_time: new Date(startMs - 3_600_000 + i * 300_000).toISOString(), value: i < 24 ? 900 : 600 }));
    const wt = { data: points, meta: { region: 'TEST_BA', signal_type: 'co2_moer', units: 'lbs_co2_per_mwh', data_point_period_seconds: 300 } };
    await page.getByTestId('carbon-file').setInputFiles({ name: 'carbon-intensity-history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(em)) });
    await expect(page.getByTestId('carbon-message')).toContainText('Average signal stored: Electricity Maps DE, 8 points');
    await page.getByTestId('carbon-file').setInputFiles({ name: 'co2_moer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wt)) });
    await expect(page.getByTestId('carbon-message')).toContainText('Marginal signal stored: WattTime TEST_BA, 96 points');
    await page.getByTestId('carbon-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...wt, meta: { ...wt.meta, units: 'furlongs' } })) });
    await expect(page.getByTestId('carbon-issues')).toContainText('$.meta.units');
    await expect(page.getByTestId('carbon-series').locator('tbody tr')).toHaveCount(2);

    // The driver's page shows the backend's measurement next to the plan, and it rises over polls.
    await page.goto(sessionUrl);
    const measured = page.getByTestId('measured-vs-planned');
    await expect(measured.getByTestId('measured-age')).toHaveAttribute('data-status', 'ACTIVE', { timeout: 30_000 });
    await expect(measured.getByTestId('measured-kwh')).toHaveText('1.5 kWh');
    await expect(measured.getByTestId('measured-kw')).toHaveText('6.0 kW');
    await expect(measured.getByTestId('measured-table')).toContainText('Planned kW');
    await admin('advance', { minutes: 15 });
    await expect(measured.getByTestId('measured-kwh')).toHaveText('3.0 kWh', { timeout: 30_000 });

    // Offline in between: the backend goes on meanwhile; back online, the next poll brings it all.
    await context.setOffline(true);
    await admin('advance', { minutes: 15 });
    await admin('advance', { minutes: 15 });
    await page.goto('/operator').catch(() => undefined);
    await page.goto(sessionUrl).catch(() => undefined);
    await context.setOffline(false);
    await page.goto(sessionUrl);
    await expect(page.getByTestId('measured-kwh')).toHaveText('6.0 kWh', { timeout: 30_000 });

    // The demo session runs to its end; then the backend closes the session and sends the CDR.
    for (let i = 0; i < 16; i++) {
      if ((await page.getByTestId('session-status').getAttribute('data-status')) === 'finished') break;
      await stepGates(page, 1);
    }
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'finished');
    await admin('stop', { id: ocpiId });
    await page.goto(`/receipt/${encodeURIComponent(sessionId)}`);
    await expect(page.getByTestId('receipt-cdr-id')).toHaveText(`CDR-${ocpiId}`, { timeout: 30_000 });
    await expect(page.getByTestId('receipt-kwh')).toHaveText('6.0 kWh');
    await expect(page.getByTestId('receipt-source-line')).toContainText(OCPI);
    await expect(page.getByTestId('receipt-reissued')).toContainText(/previous receipt \(simulation\) said 12\.0 kWh delivered/);
    await expect(page.getByTestId('receipt-co2-attributed')).toContainText('attributional: kWh per slot × Electricity Maps DE average');
    await expect(page.getByTestId('receipt-co2-avoided')).toContainText('consequential');
    await expect(page.getByTestId('receipt-co2-avoided')).toContainText('WattTime TEST_BA marginal');
    const receipt = JSON.parse((await page.getByTestId('receipt-json').textContent()) ?? '{}');
    expect(receipt.deliveredWh).toBe(6000);
    expect(receipt.source).toMatchObject({ kind: 'ocpi-cdr', cdrId: `CDR-${ocpiId}`, backend: OCPI, energyMethod: 'period-energy' });
    expect(receipt.claims.length).toBeGreaterThan(0);
    const receiptUrl = page.url();

    // The operator registers the green supply; the driver claims the CDR's receipt on the demo chain.
    await page.goto('/operator');
    const panel = page.getByTestId('green-supply');
    await panel.scrollIntoViewIfNeeded();
    await expect(panel.getByTestId('supply-register')).toBeEnabled({ timeout: 30_000 });
    await panel.getByTestId('supply-register').click();
    await expect(panel.getByTestId('supply-tx')).toHaveText(/Confirmed in block \d+/, { timeout: 30_000 });
    await page.goto(receiptUrl);
    // The receipt's claim panel (src/lib/chain/ClaimReceipt.svelte) shows what is signed, then claims it.
    await expect(page.getByTestId('claim-words')).toContainText('delivered 6 kWh', { timeout: 30_000 });
    await page.getByTestId('claim-button').click();
    await expect(page.getByTestId('claim-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  });
});

test.describe('live backend: pushed files and the marginal preset', () => {
  test('a pushed Sessions file is stored all or nothing, and the "lowest marginal CO2" strategy dispatches on an imported marginal signal', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page, '/operator');
    const session = (id: string, kwh: unknown) => ({
      country_code: 'DE', party_id: 'GSL', id, start_date_time: '2026-03-02T08:00:00Z', kwh, location_id: 'LIVE-1', evse_uid: 'E9',
      connector_id: '1', currency: 'EUR', status: 'ACTIVE', last_updated: '2026-03-02T08:15:00Z'
    });
    const file = page.getByTestId('live-file');
    await file.setInputFiles({ name: 'sessions.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([session('P-1', 2), session('P-2', 'lots')])) });
    await expect(page.getByTestId('live-file-issues')).toContainText('$[1].kwh');
    await expect(page.getByTestId('live-sessions')).toHaveCount(0);
    await file.setInputFiles({ name: 'sessions.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ data: [session('P-1', 2)], status_code: 1000 })) });
    await expect(page.getByTestId('live-file-result')).toContainText('1 session(s), 0 CDR(s) stored');
    await expect(page.locator('[data-testid="live-sessions"] tr[data-key="DE*GSL*P-1"]')).toContainText('not a GreenSlot request');

    // A marginal signal over the demo day, lowest in the afternoon; handed to the optimizer.
    const midnightMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('greenslot');
          open.onsuccess = () => {
            const get = open.result.transaction('settings').objectStore('settings').get('demo');
            get.onsuccess = () => resolve(get.result.value.timeline.startMs);
          };
        })
    );
    const data = Array.from({ length: 48 }, (_, i) => ({ point_time: new Date(midnightMs + i * 3_600_000).toISOString(), value: i % 24 >= 13 && i % 24 < 16 ? 300 : 1200 }));
    await page.getByTestId('carbon-file').setInputFiles({ name: 'moer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ data, meta: { region: 'TEST_BA', signal_type: 'co2_moer', units: 'lbs_co2_per_mwh', data_point_period_seconds: 3600 } })) });
    await page.getByTestId('carbon-series').getByRole('button', { name: 'Use for the optimizer' }).click();
    await expect(page.getByTestId('carbon-message')).toContainText('The optimizer now has WattTime TEST_BA');
    await page.getByLabel('Strategy').selectOption('lowest-marginal-co2');
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await page.getByTestId('clock-step').click();
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await expect(page.getByText(/last gate solve \(highs\)/)).toBeVisible({ timeout: 30_000 });
  });
});
