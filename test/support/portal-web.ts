// Steps the portal web app's E2E tests share: checking a page state, and going to a page from the sidebar.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothSchemes, layoutOverflows, waitForFocus } from './axe.js';

const SCREENS = '/tmp/screens';

/**
 * axe-core in both schemes, then screenshots `${prefix}-${name}-WxH.png` at 1280x800 and 800x600
 * with nothing wider than the window (back to 1280x800 after).
 */
export async function checkPage(page: Page, prefix: string, name: string): Promise<void> {
  await expectAccessibleInBothSchemes(page, `${prefix}: ${name}`);
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SCREENS}/${prefix}-${name}-${width}x${height}.png`, fullPage: true });
    assert.deepEqual(await layoutOverflows(page), [], `${name} at ${width}x${height}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Goes to a page from the sidebar: its heading shown and focused, its data loaded. */
export async function goToPage(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await waitForFocus(page, "e.tagName === 'H1'");
  await page.waitForLoadState('networkidle');
}
