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
