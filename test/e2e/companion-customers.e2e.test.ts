// A partner's customers on My systems, end to end (issue 13 item 8): a real portal process, a
// browser-mode companion in headless Chromium. Two customer organizations (End user accounts,
// administrators of their organizations) each register a system and report its servers, then add
// the partner by Partner ID: one leaves it read-only, the other grants Administrator and API device
// data. The partner logs on in the Portal screen; My systems shows its customers with their access
// in words; the read-only one shows its systems' status, country and masked servers and nothing
// more; the administrator one also its registrations, each opening System Information in full and
// editable in the Portal screen's registration form (a revocation during the edit said plainly,
// with what was typed kept); a revocation meanwhile is said plainly with what to do. Screenshots go
// to /tmp/screens.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { InventoryInput } from '../../shared/portal/inventory.js';
import { expectAccessibleInBothSchemes, layoutOverflows, waitForFocus } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { nextTotp, newAccount, PASSWORD, registrationForm, type TestAccount } from '../support/portal-accounts.js';
import { startCompanion, startPortal, tempDir, type Started } from '../support/processes.js';
import { inventoryServer } from '../support/inventory.js';

const SHOTS = process.env.E2E_SCREENS ?? '/tmp/screens';

let portal: Started<{ url: string }>;
let app: Started<{ url: string }>;
let browser: Browser;
let page: Page;
let partner: TestAccount;
/** Read-only: Quayside; Administrator and API device data: Lakeside. */
let quayside: TestAccount;
let lakeside: TestAccount;
let partnerId: string;
const consoleErrors: string[] = [];

const QUAYSIDE = 'Quayside Holdings';
const LAKESIDE = 'Lakeside Estates';
const quaysideSystem = `ES-QUAY-${process.pid}`;
const lakesideSystem = `ES-LAKE-${process.pid}`;
/** Reported addresses: none of them may reach the partner's window whole. */
const ADDRESSES = ['192.168.10.5', '2001:db8:85a3::8a2e:abcd:ef01', '10.20.30.40', '172.16.44.7'];

const server = inventoryServer;

async function customerWithSystem(name: string, systemId: string, siteName: string, servers: InventoryInput['servers']): Promise<TestAccount> {
  const account = await newAccount(portal.info.url, { kind: 'end-user', name: `${name} contact`, organization: name });
  await account.client.call('registerSystem', { params: { systemId }, body: registrationForm({ consent: true, siteName }) });
  await account.client.call('reportInventory', { params: { systemId }, body: { servers } });
  await account.client.call('addPartner', { body: { partnerId } });
  return account;
}

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [portal, app, browser] = await Promise.all([startPortal(tempDir('cust-e2e-portal'), [], { PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' }), startCompanion(tempDir('cust-e2e-companion')), launchChromium()]);
  partner = await newAccount(portal.info.url, { kind: 'partner', organization: 'Acme Building Controls' });
  partnerId = (await partner.client.call('me')).org!.partnerId!;
  quayside = await customerWithSystem(QUAYSIDE, quaysideSystem, 'Quayside Depot', [
    server(quaysideSystem, 'lead', 'ES-Quayside', ADDRESSES[0]!, 'SN-Q-LEAD'),
    server(`AS-QUAY-${process.pid}-1`, 'shadow', 'AS-Dock', ADDRESSES[1]!, 'SN-Q-AS1'),
    server(`AS-QUAY-${process.pid}-2`, 'shadow', 'AS-Gate', 'as2.quayside.example', 'SN-Q-AS2'),
  ]);
  lakeside = await customerWithSystem(LAKESIDE, lakesideSystem, 'Lakeside Campus', [
    server(lakesideSystem, 'lead', 'ES-Lakeside', ADDRESSES[2]!, 'SN-L-LEAD'),
    server(`AS-LAKE-${process.pid}-1`, 'shadow', 'AS-Boathouse', ADDRESSES[3]!, 'SN-L-AS1'),
  ]);
  await lakeside.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: true, api: true } });

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(app.info.url);
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), portal?.stop()]);
});

