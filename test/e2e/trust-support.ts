import { expect, type Page } from '@playwright/test';

/** Clicks "Step slot" n times, each time waiting until the gate has run. */
export async function stepGates(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    await page.getByTestId('clock-step').click();
  }
  await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
}

/** From the Charge page: requests `kWh` on charger `evseId` (fast, departure 09:00) and lands on its session page; returns the session id. */
export async function requestCharge(page: Page, { evseId = 'A1-1', kWh = '3' }: { evseId?: string; kWh?: string } = {}): Promise<string> {
  await page.getByTestId(`station-${evseId}`).getByRole('button', { name: /Select/ }).click();
  const form = page.getByTestId('request-form');
  await form.getByTestId('energy-kwh').fill(kWh);
  await form.getByTestId('departure').fill('09:00');
  await form.getByTestId('preference').selectOption('fast');
  await expect(form.getByTestId('send-request')).toBeEnabled();
  await form.getByTestId('send-request').click();
  await expect(page).toHaveURL(/\/session\/app-/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
}

/** The session row's status as the engine stored it (ahead of the clock: a gate books its slot before it runs). */
export async function storedStatus(page: Page, sessionId: string): Promise<string | undefined> {
  return page.evaluate(
    (id) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('greenslot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('sessions').objectStore('sessions').get(id);
          get.onsuccess = () => {
            resolve(get.result?.status);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    sessionId
  );
}

/** On a session page: runs the clock until the session is over for the driver (its last booked slot has run). */
export async function runUntilFinished(page: Page, sessionId: string): Promise<void> {
  for (let i = 0; i < 16 && (await storedStatus(page, sessionId)) !== 'finished'; i++) await stepGates(page, 1);
  for (let i = 0; i < 20 && (await page.getByTestId('session-status').getAttribute('data-status')) !== 'finished'; i++) {
    await page.getByTestId('clock-minute').click();
    await expect(page.getByTestId('clock-minute')).toBeEnabled({ timeout: 30_000 });
  }
  await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'finished');
}
