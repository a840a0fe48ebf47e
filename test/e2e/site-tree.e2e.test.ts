// The Site screen on an Enterprise Central site: progress while reading, the lead/shadow tree, a
// wiped server flagged for re-association, and the warning before a registered stand-alone server
// becomes a shadow.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';
import { expectAccessibleInBothSchemes } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { ROOT, startCompanion, startSim, type Started } from '../support/processes.js';


let sim: Started<{ url: string }>;
const admin = <T = unknown>(route: string, method?: string, body?: unknown) => simAdmin(sim.info.url)<T>(route, method, body);
let app: Started<{ url: string }>;
let browser: Browser;
let page: Page;
const shots = path.join(ROOT, 'test-results');
const row = (address: string) => page.locator(`[data-testid="server-row"][data-address="${address}"]`);

before(async () => {
  // 100 ms per request, so the read lasts long enough to watch.
  [sim, app, browser] = await Promise.all([
    startSim(['--ec', '--es', '2', '--as', '4', '--standalone', '2', '--latency', '100', '--auth', 'digest', '--user', 'integrator', '--password', 'Site-Pass-1']),
    startCompanion(),
    launchChromium(),
  ]);
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  fs.mkdirSync(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), sim?.stop()]);
});

test('reading an EC site shows live progress, then the tree with leads and shadows', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  await admin('servers/sa-1/registration', 'PUT', { state: 'registered', method: 'online', organization: 'Acme Controls', siteName: 'North plant', code: 'REG-7731', registeredAt: '2026-03-02T09:00:00Z' });
  await page.goto(app.info.url);
  await page.getByLabel('Server addresses').fill(`${sim.info.url}\n${sim.info.url}/sa-1, ${sim.info.url}/sa-2`);
  await page.getByLabel('User name').fill('integrator');
  await page.getByLabel('Password', { exact: true }).fill('Site-Pass-1');
  await page.getByRole('button', { name: 'Save and read site' }).click();

  const progress = page.getByTestId('progress');
  await progress.waitFor();
  await page.getByTestId('progress-counts').filter({ hasText: /[1-9]\d* of \d+ servers/ }).waitFor();
  await page.screenshot({ path: path.join(shots, 'site-progress.png') });
  await expectAccessibleInBothSchemes(page, 'site-progress');
  await progress.waitFor({ state: 'detached', timeout: 20_000 });

  await page.getByTestId('server-row').nth(servers.length - 1).waitFor();
  assert.equal(await page.getByTestId('server-row').count(), servers.length, 'every server is listed (1 EC + 2 ES + 8 AS + 2 stand-alone)');
  const ec = servers.find((s) => s.key === '_top')!;
  assert.equal(await row(ec.address).locator('td').nth(4).textContent(), 'Own (lead)');
  const anAs = servers.find((s) => s.key === 'es-2-as-3')!;
  assert.equal(await row(anAs.address).locator('td').nth(4).textContent(), 'Enterprise Central', 'an AS below an ES inherits from the EC at the top');
  const sa1 = servers.find((s) => s.key === 'sa-1')!;
  assert.equal(await row(sa1.address).getByTestId('status').textContent(), 'Registered');
  await page.screenshot({ path: path.join(shots, 'site-tree.png') });
  await expectAccessibleInBothSchemes(page, 'site-tree');
});

test('a server wiped in the simulator reads as "needs re-association" with old and new IDs', async () => {
  const before = ((await admin('servers')) as SimServerInfo[]).find((s) => s.key === 'es-1-as-2')!;
  // It held a registration (its lead's, as written to it): a wipe of it needs re-association.
  const ec = ((await admin('servers')) as SimServerInfo[]).find((s) => s.key === '_top')!;
  await admin('servers/es-1-as-2/registration', 'PUT', { state: 'registered', method: 'offline', code: 'HELD-1', leadSystemId: ec.systemId });
  await page.getByRole('button', { name: 'Read again' }).click();
  // Each request takes 100 ms here: the read shows its progress, then ends.
  await page.getByTestId('progress').waitFor();
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 20_000 });
  const wiped = (await admin('servers/es-1-as-2/wipe', 'POST')) as SimServerInfo;
  await page.getByRole('button', { name: 'Read again' }).click();
  await row(before.address).getByText(wiped.systemId, { exact: true }).waitFor({ timeout: 20_000 });
  assert.equal(await row(before.address).getByTestId('status').textContent(), 'Needs re-association');
  await row(before.address).getByRole('button', { name: before.name }).click();
  const notice = page.getByTestId('wipe-notice');
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', new RegExp(`from ${before.systemId} to ${wiped.systemId}`));
});

