import { expect, test, type Page } from '@playwright/test';
import { resetApp } from './support';
import { requestCharge, runUntilFinished } from './trust-support';

const WIDTHS = [360, 390] as const;

/** Page width against the viewport: a phone must never scroll sideways. */
async function sideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    // Name the widest element that sticks out, so a failure says what to fix.
    let widest = '';
    let right = root.clientWidth;
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect().right;
      if (r > right + 0.5 && clipped(el)) continue;
      if (r > right + 0.5) {
        right = r;
        const path = [el, el.parentElement, el.parentElement?.parentElement].map((e) => (e ? `${e.tagName.toLowerCase()}.${String(e.className).split(' ').join('.')}` : '')).join(' < ');
        widest = `${path} "${(el.textContent ?? '').trim().slice(0, 40)}" (${Math.round(r)} px)`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
}

test.describe('trust: phones never scroll sideways', () => {
  test('every route fits 360 px and 390 px widths, and the header with the clock stays compact', async ({ page }) => {
    test.setTimeout(180_000);
    await resetApp(page);
    const id = await requestCharge(page, { kWh: '3' });
    await runUntilFinished(page, id);
    const routes = ['/', '/session', `/session/${id}`, `/receipt/${id}`, '/verify', '/operator', '/operator/import'];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 844 });
      for (const route of routes) {
        await page.goto(route);
        await expect(page.getByTestId('clock-now')).toBeVisible();
        await expect(page.locator('main h1').first()).toBeVisible({ timeout: 30_000 });
        await page.waitForTimeout(300); // charts and late panels settle
        const m = await sideways(page);
        expect(m.scrollWidth, `${route} at ${width} px is ${m.scrollWidth} px wide; widest: ${m.widest}`).toBeLessThanOrEqual(m.clientWidth);
      }
      // A result naming the 42-character ledger address wraps instead of widening the page.
      await page.goto(`/verify?session=${encodeURIComponent(id)}`);
      await page.getByTestId('verify-submit').click();
      await expect(page.getByTestId('verify-result')).toBeVisible({ timeout: 30_000 });
      const v = await sideways(page);
      expect(v.scrollWidth, `/verify result at ${width} px is ${v.scrollWidth} px wide; widest: ${v.widest}`).toBeLessThanOrEqual(v.clientWidth);
      // The header and the demo clock leave the screen to the content.
      await page.goto('/');
      await expect(page.getByTestId('clock-now')).toBeVisible();
      const top = await page.locator('main').evaluate((el) => el.getBoundingClientRect().top);
      expect(top, `content starts ${top} px down at ${width} px`).toBeLessThanOrEqual(160);
      // Every nav entry in view, none cut off behind the edge ("Verify" read "Ve" at 360 px).
      const nav = await page.locator('header nav').evaluate((el) => ({ needs: el.scrollWidth, has: el.clientWidth }));
      expect(nav.needs, `the nav needs ${nav.needs} px of its ${nav.has} px at ${width} px`).toBeLessThanOrEqual(nav.has);
    }
  });

  test('a claim on a phone lists its certificate Wh id ranges on one line each and the verify result fits the width', async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await resetApp(page);
    const id = await requestCharge(page, { kWh: '3' });
    await runUntilFinished(page, id);
    await page.goto(`/receipt/${id}`);
    await page.getByTestId('claim-button').click();
    await expect(page.getByTestId('claim-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    const code = page.getByTestId('claim-range').first().locator('code');
    const { height, lineHeight } = await code.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) || 20 }));
    expect(height, 'a Wh id range wraps onto several lines').toBeLessThan(lineHeight * 1.5);
    await page.getByTestId('claim-verify').click();
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
    const v = await sideways(page);
    expect(v.scrollWidth, `/verify with a claim is ${v.scrollWidth} px wide; widest: ${v.widest}`).toBeLessThanOrEqual(v.clientWidth);
  });
});
