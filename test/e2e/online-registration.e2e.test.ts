// Online registration end to end, as an integrator clicks through it: the real simulator (1 ES +
// 3 automation servers), the real portal, and the browser-mode companion in headless Chromium. With
// no portal set, Register online says so and offers the offline path; logged on, the ES is
// registered online and all four servers hold it (read through the simulator's admin API); a rival
// integrator gets the portal's reason; once the end user is in, the locked sections say why; the
// ES wiped is associated online with both IDs in the portal's history; a wiped AS is written again
// from its lead; and when the portal stops in the middle, the offline path is offered, lead chosen.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectAccessibleInBothSchemes } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { fillRegistrationForm } from '../support/registration-form.js';
import { acceptInvitation, newAccount, PASSWORD, registrationForm, type TestAccount } from '../support/portal-accounts.js';
import { SIM_LOGIN, startCompanion, startPortal, startSim, tempDir, type Started } from '../support/processes.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp/screens';

let sim: Started<{ url: string }>;
let portal: Started<{ url: string }>;
let app: Started<{ url: string }>;
let browser: Browser;
let page: Page;
let partner: TestAccount;
const consoleErrors: string[] = [];

const admin = <T = unknown>(route: string, method?: string, body?: unknown) => simAdmin(sim.info.url)<T>(route, method, body);
const server = (key: string) => admin<SimServerInfo>(`servers/${key}`);
const shot = async (name: string) => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await expectAccessibleInBothSchemes(page, name);
};
const row = (address: string) => page.locator(`[data-testid="server-row"][data-address="${address}"]`);
const KEYS = ['_top', 'es-1-as-1', 'es-1-as-2', 'es-1-as-3'];

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [sim, portal, app, browser] = await Promise.all([startSim(['--es', '1', '--as', '3', '--seed', '29']), startPortal(tempDir('online-e2e-portal')), startCompanion(tempDir('online-e2e')), launchChromium()]);
  partner = await newAccount(portal.info.url, { kind: 'partner', organization: 'Harbour Integration' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(app.info.url);
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), portal?.stop(), sim?.stop()]);
});

/** Log on in the Portal screen with a recovery code (a TOTP step may not be reused). */
async function logOn(account: TestAccount) {
  await page.getByRole('link', { name: 'Portal' }).click();
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log on' }).click();
  await page.getByTestId('mfa-asked').waitFor();
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(account.recoveryCodes.shift()!);
  await page.getByRole('button', { name: 'Log on' }).click();
  await page.getByTestId('account').waitFor();
}

async function logOff() {
  await page.getByRole('link', { name: 'Portal' }).click();
  await page.getByRole('button', { name: 'Log off' }).click();
  await page.getByLabel('E-mail address').waitFor();
}

async function openSiteServer(address: string) {
  await page.getByRole('link', { name: 'Site' }).click();
  await row(address).click();
  await page.locator('aside.detail').waitFor();
}

