// Systems, customers' registrations and API keys in the portal's own web app (portal/web/), in
// headless Chromium against a real portal process that mails through a real SMTP server on
// loopback. The people, organizations, access grants and systems are made through the portal's
// API, as the companion and the other pages make them: a partner organization (an administrator
// and a member, MFA enrolled), and a customer (End user) that adds the partner and registers a
// system of its own. The partner's Systems page is searched and paged; a system registered and
// re-associated through the API (a System ID with /, ?, &, #, + and % in it) shows its fields,
// servers, System ID history and a paged audit log on its details page, also loaded from its
// address; an unknown System ID is refused plainly. With Administrator access the partner lists
// the customer's registrations, opens one, edits its warranty (a wrong date refused next to the
// field by the shared schema), saves, and the API reads the change back; access taken back
// meanwhile refuses the next save with the typed values still on screen. An API key is made (shown
// once, then only its prefix), read /api/v1/device-data with a plain fetch, is revoked after a
// confirmation and then refused; a member's new key is refused by the portal, and the page says
// so. axe-core on every new state in both colour schemes; screenshots at 1280x800 and 800x600 in
// /tmp/screens/portal-web-systems-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitForFocus } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { inventoryServer } from '../support/inventory.js';
import { newAccount, nextTotp, PASSWORD, registrationForm, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { organizationOf } from '../support/portal-db.js';
import { linkIn, smtpMailbox, type Mailbox } from '../support/portal-mail.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { startSmtp } from '../support/smtp.js';
import { checkPage, goToPage } from '../support/portal-web.js';

const SCREENS = '/tmp/screens';
const PARTNER_ORG = 'Acme, Inc.';
const CUSTOMER_ORG = 'Harbour Holdings';

let portal: Started<{ url: string; dataDir: string }>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailbox: Mailbox;
let browser: Browser;
let partnerContext: BrowserContext;
/** The partner organization's administrator, and its member: a browser context each. */
let partnerPage: Page;
let memberPage: Page;
const consoleErrors: string[] = [];

let ada: TestAccount;
let cole: TestAccount;
let cora: TestAccount;
let customerId = 0;
let partnerId = '';

/** The partner's systems: many plain ones, for the pages and the search. */
const BULK = 30;
const bulkId = (i: number) => `DEPOT-${process.pid}-${String(i).padStart(2, '0')}`;
/** A system registered under one System ID and then re-associated (a database wipe) with another: each with characters an address must encode. */
const OLD_ID = `ES Harbour/old ${process.pid}`;
const SYSTEM_ID = `ES Harbour/Ω?id=${process.pid}&x=2#3 +%20`;
/** Changes made through the API, each an audit entry: more than one page of the audit log. */
const CHANGES = 55;
const CUSTOMER_SYSTEM = `ES-${process.pid}-Customer`;

before(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  smtp = await startSmtp();
  mailbox = smtpMailbox(smtp.received);
  [portal, browser] = await Promise.all([startPortal(tempDir('portal-web-systems'), [], { PORTAL_SMTP_URL: smtp.url }), launchChromium()]);
  partnerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await partnerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.info.url });
  partnerPage = await partnerContext.newPage();
  memberPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  for (const page of [partnerPage, memberPage]) page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

  // The people, through the API: sign-up, the mail's link, MFA enrolment for the partner's.
  const url = portal.info.url;
  [ada, cora] = await Promise.all([
    newAccount(url, { kind: 'partner', name: 'Ada Acme', organization: PARTNER_ORG }, { mailbox }),
    newAccount(url, { kind: 'end-user', name: 'Cora Customer', organization: CUSTOMER_ORG }, { mailbox }),
  ]);
  // Cole joins Acme through the invitation's link, as a member.
  const coleEmail = uniqueEmail('systems-member');
  await ada.client.call('inviteCoworker', { body: { email: coleEmail } });
  const mail = await mailbox(coleEmail, (m) => /\/invitations\/accept\?token=/.test(m.text));
  const token = new URL(linkIn(mail, '/invitations/accept')).searchParams.get('token')!;
  cole = await newAccount(url, { kind: 'partner', email: coleEmail, name: 'Cole Worker', invitation: token }, { mailbox });

  // The customer adds the partner by its Partner ID, gives it Administrator and API access, and registers a system of its own.
  partnerId = organizationOf(portal.info.dataDir, ada.email).partnerId!;
  customerId = organizationOf(portal.info.dataDir, cora.email).id;
  await cora.client.call('addPartner', { body: { partnerId } });
  await cora.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: true, api: true } });
  await cora.client.call('registerSystem', { params: { systemId: CUSTOMER_SYSTEM }, body: registrationForm({ siteName: 'Harbour Depot', consent: true }) });
  await cora.client.call('reportInventory', { params: { systemId: CUSTOMER_SYSTEM }, body: { servers: [inventoryServer(CUSTOMER_SYSTEM, 'lead', 'ES-Depot', '10.20.30.40', 'SN-DEPOT-1')] } });

  // The partner's systems, as the companion registers them.
  for (let i = 0; i < BULK; i++) await ada.client.call('registerSystem', { params: { systemId: bulkId(i) }, body: registrationForm({ siteName: `Depot ${String(i).padStart(2, '0')}` }) });
  await ada.client.call('registerSystem', { params: { systemId: OLD_ID }, body: registrationForm({ siteName: 'Harbour Tower' }) });
  await ada.client.call('associateSystemId', { params: { systemId: OLD_ID }, body: { newSystemId: SYSTEM_ID } });
  await ada.client.call('reportInventory', {
    params: { systemId: SYSTEM_ID },
    body: {
      servers: [
        inventoryServer(SYSTEM_ID, 'lead', 'ES-Harbour', '192.168.10.5', 'SN-LEAD-1'),
        inventoryServer(`AS-${process.pid}-North`, 'shadow', 'AS-North', '2001:db8:85a3::8a2e:abcd:ef01', 'SN-AS-1'),
        inventoryServer(`AS-${process.pid}-West`, 'shadow', 'AS-West', 'as-west.harbour.example', 'SN-AS-2'),
      ],
    },
  });
  for (let i = 1; i <= CHANGES; i++) {
    const form = registrationForm({ siteName: 'Harbour Tower' });
    await ada.client.call('registerSystem', { params: { systemId: SYSTEM_ID }, body: { installation: { ...form.installation, systemTransition: `Change ${i}` } } });
  }
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  await smtp?.close();
});