/** Screenshots at 1280x800 and 800x600, axe-core in both schemes at each, and nothing overflowing. */
async function look(name: string) {
  for (const size of [{ width: 1280, height: 800 }, { width: 800, height: 600 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SHOTS, `companion-customers-${name}-${size.width}x${size.height}.png`), fullPage: true });
    await expectAccessibleInBothSchemes(page, `${name} at ${size.width}x${size.height}`);
    assert.deepEqual(await layoutOverflows(page), [], `${name} at ${size.width}x${size.height}: nothing cut or past the window`);
    const sideways = await page.evaluate<string[]>(`[...document.querySelectorAll('.sys-section, .sidebar')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className + ': ' + e.scrollWidth + ' > ' + e.clientWidth)`);
    assert.deepEqual(sideways, [], `${name} at ${size.width}x${size.height}: nothing scrolls sideways`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
const row = (name: string) => page.getByTestId('customer-row').filter({ hasText: name });
const mainText = async () => (await page.locator('main').textContent()) ?? '';

test('the partner logs on; My systems shows its customers with the access each gave, in words', async () => {
  await page.getByRole('link', { name: 'Portal', exact: true }).click();
  await page.getByLabel('Portal address').fill(portal.info.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByLabel('E-mail address').fill(partner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log on' }).click();
  await page.getByTestId('mfa-asked').waitFor();
  const { code } = await nextTotp(partner.totpSecret!, Math.floor(Date.now() / 30_000));
  await page.getByLabel('Authenticator code').fill(code);
  await page.getByRole('button', { name: 'Log on' }).click();
  await page.getByTestId('account').waitFor();

  await page.getByRole('link', { name: 'My systems' }).click();
  await page.getByRole('heading', { level: 2, name: 'Customers' }).waitFor();
  await row(QUAYSIDE).waitFor();
  assert.equal(await page.getByTestId('customer-row').count(), 2);
  assert.equal(await row(QUAYSIDE).getByTestId('customer-access').textContent(), 'Read-only');
  assert.equal(await row(LAKESIDE).getByTestId('customer-access').textContent(), 'Administrator, API device data');
  // An organization made at sign-up has no address yet: its country is said to be not given, not left blank.
  assert.deepEqual(
    (await row(QUAYSIDE).locator('th, td').allInnerTexts()).map((c) => c.trim()).slice(0, 4),
    [QUAYSIDE, 'Not given', 'Read-only', '1'],
  );
});

test('read-only: each system\'s status, country, when reported and its servers with masked IP addresses, and nothing else', async () => {
  await row(QUAYSIDE).getByRole('button', { name: 'Show systems' }).click();
  await waitForFocus(page, `e.id === 'customer-systems-title'`);
  const panel = page.getByTestId('customer-systems');
  await panel.getByRole('heading', { name: `Systems of ${QUAYSIDE}` }).waitFor();
  await panel.getByTestId('shared-server-row').nth(2).waitFor();
  assert.match((await panel.getByTestId('customer-access-note').textContent()) ?? '', /^Read-only\. Read-only access: .*No System ID, site name, address or person is shared\./);
  assert.equal(await panel.getByTestId('shared-status').textContent(), 'Confirmed');
  assert.deepEqual(await panel.getByTestId('shared-ip').allTextContents(), ['*.*.10.5', '…:abcd:ef01', 'Not shared']);
  const rows = await panel.getByTestId('shared-server-row').allInnerTexts();
  assert.match(rows[0]!.replace(/\s+/g, ' '), /ES-Quayside Schneider Electric SXWSWESXXX10001 SN-Q-LEAD 6\.0\.4/);
  assert.equal(await panel.getByTestId('customer-registrations').count(), 0, 'no registrations for read-only access');
  await panel.getByTestId('shared-system').getByRole('heading', { name: /^Registration no\. \d+$/ }).waitFor();
  const text = await mainText();
  for (const secret of [quaysideSystem, 'Quayside Depot', ...ADDRESSES, 'sam.admin@harbour.example', quayside.email]) assert.ok(!text.includes(secret), `"${secret}" on the page`);
  assert.equal(await row(QUAYSIDE).getAttribute('aria-current'), 'true');
  assert.match((await row(QUAYSIDE).locator('th').textContent()) ?? '', /Shown below/, 'the chosen customer is said, not only marked');
  await look('read-only');

  // In French and German, the access is said in those languages too.
  await page.getByLabel('Language').selectOption('fr');
  await page.getByRole('heading', { level: 2, name: 'Clients' }).waitFor();
  assert.equal(await row(QUAYSIDE).getByTestId('customer-access').textContent(), 'Lecture seule');
  assert.equal(await row(LAKESIDE).getByTestId('customer-access').textContent(), 'Administrateur, Données des appareils par l’API');
  assert.match((await page.getByTestId('customer-access-note').textContent()) ?? '', /Accès en lecture seule\u00a0:/);
  await page.getByLabel('Langue').selectOption('de');
  assert.equal(await row(QUAYSIDE).getByTestId('customer-access').textContent(), 'Nur Lesen');
  await page.getByTestId('shared-ip').getByText('Nicht geteilt').waitFor();
  await page.getByLabel('Sprache').selectOption('en');
  await page.getByRole('heading', { level: 2, name: 'Customers' }).waitFor();
});

test('Administrator: the registrations by System ID and site name, each opening System Information in full', async () => {
  await row(LAKESIDE).getByRole('button', { name: 'Show systems' }).click();
  await waitForFocus(page, `e.id === 'customer-systems-title' && e.textContent.includes('${LAKESIDE}')`);
  const panel = page.getByTestId('customer-systems');
  await panel.getByTestId('customer-registration-row').first().waitFor();
  assert.match((await panel.getByTestId('customer-access-note').textContent()) ?? '', /^Administrator, API device data\. Administrator access: each registration opens in full/);
  assert.deepEqual(
    (await panel.getByTestId('customer-registration-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()),
    [`${lakesideSystem} Lakeside Campus Confirmed ${(await panel.getByTestId('customer-registration-row').locator('td').nth(3).textContent())!.trim()}`],
  );
  assert.deepEqual(await panel.getByTestId('shared-ip').allTextContents(), ['*.*.30.40', '*.*.44.7']);
  // With Administrator access the servers' system is named by its registration.
  await panel.getByTestId('shared-system').getByRole('heading', { name: `Lakeside Campus (System ID ${lakesideSystem})` }).waitFor();
  for (const secret of ADDRESSES) assert.ok(!(await mainText()).includes(secret), `${secret} on the page`);
  await look('administrator');

  // Opened from the keyboard: the full registration, with a sentence for what is left out.
  await panel.getByTestId('customer-registration-link').first().focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'System Information' }).waitFor();
  await waitForFocus(page, `e.id === 'system-info-title'`);
  assert.equal(new URL(page.url()).hash, `#customer/${(await lakeside.client.call('me')).org!.id}/system/${encodeURIComponent(lakesideSystem)}`);
  assert.equal(await page.getByTestId('info-system-id').textContent(), lakesideSystem);
  await page.getByTestId('info-installation').getByText('Lakeside Campus').waitFor();
  assert.match((await page.getByTestId('info-admin').textContent()) ?? '', /Sam Admin.*\+33/s);
  assert.match((await page.getByTestId('info-summary').textContent()) ?? '', new RegExp(`${LAKESIDE}.*Integrator, through the customer’s Administrator access`, 's'));
  assert.match((await page.getByTestId('info-owners').textContent()) ?? '', new RegExp(lakeside.email.replace(/[.+]/g, '\\$&')));
  assert.match((await page.getByTestId('info-left-out').textContent()) ?? '', /audit log.*integrator and end user only/s);
  assert.equal(await page.getByTestId('audit-row').count(), 0, 'no audit log');
  assert.equal(await page.getByTestId('compare-row').count(), 0, 'no site comparison');
  assert.equal(await page.getByTestId('customer-line').textContent(), `Customer: ${LAKESIDE}, through its Administrator access`);
  const levels = await page.locator('main h1, main h2, main h3').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  for (let i = 1; i < levels.length; i++) assert.ok(levels[i]! <= levels[i - 1]! + 1, `heading levels skip: ${levels.join(',')}`);
  await look('registration');

  // A reload stays on the customer's registration.
  await page.reload();
  await page.getByTestId('info-installation').getByText('Lakeside Campus').waitFor();

  // Back: the customer's systems again, focus on them.
  await page.getByRole('link', { name: 'Back to the customer’s systems' }).click();
  await page.getByRole('heading', { level: 1, name: 'My systems' }).waitFor();
  await waitForFocus(page, `e.id === 'customer-systems-title' || e.id === 'systems-title'`);
});

test('Administrator: the registration edited in the registration form, saved and shown; revoked during an edit, the refusal said with what was typed kept', async () => {
  await row(LAKESIDE).getByRole('button', { name: 'Show systems' }).click();
  await page.getByTestId('customer-registration-link').first().click();
  await page.getByTestId('info-installation').getByText('Lakeside Campus').waitFor();
  await page.getByRole('button', { name: 'Edit registration' }).click();
  const form = page.getByTestId('customer-registration-edit');
  await waitForFocus(page, `e.id === 'form-title'`);
  // The Portal screen's form, filled from the registration; what the end user holds is locked for the integrator, as there.
  assert.equal(await page.locator('#inst-siteName').inputValue(), 'Lakeside Campus');
  for (const id of ['#inst-siteName', '#admin-name', '#admin-email']) assert.equal(await page.locator(id).isDisabled(), true, `${id} locked`);
  await form.getByText(/installation and site administrator data are theirs to change now/).waitFor();
  assert.equal(await form.getByRole('button', { name: 'Saved' }).isDisabled(), true, 'nothing to save before a change');
  assert.equal(await page.getByTestId('edit-registration').count(), 0, 'no second edit while editing');

  await form.getByLabel('This system has a warranty to record').check();
  await page.locator('#warranty-start').fill('2025-04-01');
  await page.locator('#warranty-end').fill('2024-04-01');
  await page.locator('#warranty-reference').fill('WR-LAKE-1');
  await form.getByRole('button', { name: 'Save changes' }).click();
  // Refused at its field before anything is sent, as the Portal screen's form does.
  await waitForFocus(page, `e.id === 'warranty-end'`);
  assert.equal(await page.locator('#warranty-end-error').textContent(), 'The warranty cannot end before it starts.');
  assert.equal(await page.getByTestId('form-error').textContent(), 'Check the field marked.');
  await page.locator('#warranty-end').fill('2027-03-31');
  await look('edit');

  await form.getByRole('button', { name: 'Save changes' }).click();
  await waitForFocus(page, `e.id === 'system-info-title'`);
  assert.equal(await page.getByTestId('registration-saved').textContent(), 'Changes saved on the portal: revision 2.');
  assert.equal(await form.count(), 0, 'the form gives way to the registration as saved');
  await page.getByTestId('info-warranty').getByText('WR-LAKE-1').waitFor();
  assert.equal((await lakeside.client.call('getSystem', { params: { systemId: lakesideSystem } })).warranty?.reference, 'WR-LAKE-1', 'saved on the portal');
  await look('edit-saved');

  // Edited again, and the customer revokes the partner's access before the save.
  await page.getByRole('button', { name: 'Edit registration' }).click();
  assert.equal(await page.locator('#warranty-reference').inputValue(), 'WR-LAKE-1', 'filled from the registration as saved');
  await page.locator('#warranty-reference').fill('WR-LAKE-2');
  await lakeside.client.call('revokePartner', { params: { partnerId } });
  await form.getByRole('button', { name: 'Save changes' }).click();
  const refusal = page.getByTestId('form-error');
  await refusal.waitFor();
  await waitForFocus(page, `e.dataset.testid === 'form-error'`);
  assert.equal(
    await refusal.textContent(),
    'This customer has not given your organization access, or has revoked it. Nothing was saved, and what you typed is kept below. Ask the customer to give your organization Administrator access again, then save again.',
  );
  assert.equal(await page.locator('#warranty-reference').inputValue(), 'WR-LAKE-2', 'what was typed is kept');
  assert.equal((await lakeside.client.call('getSystem', { params: { systemId: lakesideSystem } })).warranty?.reference, 'WR-LAKE-1', 'nothing saved');
  await expectAccessibleInBothSchemes(page, 'edit refused');
  await page.getByLabel('Language').selectOption('fr');
  await refusal.getByText(/^Ce client n’a pas donné.*Rien n’a été enregistré, et ce que vous avez saisi est conservé ci-dessous\./).waitFor();
  assert.equal(await page.locator('#warranty-reference').inputValue(), 'WR-LAKE-2');
  await page.getByLabel('Langue').selectOption('en');
  await page.screenshot({ path: path.join(SHOTS, 'companion-customers-edit-refused-1280x800.png'), fullPage: true });

  // The customer gives Administrator access again; Cancel leaves the edit and reads the registration again.
  await lakeside.client.call('addPartner', { body: { partnerId } });
  await lakeside.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: true, api: true } });
  await form.getByRole('button', { name: 'Cancel' }).click();
  await waitForFocus(page, `e.dataset.testid === 'edit-registration'`);
  await page.getByTestId('info-warranty').getByText('WR-LAKE-1').waitFor();
  await page.getByRole('link', { name: 'Back to the customer’s systems' }).click();
  await page.getByRole('heading', { level: 1, name: 'My systems' }).waitFor();
  // Reloaded, as the next test expects: nothing of this customer is shown until it is chosen again.
  await page.reload();
  await row(LAKESIDE).waitFor();
});

test('access revoked meanwhile: the portal\'s refusal shown plainly, with what to do', async () => {
  // The page reloaded above: choose the customer again, then the customer takes Administrator back and revokes the link.
  await row(LAKESIDE).getByRole('button', { name: 'Show systems' }).click();
  await page.getByTestId('customer-registration-row').first().waitFor();
  await lakeside.client.call('revokePartner', { params: { partnerId } });

  await page.getByTestId('customer-registration-link').first().click();
  const refused = page.getByTestId('info-error');
  await refused.waitFor();
  assert.match(
    (await refused.textContent()) ?? '',
    /This customer has not given your organization access, or has revoked it\. Ask the customer to give your organization Administrator access again, then reload/,
  );
  assert.equal(await page.getByTestId('info-installation').count(), 0, 'nothing of the registration is shown');
  await expectAccessibleInBothSchemes(page, 'registration refused');

  await page.getByRole('link', { name: 'Back to the customer’s systems' }).click();
  await page.getByRole('heading', { level: 1, name: 'My systems' }).waitFor();
  // Reloaded, the list has only the customer still linked, and the revoked one's systems give way to the refusal.
  await page.getByTestId('customer-systems').getByRole('heading', { name: `Systems of ${LAKESIDE}` }).waitFor();
  await page.getByRole('button', { name: 'Reload customers' }).click();
  await page.getByTestId('customer-row').filter({ hasText: LAKESIDE }).waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('customer-row').count(), 1, 'only the read-only customer is left');
  await page.getByTestId('customer-systems-error').getByText(/has revoked it/).waitFor();
  assert.equal(await page.getByTestId('customer-registration-row').count(), 0, 'the revoked customer\'s registrations are gone');
  assert.equal(await page.getByTestId('shared-server-row').count(), 0, 'and its servers');
  // The one still linked: its systems shown; the revoked one asked for through its panel's Try again.
  await row(QUAYSIDE).getByRole('button', { name: 'Show systems' }).click();
  await page.getByTestId('shared-server-row').first().waitFor();
  await quayside.client.call('revokePartner', { params: { partnerId } });
  await page.getByTestId('customer-systems').getByRole('heading', { name: `Systems of ${QUAYSIDE}` }).waitFor();
  await row(QUAYSIDE).getByRole('button', { name: 'Show systems' }).click();
  const error = page.getByTestId('customer-systems-error');
  await error.waitFor();
  await waitForFocus(page, `e.dataset.testid === 'customer-systems-error'`);
  assert.match((await error.textContent()) ?? '', /This customer has not given your organization access, or has revoked it\. The customer may have revoked your organization’s access meanwhile: ask the customer to give it again\./);
  assert.equal(await page.getByTestId('shared-server-row').count(), 0, 'what was shown before is gone');
  await page.getByTestId('customers-empty').waitFor();
  await look('revoked');
  assert.deepEqual(consoleErrors, []);
});
