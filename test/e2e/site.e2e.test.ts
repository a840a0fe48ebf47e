// End to end in headless Chromium: the real renderer in browser mode, reading the real simulator.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';
import { expectAccessibleInBothSchemes } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { ROOT, SIM_LOGIN, startCompanion, startSim, type Started } from '../support/processes.js';


let sim: Started<{ url: string }>;
let app: Started<{ url: string }>;
let browser: Browser;
let page: Page;
const shots = path.join(ROOT, 'test-results');

before(async () => {
  [sim, app, browser] = await Promise.all([startSim(['--es', '1', '--as', '3', '--seed', '11']), startCompanion(), launchChromium()]);
  // es-1-as-2 holds its lead's registration, so a wipe of it needs re-association.
  const es = (await simAdmin(sim.info.url)<SimServerInfo[]>('servers')).find((s) => s.key === '_top')!;
  await simAdmin(sim.info.url)('servers/es-1-as-2/registration', 'PUT', { state: 'registered', method: 'offline', code: 'E2E-HELD', leadSystemId: es.systemId });
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  fs.mkdirSync(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), sim?.stop()]);
});

const simServers = () => simAdmin(sim.info.url)<SimServerInfo[]>('servers');
const shownIds = () => page.getByTestId('system-id').allTextContents();
const row = (address: string) => page.locator(`[data-testid="server-row"][data-address="${address}"]`);

test('a bad address list is refused in the form, line by line', async () => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(app.info.url);
  assert.equal(new URL(page.url()).searchParams.has('token'), true, 'the token stays in the address bar, so a copied address works');
  await page.getByLabel('Server addresses').fill('10.0.0.999\n10.0.0.0/8');
  await page.getByRole('button', { name: 'Save and read site' }).click();
  const alert = page.locator('#targets-error');
  await alert.waitFor();
  const text = (await alert.textContent()) ?? '';
  assert.match(text, /Line 1 \(10\.0\.0\.999\)/);
  assert.match(text, /Line 2 .*\/16 to \/32/);
  await page.screenshot({ path: path.join(shots, 'site-bad-targets.png') });
  await expectAccessibleInBothSchemes(page, 'site-bad-targets');
  assert.deepEqual(errors, [], 'no console errors (CSP violations show here)');
});

test('the site screen reads the four servers with the System IDs the simulator reports', async () => {
  await page.getByLabel('Server addresses').fill(sim.info.url);
  await page.getByLabel('User name').fill(SIM_LOGIN.username);
  await page.getByLabel('Password', { exact: true }).fill(SIM_LOGIN.password);
  await page.getByRole('button', { name: 'Save and read site' }).click();
  await page.getByTestId('server-row').nth(3).waitFor();
  const expected = (await simServers()).map((s) => s.systemId).sort();
  assert.deepEqual((await shownIds()).sort(), expected);
  assert.deepEqual(await page.getByTestId('status').allTextContents(), ['Unregistered', 'Unregistered', 'Unregistered', 'Unregistered']);
  await page.screenshot({ path: path.join(shots, 'site.png') });
  await expectAccessibleInBothSchemes(page, 'site');
});

test('a System ID changed in the simulator shows after reading again, flagged for re-association', async () => {
  const target = (await simServers()).find((s) => s.key === 'es-1-as-2')!;
  await fetch(`${sim.info.url}/_sim/servers/${target.key}/system-id`, { method: 'PUT', body: JSON.stringify({ systemId: 'E2E-new-Id-0042' }) });
  await page.getByRole('button', { name: 'Read again' }).click();
  await row(target.address).getByText('E2E-new-Id-0042', { exact: true }).waitFor();
  assert.equal(await row(target.address).getByTestId('status').textContent(), 'Needs re-association');
  assert.ok(!(await shownIds()).includes(target.systemId), 'the old ID is gone from the list');
  await row(target.address).getByRole('button', { name: /AS-P/ }).click();
  const notice = page.getByTestId('wipe-notice');
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', new RegExp(`from ${target.systemId} to E2E-new-Id-0042`));
  assert.deepEqual(await page.getByTestId('history').locator('code').allTextContents(), [target.systemId, 'E2E-new-Id-0042']);
  await page.screenshot({ path: path.join(shots, 'site-wiped.png') });
  await expectAccessibleInBothSchemes(page, 'site-wiped');
});

test('a reload keeps the session and the tree', async () => {
  await page.reload();
  await page.getByTestId('server-row').nth(3).waitFor();
  assert.equal(await page.getByTestId('server-row').count(), 4);
});

test('malformed input from the page gets a validation error over the browser transport', async () => {
  const result = await page.evaluate(() => (globalThis as unknown as { companion: { call(n: string, i: unknown): Promise<unknown> } }).companion.call('site.server', { address: 7, extra: 'x' }));
  const r = result as { ok: boolean; error: { code: string; issues: { path: string }[] } };
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'invalid_input');
  assert.deepEqual(r.error.issues.map((i) => i.path).sort(), ['', 'address']);
});