const check = (page: Page, name: string) => checkPage(page, 'portal-web-systems', name);

/** Log on from the page with the password, then the authenticator's code; lands on General. */
async function logOn(page: Page, account: TestAccount) {
  await page.goto(`${portal.info.url}/log-on`);
  await page.getByRole('heading', { level: 1, name: 'Log on' }).waitFor();
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log on', exact: true }).click();
  await page.getByLabel('Authenticator code').fill((await nextTotp(account.totpSecret!)).code);
  await page.getByRole('button', { name: 'Log on', exact: true }).click();
  await page.waitForURL(/\/organization$/);
  await page.getByRole('heading', { level: 1, name: 'General' }).waitFor();
}

const systemIds = async (page: Page) => (await page.getByTestId('system-link').allInnerTexts()).map((s) => s.trim());
const range = (page: Page, testId: string) => page.getByTestId(`${testId}-range`).innerText();

test('the Systems page lists the account’s systems a page at a time, searches them, and says when nothing matches', async () => {
  const page = partnerPage;
  await logOn(page, ada);
  await goToPage(page, 'Systems', 'Systems');
  const total = BULK + 1;
  await page.getByTestId('systems-total').getByText(`${total} systems`).waitFor();
  assert.equal(await page.getByTestId('system-row').count(), 25, 'a page of 25');
  assert.equal(await range(page, 'systems-pager'), `1–25 of ${total}`);
  await check(page, 'systems');

  // The last page: Next goes out of use and focus moves to Previous.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByTestId('systems-pager-range').getByText(`26–${total} of ${total}`).waitFor();
  assert.equal(await page.getByTestId('system-row').count(), total - 25);
  await waitForFocus(page, "e.textContent === 'Previous'");
  assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);

  // Sorted by System ID, A to Z: the depots in order, on one page of 50.
  await page.getByRole('navigation', { name: 'Pages of systems' }).getByLabel('Per page').selectOption('50');
  await page.getByTestId('systems-pager-range').getByText(`1–${total} of ${total}`).waitFor();
  await page.getByTestId('sort-systemId').click();
  await page.locator('th[aria-sort="ascending"]').getByText('System ID').waitFor();
  await page.waitForLoadState('networkidle');
  const sorted = await systemIds(page);
  assert.deepEqual(sorted.slice(0, BULK), Array.from({ length: BULK }, (_, i) => bulkId(i)));

  // Searched as the person types: the site name, then a System ID's part.
  await page.getByLabel('Search').fill('harbour tower');
  await page.getByTestId('systems-total').getByText('1 system matches “harbour tower”').waitFor();
  assert.deepEqual(await systemIds(page), [SYSTEM_ID]);
  await page.getByLabel('Search').fill(`DEPOT-${process.pid}-1`);
  await page.getByTestId('systems-total').getByText(`10 systems match “DEPOT-${process.pid}-1”`).waitFor();
  await check(page, 'systems-search');
  await page.getByLabel('Search').fill('no such site anywhere');
  await page.getByTestId('systems-no-match').getByText('No system matches “no such site anywhere”.').waitFor();
  await check(page, 'systems-no-match');
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await page.getByTestId('systems-total').getByText(`${total} systems`).waitFor();
  assert.equal(await page.getByLabel('Search').inputValue(), '');
});