test('the ES and its three automation servers are registered online, after the companion said when the portal could not be asked', async () => {
  await page.getByLabel('Server addresses').fill(sim.info.url);
  await page.getByLabel('User name').fill(SIM_LOGIN.username);
  await page.getByLabel('Password', { exact: true }).fill(SIM_LOGIN.password);
  await page.getByRole('button', { name: 'Save and read site' }).click();
  await page.getByTestId('server-row').nth(3).waitFor();

  // No portal address yet: said in words, with the offline path for this lead.
  await openSiteServer(sim.info.url);
  await page.getByRole('button', { name: 'Register online…' }).click();
  const offer = page.getByTestId('offline-offer');
  await offer.getByText(/No Registration Portal address is set/).waitFor();
  await offer.getByRole('button', { name: 'Register offline instead' }).waitFor();
  await shot('online-no-portal');

  await page.getByRole('link', { name: 'Portal' }).click();
  await page.getByLabel('Portal address').fill(portal.info.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await logOn(partner);

  await openSiteServer(sim.info.url);
  await page.getByRole('button', { name: 'Register online…' }).click();
  const work = page.getByTestId('site-work');
  await work.waitFor();
  const es = await server('_top');
  assert.equal(await work.getByTestId('site-system-id').textContent(), es.systemId, 'the lead\'s System ID, filled in');
  assert.match((await work.textContent()) ?? '', /ES-1 and its 3 shadows \(4 servers\)/);
  await shot('online-start');
  await work.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('access-message').getByText(/not registered yet/).waitFor();
  await page.getByRole('button', { name: 'Proceed' }).click();
  await fillRegistrationForm(page);
  await page.getByRole('button', { name: 'Register and write to the site' }).click();
  const result = page.getByTestId('online-result');
  await result.getByTestId('online-summary').getByText(/^Registered online on [A-Z][a-z]{2} \d{1,2}, \d{4}; written to all 4 servers\.$/).waitFor();
  assert.equal(await page.locator(':focus').getAttribute('id'), 'online-result-title', 'focus moves to the result');
  assert.equal(await result.getByTestId('server-state').getByText('Done').count(), 4);
  await shot('online-registered');
  for (const key of KEYS) {
    const held = (await server(key)).registration;
    assert.deepEqual([held.state, held.method, held.leadSystemId, held.siteName], ['registered', 'online', es.systemId, 'Harbour Tower'], key);
  }
  // The System Information page shows the portal's record beside the four servers, all in step.
  await result.getByRole('button', { name: 'System information' }).click();
  await page.getByRole('heading', { name: /System Information/i }).first().waitFor();
  await page.getByText('In step').first().waitFor();
  await shot('online-system-information');
  await page.getByRole('link', { name: 'Site' }).click();
  await row(sim.info.url).getByText('Registered').waitFor();
});

test('a rival integrator gets the portal\'s reason; once the end user is in, the locked sections say why', async () => {
  const es = await server('_top');
  const rival = await newAccount(portal.info.url, { kind: 'partner', organization: 'Rival Controls' });
  await logOff();
  await logOn(rival);
  await openSiteServer(sim.info.url);
  await page.getByRole('button', { name: 'Modify online…' }).click();
  await page.getByTestId('site-work').getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('access-message').getByText(/registered to another integrator account \(Harbour Integration\)/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Proceed' }).count(), 0, 'only Cancel');
  await shot('online-refused');
  await logOff();

  // The end user takes the place the partner invites them to, and edits the site's data.
  const endUser = await newAccount(portal.info.url, { kind: 'end-user' });
  await partner.client.call('inviteToSystem', { params: { systemId: es.systemId }, body: { email: endUser.email } });
  await acceptInvitation(endUser);
  await endUser.client.call('registerSystem', { params: { systemId: es.systemId }, body: { installation: registrationForm({ siteName: 'Harbour Tower North' }).installation } });

  await logOn(partner);
  await openSiteServer(sim.info.url);
  await page.getByRole('button', { name: 'Modify online…' }).click();
  await page.getByTestId('site-work').getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Proceed' }).click();
  const form = page.locator('form.registration-form');
  await form.getByText(/installation and site administrator data are theirs to change now/).waitFor();
  assert.equal(await form.locator('#inst-siteName').isDisabled(), true);
  assert.equal(await form.locator('#inst-siteName').inputValue(), 'Harbour Tower North', 'the portal\'s record, prefilled');
  await page.getByRole('button', { name: 'Save and write to all 4 servers' }).click();
  await page.getByTestId('online-summary').getByText(/written to all 4 servers/).waitFor();
  assert.equal((await server('es-1-as-2')).registration.siteName, 'Harbour Tower North');
});

test('the ES wiped is associated online: the portal\'s history has both IDs and every server holds the registration; a wiped AS is written again from the lead', async () => {
  const old = (await server('_top')).systemId;
  await admin('servers/_top/wipe', 'POST');
  await admin('servers/es-1-as-1/wipe', 'POST');
  await page.getByRole('link', { name: 'Site' }).click();
  await page.getByRole('button', { name: 'Read again' }).click();
  await row(sim.info.url).getByText('Needs re-association').waitFor();
  const fresh = (await server('_top')).systemId;

  await openSiteServer(sim.info.url);
  await page.getByRole('button', { name: 'Associate the new System ID online…' }).click();
  const work = page.getByTestId('site-work');
  assert.equal(await work.getByTestId('site-new-system-id').textContent(), fresh);
  assert.equal(await work.getByLabel(/Registration it continues/).inputValue(), old, 'the old System ID, preselected from the site\'s history');
  await work.getByRole('radio').first().waitFor();
  await shot('online-associate');
  await work.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Proceed' }).click();
  await page.getByRole('button', { name: 'Associate', exact: true }).click();
  await page.getByTestId('online-summary').getByText(`New System ID ${fresh} associated online (was ${old})`, { exact: false }).waitFor();
  const view = await partner.client.call('getSystem', { params: { systemId: fresh } });
  assert.deepEqual(
    view.systemIds.map((s) => s.systemId),
    [old, fresh],
  );
  for (const key of ['_top', 'es-1-as-2', 'es-1-as-3']) assert.equal((await server(key)).registration.leadSystemId, fresh, key);

  // The wiped AS: a shadow, so no association; the lead's registration is written to it again.
  await openSiteServer(`${sim.info.url}/es-1-as-1`);
  await page.getByRole('button', { name: "Write ES-1's registration again" }).click();
  await page.getByTestId('rewrite-result').waitFor();
  assert.equal((await server('es-1-as-1')).registration.leadSystemId, fresh);
  await row(`${sim.info.url}/es-1-as-1`).getByText('Inherits from lead').waitFor();
});

test('the portal stops in the middle: what was typed stays, and the offline path is offered with the lead chosen', async () => {
  await openSiteServer(sim.info.url);
  await page.getByRole('button', { name: 'Modify online…' }).click();
  await page.getByTestId('site-work').getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Proceed' }).click();
  await page.locator('form.registration-form').waitFor();
  await portal.stop();
  await page.getByRole('button', { name: /^Save and write to all 4 servers$/ }).click();
  const offer = page.getByTestId('portal-offline-offer');
  await offer.getByText(/Cannot reach the Registration Portal/).waitFor();
  await shot('online-portal-stopped');
  await offer.getByRole('button', { name: 'Register offline instead' }).click();
  await page.getByRole('heading', { name: 'Offline registration' }).waitFor();
  assert.equal(await page.getByLabel('Server', { exact: true }).inputValue(), `register ${sim.info.url}`, 'the lead is chosen');
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});
