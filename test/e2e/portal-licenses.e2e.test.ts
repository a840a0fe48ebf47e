// Manage subscriptions in the portal's web app (portal/web/src/pages/LicensesPage.tsx), in headless
// Chromium against a real portal process: a partner with a customer link logs on with its
// authenticator code, picks the customer, redeems two license keys a portal administrator made
// (the second stacks after the first, and the page says so), and the timeline shows both back to
// back; a mistyped key is refused on the page naming its group; a voucher adds credits. axe-core
// finds nothing in either colour scheme, and screenshots at 1280x800 and 800x600 go to /tmp/screens/.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { addDays, addMonths } from '../../shared/portal/licenses.js';
import { expectAccessibleInBothSchemes, layoutOverflows } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { PASSWORD, newAccount, nextTotp, type TestAccount } from '../support/portal-accounts.js';
import { ROOT, startPortal, tempDir, type Started } from '../support/processes.js';

const SCREENS = '/tmp/screens';
let portal: Started<{ url: string; dataDir: string }>;
let browser: Browser;
let page: Page;
let admin: TestAccount;
let partner: TestAccount;
let customer: TestAccount;
const CUSTOMER = `Harbour Holdings ${process.pid}`;
const consoleErrors: string[] = [];

const today = () => new Date().toISOString().slice(0, 10);
/** A day as the page shows it in English: the medium date style, in UTC. */
const shown = (day: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

before(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  [portal, browser] = await Promise.all([startPortal(tempDir('portal-licenses-web'), [], { PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' }), launchChromium()]);
  const url = portal.info.url;
  [admin, partner, customer] = await Promise.all([
    newAccount(url, { kind: 'partner', organization: `License Desk ${process.pid}` }),
    newAccount(url, { kind: 'partner', name: 'Pat Partner', organization: `Acme Integration ${process.pid}` }),
    newAccount(url, { kind: 'end-user', organization: CUSTOMER }),
  ]);
  await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['portal/cli.ts', 'admin', 'grant', admin.email, '--data-dir', portal.info.dataDir], { cwd: ROOT });
  const db = new Database(path.join(portal.info.dataDir, 'portal.sqlite'));
  const partnerId = db.prepare('SELECT o.partner_id FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.email = ?').pluck().get(partner.email) as string;
  db.close();
  await customer.client.call('addPartner', { body: { partnerId } });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

/** Screenshots at 1280x800 and 800x600, nothing wider than the window; axe-core in both schemes. */
async function check(name: string) {
  await expectAccessibleInBothSchemes(page, `portal web: ${name}`);
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SCREENS}/portal-licenses-${name}-${width}x${height}.png`, fullPage: true });
    assert.deepEqual(await layoutOverflows(page), [], `${name} at ${width}x${height}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a partner with a customer link redeems two licenses on Manage subscriptions, and the timeline shows both back to back', async () => {
  const keys = (await admin.client.call('createLicenses', { body: { months: 12, count: 1 } })).keys.concat((await admin.client.call('createLicenses', { body: { months: 6, count: 1 } })).keys);
  await page.goto(`${portal.info.url}/log-on`);
  await page.locator('#logon-email').fill(partner.email);
  await page.locator('#logon-password').fill(PASSWORD);
  await page.locator('#logon-password').press('Enter');
  await page.locator('#logon-mfa').fill((await nextTotp(partner.totpSecret!)).code);
  await page.locator('#logon-mfa').press('Enter');
  await page.getByRole('heading', { level: 1, name: 'General' }).waitFor();

  await page.getByRole('link', { name: 'Licenses' }).click();
  await page.getByRole('heading', { level: 1, name: 'Licenses and subscriptions' }).waitFor();
  await page.getByRole('heading', { name: 'Manage subscriptions' }).waitFor();
  const select = page.getByLabel('Customer');
  await page.waitForFunction("document.querySelector('#license-customer')?.value !== ''");
  assert.equal(await select.locator('option:checked').innerText(), CUSTOMER, 'the only customer is chosen');
  await page.getByText('No subscription yet').waitFor();
  assert.equal(await page.getByLabel('Start date').inputValue(), today(), 'today by default');
  await check('empty');

  // A one-character typo is refused on the page, naming its group, before anything is sent.
  const typo = keys[0]!.slice(0, 14) + (keys[0]![14] === '7' ? '8' : '7') + keys[0]!.slice(15);
  await page.getByLabel('License key').fill(typo);
  await page.getByRole('button', { name: 'Redeem', exact: true }).click();
  await page.getByText('Group 3 of the license key is mistyped: compare it with the original.').waitFor();
  await check('typo');

  const start = today();
  await page.getByLabel('License key').fill(keys[0]!);
  await page.getByRole('button', { name: 'Redeem', exact: true }).click();
  await page.getByTestId('redeemed').getByText(`License redeemed: 12 months, from ${start} to ${addDays(addMonths(start, 12), -1)}.`).waitFor();
  // The second, also from today: it starts when the first ends, and the page says so.
  await page.getByLabel('License key').fill(keys[1]!.toLowerCase());
  await page.getByRole('button', { name: 'Redeem', exact: true }).click();
  await page.getByTestId('redeemed').getByText(`It starts when the current subscription ends, on ${addMonths(start, 12)}`).waitFor();

  const rows = page.getByTestId('timeline').getByTestId('period');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  const cells = async (i: number) => (await rows.nth(i).locator('th, td').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(await cells(0), [shown(start), shown(addDays(addMonths(start, 12), -1)), '12', `License …${keys[0]!.slice(-6)}`, 'Active today']);
  assert.deepEqual(await cells(1), [shown(addMonths(start, 12)), shown(addDays(addMonths(addMonths(start, 12), 6), -1)), '6', `License …${keys[1]!.slice(-6)}`, 'Upcoming']);
  await page.getByTestId('timeline-summary').getByText(`Active today. The subscription runs until ${shown(addDays(addMonths(addMonths(start, 12), 6), -1))}.`).waitFor();
  await check('timeline');

  // The same key again: refused, and the timeline stays as it was.
  await page.getByLabel('License key').fill(keys[0]!);
  await page.getByRole('button', { name: 'Redeem', exact: true }).click();
  await page.getByText(/This license key was already redeemed/).first().waitFor();
  assert.equal(await rows.count(), 2);
});

test('a voucher adds credits, shown in the balance and the history', async () => {
  const [code] = (await admin.client.call('createVouchers', { body: { credits: 25, count: 1 } })).codes;
  await page.getByLabel('Voucher code').fill(code!);
  await page.getByRole('button', { name: 'Redeem voucher' }).click();
  await page.getByTestId('credits-note').getByText('25 credits added. Your balance is 25 credits.').waitFor();
  await page.getByTestId('credit-balance').getByText('25 credits').waitFor();
  await page.getByTestId('credit-history').getByText(`Voucher …${code!.slice(-6)}`).waitFor();
  await check('credits');
  // In French, the page and the portal's sentences.
  await page.getByTestId('language-switch').selectOption('fr');
  await page.getByRole('heading', { level: 1, name: 'Licences et abonnements' }).waitFor();
  await page.getByTestId('credits-note').getByText('25 crédits ajoutés. Votre solde est de 25 crédits.').waitFor();
  await check('credits-fr');
  await page.getByTestId('language-switch').selectOption('en');
  assert.deepEqual(
    consoleErrors.filter((e) => !/status of 40[0-9]/.test(e)),
    [],
  );
});

test("the customer's own people see the same timeline on their Licenses page", async () => {
  const own = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await own.goto(`${portal.info.url}/log-on`);
  await own.locator('#logon-email').fill(customer.email);
  await own.locator('#logon-password').fill(PASSWORD);
  await own.locator('#logon-password').press('Enter');
  await own.getByRole('heading', { level: 1, name: 'General' }).waitFor();
  await own.getByRole('link', { name: 'Licenses' }).click();
  await own.getByRole('heading', { level: 1, name: 'Licenses and subscriptions' }).waitFor();
  await own.getByRole('heading', { name: 'Redeem a license' }).waitFor();
  const rows = own.getByTestId('timeline').getByTestId('period');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.equal(await own.getByLabel('Customer').count(), 0, 'no customer to choose: its own organization');
  await expectAccessibleInBothSchemes(own, 'portal web: licenses (customer)');
  await own.screenshot({ path: `${SCREENS}/portal-licenses-customer-1280x800.png`, fullPage: true });
  await own.context().close();
});