test('a system’s details page shows its fields, servers, System ID history and a paged audit log, also from its address', async () => {
  const page = partnerPage;
  await page.getByLabel('Search').fill('Harbour Tower');
  await page.getByTestId('systems-total').getByText('1 system matches “Harbour Tower”').waitFor();
  // Keyboard only: the System ID's link, then Enter.
  await page.getByTestId('system-link').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'System details' }).waitFor();
  await waitForFocus(page, "e.tagName === 'H1'");
  assert.equal(new URL(page.url()).pathname, '/systems/system');
  assert.equal(new URL(page.url()).searchParams.get('id'), SYSTEM_ID, 'the System ID, exactly, in the query');
  await details(page);
  await check(page, 'system-details');

  // The audit log has more than one page: the next page, and the pager says where it is.
  const entries = (await ada.client.call('systemInformation', { params: { systemId: SYSTEM_ID } })).audit.length;
  assert.ok(entries > 20, `${entries} audit entries`);
  const audit = page.getByTestId('info-audit');
  assert.equal(await audit.getByTestId('audit-row').count(), 20);
  assert.equal(await range(page, 'audit-pager'), `1–20 of ${entries}`);
  await page.getByRole('navigation', { name: 'Pages of the audit log' }).getByRole('button', { name: 'Next' }).click();
  const secondEnd = Math.min(40, entries);
  await page.getByTestId('audit-pager-range').getByText(`21–${secondEnd} of ${entries}`).waitFor();
  assert.equal(await audit.getByTestId('audit-row').count(), secondEnd - 20);
  await check(page, 'system-details-audit-page-2');

  // The address alone opens it (a bookmark, a reload), in French too.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'System details' }).waitFor();
  await details(page);
  await page.getByTestId('language-switch').selectOption('fr');
  await page.getByRole('heading', { level: 1, name: 'Détails du système' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Historique des ID système' }).waitFor();
  await check(page, 'system-details-fr');
  await page.getByTestId('language-switch').selectOption('de');
  await page.getByRole('heading', { level: 1, name: 'Systemdetails' }).waitFor();
  await check(page, 'system-details-de');
  await page.getByTestId('language-switch').selectOption('en');

  // Back to the list: the search is where it was.
  await page.getByRole('link', { name: 'Back to Systems' }).click();
  await page.getByRole('heading', { level: 1, name: 'Systems' }).waitFor();
  await page.getByTestId('systems-total').getByText('1 system matches “Harbour Tower”').waitFor();
});

