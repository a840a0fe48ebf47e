// End to end in headless Chromium: the real renderer in browser mode, reading the real simulator.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { ROOT, startCompanion, startSim, type Started } from '../support/processes.js';

interface SimServerInfo {
  key: string;
  address: string;
  systemId: string;
}

let sim: Started<{ url: string }>;
let app: Started<{ url: string }>;
let browser: Browser;
let page: Page;
const shots = path.join(ROOT, 'test-results');

before(async () => {
  [sim, app, browser] = await Promise.all([startSim(['--es', '1', '--as', '3', '--seed', '11']), startCompanion(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
  fs.mkdirSync(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), sim?.stop()]);
});

const simServers = async () => (await (await fetch(`${sim.info.url}/_sim/servers`)).json()) as SimServerInfo[];
const shownIds = () => page.getByTestId('system-id').allTextContents();

test('the site screen lists the four servers with the System IDs the simulator reports', async () => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(app.info.url);
  assert.equal(new URL(page.url()).searchParams.has('token'), false, 'the token is taken out of the address bar');
  await page.getByLabel('Server address').fill(sim.info.url);
  await page.getByRole('button', { name: 'Read site' }).click();
  await page.getByTestId('server-row').nth(3).waitFor();
  const expected = (await simServers()).map((s) => s.systemId).sort();
  assert.deepEqual((await shownIds()).sort(), expected);
  await page.screenshot({ path: path.join(shots, 'site.png') });
  assert.deepEqual(errors, [], 'no console errors (CSP violations show here)');
});

test('a System ID changed in the simulator shows after reading again', async () => {
  const target = (await simServers()).find((s) => s.key === 'es-1-as-2')!;
  await fetch(`${sim.info.url}/_sim/servers/${target.key}/system-id`, { method: 'PUT', body: JSON.stringify({ systemId: 'E2E-new-Id-0042' }) });
  await page.getByRole('button', { name: 'Read again' }).click();
  const row = page.locator(`[data-testid="server-row"][data-address="${target.address}"]`);
  await row.getByText('E2E-new-Id-0042', { exact: true }).waitFor();
  assert.equal(await row.getByTestId('system-id').textContent(), 'E2E-new-Id-0042');
  assert.ok(!(await shownIds()).includes(target.systemId), 'the old ID is gone from the list');
});

test('a reload keeps the session and the list; a bad address gets a clear message', async () => {
  await page.reload();
  await page.getByTestId('server-row').nth(3).waitFor();
  await page.getByLabel('Server address').fill('10.0.0.999');
  await page.getByRole('button', { name: 'Read again' }).click();
  await page.getByRole('alert').waitFor();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /not a valid IPv4 address/);
  assert.equal(await page.getByTestId('server-row').count(), 4, 'nothing stored was lost');
  await page.screenshot({ path: path.join(shots, 'site-bad-address.png') });
});

test('malformed input from the page gets a validation error over the browser transport', async () => {
  const result = await page.evaluate(() => (globalThis as unknown as { companion: { call(n: string, i: unknown): Promise<unknown> } }).companion.call('site.read', { address: 7, extra: 'x' }));
  const r = result as { ok: boolean; error: { code: string; issues: { path: string }[] } };
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'invalid_input');
  assert.deepEqual(r.error.issues.map((i) => i.path).sort(), ['', 'address']);
});