test('making a registered stand-alone server a shadow warns with the registration it overwrites', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const sa1 = servers.find((s) => s.key === 'sa-1')!;
  await row(sa1.address).getByRole('button', { name: sa1.name }).click();
  await page.getByLabel('Make it a shadow of').selectOption({ label: 'Enterprise Central' }); // named after its type: not "Enterprise Central (Enterprise Central)"
  await page.getByRole('button', { name: 'Set lead' }).click();
  const warning = page.getByTestId('overwrite-warning');
  await warning.waitFor();
  const text = (await warning.textContent()) ?? '';
  assert.match(text, /registered on its own to Acme Controls, North plant/);
  assert.match(text, /REG-7731/);
  await page.screenshot({ path: path.join(shots, 'site-overwrite-warning.png') });
  await expectAccessibleInBothSchemes(page, 'site-overwrite-warning');

  // Cancel changes nothing; confirming sets the relationship.
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await row(sa1.address).locator('td').nth(4).textContent(), 'Own (lead)');
  await page.getByRole('button', { name: 'Set lead' }).click();
  await page.getByRole('button', { name: 'Overwrite and set lead' }).click();
  await row(sa1.address).locator('td').nth(4).filter({ hasText: 'Enterprise Central (set by you)' }).waitFor();
  assert.equal(await row(sa1.address).getByTestId('status').textContent(), 'Unregistered', 'it now carries the unregistered EC registration');
});

test('with the top server unreadable, every server stays in the tree marked "Not read this time", with why', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const ec = servers.find((s) => s.key === '_top')!;
  const anAs = servers.find((s) => s.key === 'es-2-as-1')!;
  await admin('servers/_top/ews', 'PUT', { enabled: false });
  try {
    await page.getByRole('button', { name: 'Read again' }).click();
    await row(ec.address).getByTestId('status').filter({ hasText: 'EWS disabled' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('server-row').count(), servers.length, 'nothing was dropped from the tree');
    assert.equal(await row(anAs.address).getByTestId('status').textContent(), 'Not read this time');
    assert.equal(await row(anAs.address).getByText(anAs.systemId, { exact: true }).count(), 1, 'its System ID is still shown');
    await row(anAs.address).getByRole('button', { name: anAs.name }).click();
    const reason = page.getByTestId('status-reason');
    await reason.waitFor();
    assert.match((await reason.textContent()) ?? '', /^Not read: Enterprise Central could not be read \(The EWS server is disabled/);
    await page.screenshot({ path: path.join(shots, 'site-not-read.png') });
    await expectAccessibleInBothSchemes(page, 'site-not-read');
  } finally {
    await admin('servers/_top/ews', 'PUT', { enabled: true });
  }
});

test('a server its Enterprise Server no longer lists is removed from the tree, and the screen says so', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const gone = servers.find((s) => s.key === 'es-1-as-4')!;
  await admin('servers/es-1-as-4/detach', 'POST');
  await page.getByRole('button', { name: 'Read again' }).click();
  const removed = page.getByTestId('removed');
  await removed.waitFor({ timeout: 20_000 });
  assert.match((await removed.textContent()) ?? '', new RegExp(`${gone.name} \\(${gone.systemId}, .*\\): ES-1 no longer lists it\\.`));
  assert.equal(await row(gone.address).count(), 0);
  assert.equal(await page.getByTestId('server-row').count(), servers.length - 1);
  await page.screenshot({ path: path.join(shots, 'site-removed.png') });
  await expectAccessibleInBothSchemes(page, 'site-removed');
});

test('a wiped shadow offers to write its lead\'s registration again, and then inherits it', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const ec = servers.find((s) => s.key === '_top')!;
  const registration = { state: 'registered', method: 'offline', code: 'E2E-REWRITE', organization: 'Acme Controls', registeredAt: '2026-11-30T10:00:00Z', leadSystemId: ec.systemId };
  for (const s of servers.filter((s) => s.key === '_top' || s.key.startsWith('es-'))) await admin(`servers/${s.key}/registration`, 'PUT', registration);
  const shadow = servers.find((s) => s.key === 'es-2-as-2')!;
  await page.getByRole('button', { name: 'Read again' }).click();
  await row(shadow.address).getByTestId('status').filter({ hasText: 'Inherits from lead' }).waitFor({ timeout: 20_000 });
  await admin('servers/es-2-as-2/wipe', 'POST');
  await page.getByRole('button', { name: 'Read again' }).click();
  await row(shadow.address).getByTestId('status').filter({ hasText: 'Needs re-association' }).waitFor({ timeout: 20_000 });
  await row(shadow.address).getByRole('button', { name: shadow.name }).click();
  assert.match((await page.getByTestId('wipe-notice').textContent()) ?? '', /A shadow carries its lead's registration and has none of its own on the portal/);
  assert.equal(await page.getByRole('button', { name: /Associate the new System ID/ }).count(), 0, 'a shadow is never associated');
  await page.getByRole('button', { name: "Write Enterprise Central's registration again" }).click();
  await page.getByTestId('rewrite-result').filter({ hasText: 'Written: it holds its lead’s registration again.' }).waitFor();
  assert.equal(await row(shadow.address).getByTestId('status').textContent(), 'Inherits from lead');
  const held = ((await admin('servers')) as SimServerInfo[]).find((s) => s.key === 'es-2-as-2')!.registration;
  assert.deepEqual([held.code, held.leadSystemId], ['E2E-REWRITE', ec.systemId]);
  await page.screenshot({ path: path.join(shots, 'site-shadow-rewritten.png') });
  await expectAccessibleInBothSchemes(page, 'site-shadow-rewritten');
});