/** What the details page of SYSTEM_ID shows: its System ID, fields, servers and history. */
async function details(page: Page) {
  assert.equal(await page.getByTestId('system-id').innerText(), SYSTEM_ID);
  const installation = page.getByTestId('info-installation');
  await installation.getByText('Harbour Tower', { exact: true }).waitFor();
  await installation.getByText('1 Quay Street').waitFor();
  await installation.getByText(`Change ${CHANGES}`, { exact: true }).waitFor();
  await page.getByTestId('info-admin').getByText('Sam Admin').waitFor();
  await page.getByTestId('info-owners').getByText('Ada Acme', { exact: false }).first().waitFor();
  const servers = await Promise.all((await page.getByTestId('inventory-row').all()).map(async (row) => (await row.locator('th, td').allInnerTexts()).map((s) => s.trim().replace(/\s+/g, ' '))));
  assert.deepEqual(
    servers.map((s) => [s[0], s[1], s[2], s[3], s[4]]),
    [
      ['ES-Harbour Enterprise Server · Lead', 'Schneider Electric SXWSWESXXX10001', 'SN-LEAD-1', '6.0.4', '192.168.10.5'],
      ['AS-North Automation server · Shadow', 'Schneider Electric SXWAUTSVR10001', 'SN-AS-1', '6.0.4', '2001:db8:85a3::8a2e:abcd:ef01'],
      ['AS-West Automation server · Shadow', 'Schneider Electric SXWAUTSVR10001', 'SN-AS-2', '6.0.4', 'as-west.harbour.example'],
    ],
  );
  const history = await Promise.all((await page.getByTestId('history-row').all()).map(async (row) => (await row.locator('td').allInnerTexts()).map((s) => s.trim())));
  assert.deepEqual(
    history.map((h) => h[0]),
    [OLD_ID, SYSTEM_ID],
  );
  assert.match(history[0]![2]!, /database wiped, new System ID associated/);
  assert.equal(history[1]![2], 'Current');
}

test('an unknown System ID, or none, is refused plainly, with the way back to the list', async () => {
  const page = partnerPage;
  // System IDs are case-sensitive: the same letters in lower case are another System ID.
  const wrongCase = SYSTEM_ID.toLowerCase();
  await page.goto(`${portal.info.url}/systems/system?${new URLSearchParams({ id: wrongCase })}`);
  await page.getByRole('heading', { level: 1, name: 'System details' }).waitFor();
  const refusal = page.getByTestId('system-refusal');
  await refusal.getByText(`The portal has no system with the System ID “${wrongCase}” that your account may see. System IDs are case-sensitive`, { exact: false }).waitFor();
  assert.equal(await page.getByTestId('info-installation').count(), 0);
  await check(page, 'system-unknown');
  // Another account's system: the portal's own sentence.
  await page.goto(`${portal.info.url}/systems/system?${new URLSearchParams({ id: CUSTOMER_SYSTEM })}`);
  await refusal.getByText('Only the system’s integrator and end user see its details.', { exact: false }).waitFor();

  await page.goto(`${portal.info.url}/systems/system`);
  await refusal.getByText('This address names no system: its System ID is missing.', { exact: false }).waitFor();
  await refusal.getByRole('link', { name: 'Go to the list of your systems' }).click();
  await page.getByRole('heading', { level: 1, name: 'Systems' }).waitFor();
  await waitForFocus(page, "e.tagName === 'H1'");
});

