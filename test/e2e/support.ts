import { expect, type Page } from '@playwright/test';

/** Phone and desktop sizes for the README screenshots. */
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

/**
 * Where screenshots go: the README's docs/screenshots only when asked (`UPDATE_SCREENSHOTS=1`),
 * otherwise test-results/ (gitignored), so a test run leaves no tracked file changed.
 */
export const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';

/** Opens the app (each test has its own browser context, so a fresh database and demo day) and waits for the clock. */
export async function resetApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('clock-now')).toBeVisible();
}

/** Saves a full-page screenshot of the current view at phone and desktop width to SCREENSHOT_DIR. */
export async function shoot(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const [kind, size] of Object.entries(SIZES)) {
    await page.setViewportSize(size);
    // Charts re-layout on resize: wait for two animation frames after the resize settles.
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${kind}.png`, fullPage: true, animations: 'disabled' });
  }
  if (original) await page.setViewportSize(original);
}
