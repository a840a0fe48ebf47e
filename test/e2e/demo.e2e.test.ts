// `npm run demo` as a user runs it: the page it prints shows the simulated site's four servers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startProcess } from '../../scripts/lib/processes.mjs';
import { expectAccessibleInBothSchemes } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { ROOT } from '../support/processes.js';

test('the demo serves the companion already pointed at the simulated site', async () => {
  const demo = await startProcess<{ companion: string; sim: string; portal: string; work: string }>(process.execPath, ['scripts/demo.mjs'], 'DEMO_READY', { cwd: ROOT, timeoutMs: 60_000 });
  const browser = await launchChromium();
  try {
    const health = (await (await fetch(`${demo.info.portal}/api/v1/health`)).json()) as { status: string };
    assert.equal(health.status, 'ok');
    const logOn = await fetch(`${demo.info.portal}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@example.com', password: 'demo-password-1' }),
    });
    assert.equal(logOn.status, 201, 'the demo account printed by the demo logs on');
    const page = await browser.newPage({ viewport: { width: 1200, height: 520 } });
    await page.goto(demo.info.companion);
    await page.getByTestId('server-row').nth(3).waitFor();
    const simIds = ((await (await fetch(`${demo.info.sim}/_sim/servers`)).json()) as { systemId: string }[]).map((s) => s.systemId).sort();
    assert.deepEqual((await page.getByTestId('system-id').allTextContents()).sort(), simIds);
    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'demo.png') });
    await expectAccessibleInBothSchemes(page, 'the demo\'s Site screen');
  } finally {
    await browser.close();
    await demo.stop();
    fs.rmSync(demo.info.work, { recursive: true, force: true });
  }
  assert.equal(demo.child.exitCode ?? 0, 0);
});