test('with Administrator access the partner lists the customer’s registrations, opens one, edits it (a wrong date refused at its field), and the API reads the change back', async () => {
  const page = partnerPage;
  await goToPage(page, 'Customers', 'Customers');
  const row = page.getByTestId('customer');
  await row.getByTestId('customer-access').getByText('Read-only, Administrator, API device data').waitFor();
  await page.getByRole('button', { name: `Registrations: ${CUSTOMER_ORG}` }).click();
  const panel = page.getByTestId('customer-registrations');
  await panel.getByRole('heading', { level: 2, name: `Registrations of ${CUSTOMER_ORG}` }).waitFor();
  await waitForFocus(page, "e.id === 'customer-registrations-title'");
  await panel.getByTestId('registration').first().waitFor();
  const rows = await Promise.all((await panel.getByTestId('registration').all()).map(async (r) => (await r.locator('th, td').allInnerTexts()).map((s) => s.trim())));
  assert.deepEqual(
    rows.map((r) => r.slice(0, 3)),
    [[CUSTOMER_SYSTEM, 'Harbour Depot', 'Confirmed']],
  );
  await check(page, 'customer-registrations');

  await panel.getByRole('link', { name: CUSTOMER_SYSTEM }).click();
  await page.getByRole('heading', { level: 1, name: 'Customer registration' }).waitFor();
  await waitForFocus(page, "e.tagName === 'H1'");
  const query = new URL(page.url()).searchParams;
  assert.deepEqual([query.get('customer'), query.get('id')], [String(customerId), CUSTOMER_SYSTEM]);
  await page.getByTestId('customer-line').getByText(`Customer: ${CUSTOMER_ORG}, through its Administrator access`).waitFor();
  await page.getByTestId('info-installation').getByText('Harbour Depot', { exact: true }).waitFor();
  await page.getByTestId('info-warranty').getByText('No warranty is recorded for this system.').waitFor();
  await check(page, 'customer-registration');

  await page.getByRole('button', { name: 'Edit registration' }).click();
  await waitForFocus(page, "e.id === 'form-title'");
  // The end user holds the installation and site administrator now: locked for the integrator, as in the companion.
  assert.equal(await page.locator('#inst-siteName').isDisabled(), true);
  await page.getByLabel('This system has a warranty to record').check();
  await page.getByLabel('Start date').fill('2027-01-01');
  await page.getByLabel('End date').fill('2026-01-01');
  await page.getByLabel('Reference').fill('W-ACME-1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#warranty-end-error').getByText('The warranty cannot end before it starts.').waitFor();
  await waitForFocus(page, "e.id === 'warranty-end'");
  await check(page, 'customer-registration-invalid');

  await page.getByLabel('End date').fill('2029-12-31');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByTestId('registration-saved').getByText('Saved on the portal: the registration is at revision 2.').waitFor();
  await waitForFocus(page, "e.dataset.testid === 'registration-saved'");
  const warranty = page.getByTestId('info-warranty');
  await warranty.getByText('W-ACME-1').waitFor();
  await check(page, 'customer-registration-saved');
  const read = await ada.client.call('customerSystem', { params: { customerId: String(customerId), systemId: CUSTOMER_SYSTEM } });
  assert.deepEqual(read.warranty, { startDate: '2027-01-01', endDate: '2029-12-31', reference: 'W-ACME-1', notes: '' });
  assert.equal((await cora.client.call('getSystem', { params: { systemId: CUSTOMER_SYSTEM } })).warranty?.reference, 'W-ACME-1', 'the customer reads it too');
});

test('Administrator access taken back while the partner edits: the save is refused plainly, and what was typed stays on screen', async () => {
  const page = partnerPage;
  await page.getByRole('button', { name: 'Edit registration' }).click();
  await page.getByLabel('Reference').fill('W-ACME-2 typed before the refusal');
  await page.getByLabel('Warranty notes').fill('Extended after the 2029 audit.');
  await cora.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: false, api: true } });
  await page.getByRole('button', { name: 'Save changes' }).click();
  const refusal = page.getByTestId('form-error');
  await refusal.getByText('Not saved. This customer gave your organization read-only access.', { exact: false }).waitFor();
  await refusal.getByText('What you typed is still in the form', { exact: false }).waitFor();
  await waitForFocus(page, "e.dataset.testid === 'form-error'");
  assert.equal(await page.getByLabel('Reference').inputValue(), 'W-ACME-2 typed before the refusal');
  assert.equal(await page.getByLabel('Warranty notes').inputValue(), 'Extended after the 2029 audit.');
  await check(page, 'customer-registration-revoked');
  // Nothing was saved.
  assert.equal((await cora.client.call('getSystem', { params: { systemId: CUSTOMER_SYSTEM } })).warranty?.reference, 'W-ACME-1');

  // Back on Customers: without Administrator access, no registrations are offered.
  await page.getByRole('link', { name: 'Back to Customers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await page.getByTestId('customer-access').getByText('Read-only, API device data', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: `Registrations: ${CUSTOMER_ORG}` }).count(), 0);
});

