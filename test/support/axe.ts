// axe-core in the page under test: every screen and state an E2E test visits is checked for WCAG
// 2.1 A/AA violations. axe runs through the DevTools protocol (page.evaluate), so the app's CSP,
// which allows no injected script, stays as it ships.
import assert from 'node:assert/strict';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** The violations on the page as it is now, one line each with where. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axe.source);
  const violations = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe
      .run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as Violation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(', ')}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ''}`);
}

/** Fails with every violation named when the screen is not accessible. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe-core on ${what}`);
}

/**
 * The same check in the dark and the light colour scheme (the app follows prefers-color-scheme):
 * every screen a test visits passes contrast in both. Leaves the page in the light scheme.
 */
export async function expectAccessibleInBothSchemes(page: Page, what: string): Promise<void> {
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, `${what} (dark)`);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await expectAccessible(page, `${what} (light)`);
}

/**
 * What does not fit in the window: table cells whose content is wider than their column, cells
 * that end past the window's right edge, a page that scrolls sideways. Columns hidden at this width
 * are skipped; a table inside a labelled region that scrolls sideways on purpose may reach past the edge.
 */
export function layoutOverflows(page: Page): Promise<string[]> {
  // Page code as text: this file is typechecked for Node, without the DOM's types.
  return page.evaluate<string[]>(`(() => {
    const problems = [];
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth > width + 1) problems.push('the page scrolls sideways (' + root.scrollWidth + ' > ' + width + ')');
    for (const cell of document.querySelectorAll('main td, main th')) {
      if (cell.offsetParent === null) continue;
      const box = cell.getBoundingClientRect();
      const name = cell.tagName + ' "' + (cell.textContent || '').trim().slice(0, 30) + '"';
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(name + ' overflows its column (' + cell.scrollWidth + ' > ' + cell.clientWidth + ')');
      // A table in a labelled, focusable region that scrolls sideways does so on purpose (System Information's wide tables).
      if (box.right > width + 1 && !cell.closest('[role="region"][tabindex]')) problems.push(name + ' ends at ' + Math.round(box.right) + ', past the window (' + width + ')');
    }
    return problems;
  })()`);
}

/**
 * Waits until focus is where an action should have put it. `test` is page code over `e`, the
 * focused element, e.g. `e.id === 'site-title'` or `e.dataset.testid === 'read-summary'`.
 */
export async function waitForFocus(page: Page, test: string, timeoutMs = 10_000): Promise<void> {
  // Polled with evaluate (run through the DevTools protocol): waitForFunction's text would be eval'd in the page, which the CSP refuses.
  const check = `(() => { const e = document.activeElement; return !!e && e !== document.body && (${test}); })()`;
  const describe = `(() => { const e = document.activeElement; return e ? e.tagName + '#' + e.id + ' ' + (e.textContent || '').trim().slice(0, 60) : 'nothing'; })()`;
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(check))) {
    if (Date.now() > end) assert.fail(`focus is not where it should be (${test}): it is on ${await page.evaluate<string>(describe)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Text boxes matching `selectors` whose words do not fit them (long German words), at this size.
 * Hidden elements are passed over; `fixedToo` also checks fixed ones (a dialog's), which have no
 * offsetParent; `skipInside` passes over what sits in a box made to scroll.
 */
export function textOverflows(page: Page, selectors: string, options: { fixedToo?: boolean; skipInside?: string } = {}): Promise<string[]> {
  return page.evaluate(
    ({ selectors, fixedToo, skipInside }) => {
      const found: string[] = [];
      type Box = { offsetParent: unknown; scrollWidth: number; clientWidth: number; tagName: string; textContent: string | null; getClientRects(): { length: number }; closest(s: string): unknown };
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<Box> } }).document;
      for (const el of doc.querySelectorAll(selectors)) {
        if (el.offsetParent === null && (!fixedToo || el.getClientRects().length === 0)) continue;
        if (skipInside && el.closest(skipInside)) continue;
        if (el.scrollWidth > el.clientWidth + 1) found.push(`${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim().slice(0, 60)}`);
      }
      return found;
    },
    { selectors, fixedToo: options.fixedToo ?? false, skipInside: options.skipInside ?? '' },
  );
}
