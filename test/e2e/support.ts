import { expect, type Page } from '@playwright/test';

/** Phone and desktop sizes for the README screenshots. */
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

/** Opens the app (each test has its own browser context, so a fresh database and demo day) and waits for the clock. */
export async function resetApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('clock-now')).toBeVisible();
}

/** Saves a full-page screenshot of the current view at phone and desktop width to docs/screenshots/. */
export async function shoot(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const [kind, size] of Object.entries(SIZES)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150); // charts re-layout on resize
    await page.screenshot({ path: `docs/screenshots/${name}-${kind}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