test('an API key is shown once, reads the device data, and once revoked after a confirmation is refused', async () => {
  const page = partnerPage;
  await page.getByRole('button', { name: `API keys: ${CUSTOMER_ORG}` }).click();
  const panel = page.getByTestId('api-keys');
  await panel.getByRole('heading', { level: 2, name: `API keys for ${CUSTOMER_ORG}` }).waitFor();
  await waitForFocus(page, "e.id === 'api-keys-title'");
  await panel.getByText('No API key yet.').waitFor();
  assert.equal(await panel.getByTestId('api-usage').innerText(), `curl -H "Authorization: Bearer bmsk_..." ${portal.info.url}/api/v1/device-data`);
  await check(page, 'api-keys-none');

  await panel.getByRole('button', { name: 'Create an API key' }).click();
  const made = panel.getByTestId('new-api-key');
  await made.getByRole('heading', { name: 'Your new API key' }).waitFor();
  await waitForFocus(page, "e.id === 'new-api-key-title'");
  await made.getByText('Copy the key now: it will not be shown again.', { exact: false }).waitFor();
  const key = await made.getByLabel('API key').inputValue();
  assert.match(key, /^bmsk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  await made.getByRole('button', { name: 'Copy' }).click();
  await made.getByTestId('copy-outcome').getByText('The key is copied to the clipboard.').waitFor();
  assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), key, 'the key on the clipboard');
  await check(page, 'api-key-new');

  // Used as a program would: a plain fetch with the key, no session.
  const answer = await fetch(`${portal.info.url}/api/v1/device-data`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(answer.status, 200);
  const data = (await answer.json()) as { customerId: number; systems: unknown[] };
  assert.equal(data.customerId, customerId);
  assert.equal(data.systems.length, 1);

  // Done: the key leaves the page for good; the list shows its prefix only.
  await made.getByRole('button', { name: 'I have copied it' }).click();
  await waitForFocus(page, "e.dataset.testid === 'create-api-key'");
  assert.equal(await made.count(), 0);
  const prefix = key.split('_').slice(0, 2).join('_');
  const listed = panel.getByTestId('api-key');
  await listed.getByRole('rowheader', { name: prefix }).waitFor();
  assert.ok(!(await page.content()).includes(key), 'the key is nowhere in the page any more');
  // Shown again (the panel reloads): its last use is recorded.
  await page.getByRole('button', { name: `API keys: ${CUSTOMER_ORG}` }).click();
  await panel.getByTestId('api-key').first().waitFor();
  assert.notEqual(await listed.getByTestId('api-key-last-used').innerText(), 'Never');
  assert.equal(await listed.getByTestId('api-key-state').innerText(), 'Active');
  await check(page, 'api-keys');

  // Revoked after a confirmation, then refused on its next use.
  await listed.getByRole('button', { name: `Revoke: ${prefix}` }).click();
  const dialog = page.getByTestId('revoke-key-dialog');
  await dialog.getByRole('heading', { name: `Revoke the API key ${prefix}?` }).waitFor();
  await check(page, 'api-key-revoke-confirm');
  await dialog.getByRole('button', { name: 'Revoke key' }).click();
  await panel.getByTestId('api-keys-note').getByText(`The API key ${prefix} was revoked: it no longer works.`).waitFor();
  await listed.getByTestId('api-key-state').getByText(/^Revoked /).waitFor();
  assert.equal(await listed.getByRole('button', { name: `Revoke: ${prefix}` }).count(), 0);
  await check(page, 'api-key-revoked');
  const refused = await fetch(`${portal.info.url}/api/v1/device-data`, { headers: { authorization: `Bearer ${key}` } });
  assert.ok([401, 403].includes(refused.status), `refused: ${refused.status}`);
});

test('a member of the partner organization asking for a key gets the portal’s refusal, said in the page', async () => {
  const page = memberPage;
  await logOn(page, cole);
  await goToPage(page, 'Customers', 'Customers');
  await page.getByRole('button', { name: `API keys: ${CUSTOMER_ORG}` }).click();
  const panel = page.getByTestId('api-keys');
  await panel.getByRole('heading', { level: 2, name: `API keys for ${CUSTOMER_ORG}` }).waitFor();
  // The administrator's revoked key is listed: the member sees the organization's keys.
  await panel.getByTestId('api-key').first().waitFor();
  await panel.getByRole('button', { name: 'Create an API key' }).click();
  await panel.getByTestId('api-keys-error').getByText('Only an administrator of your partner organization can do this.', { exact: false }).waitFor();
  assert.equal(await panel.getByTestId('new-api-key').count(), 0);
  await check(page, 'api-key-member-refused');

  assert.deepEqual(
    consoleErrors.filter((e) => !/status of 40[0-9]/.test(e)),
    [],
  );
});
