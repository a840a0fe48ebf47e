// Partner organizations in the portal's web app (docs/partners.md), in headless Chromium against a
// real portal process that mails through a real SMTP server on loopback: a partner organization
// signs up from the page as "Acme, Inc." (ACME_INC proposed), verifies its address through the
// mail's link and logs on with MFA enrolment; it invites a co-worker from the Co-workers page, who
// follows the mail's link in another browser, signs up, logs on with MFA and sees both people on
// General; a customer (End user, signed up from the page) adds the partner by Partner ID on its
// Partners page, registers a system and reports its inventory (through the API, as the companion
// does); the partner sees the customer read-only and its servers with masked IP addresses and no
// full address anywhere in the page; Administrator granted shows after a reload, taken back shows
// read-only again; a partner removed meanwhile is told so when it asks for the systems. axe-core
// on every new state in both colour schemes; screenshots at 1280x800 and 800x600 in /tmp/screens/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { isIP } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { InventoryInput } from '../../shared/portal/inventory.js';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { waitForFocus } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { inventoryServer } from '../support/inventory.js';
import { PASSWORD, nextTotp, registrationForm, uniqueEmail } from '../support/portal-accounts.js';
import { linkIn, smtpMailbox, type Mailbox } from '../support/portal-mail.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { startSmtp } from '../support/smtp.js';
import { checkPage, goToPage } from '../support/portal-web.js';

const SCREENS = '/tmp/screens';
let portal: Started<{ url: string }>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailbox: Mailbox;
let browser: Browser;
/** The partner organization's first administrator, its invited co-worker, and the customer's administrator: each in a browser context of their own. */
let partnerPage: Page;
let coworkerPage: Page;
let customerPage: Page;
const consoleErrors: string[] = [];

const partner = { email: uniqueEmail('partners-partner'), name: 'Ada Acme', secret: '' };
const coworker = { email: uniqueEmail('partners-coworker'), name: 'Cole Worker', secret: '' };
const customer = { email: uniqueEmail('partners-customer'), name: 'Cora Customer', organization: 'Harbour Holdings' };
const PARTNER_ORG = 'Acme, Inc.';

/** The addresses the customer's servers are reported at: none of them may reach the partner's page whole. */
const ADDRESSES = { v4: '192.168.10.5', v6: '2001:db8:85a3::8a2e:abcd:ef01', host: 'es2.harbour.example' };

before(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  smtp = await startSmtp();
  mailbox = smtpMailbox(smtp.received);
  [portal, browser] = await Promise.all([startPortal(tempDir('portal-partners'), [], { PORTAL_SMTP_URL: smtp.url }), launchChromium()]);
  const open = async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    return page;
  };
  [partnerPage, coworkerPage, customerPage] = await Promise.all([open(), open(), open()]);
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  await smtp?.close();
});

const check = (page: Page, name: string) => checkPage(page, 'portal-partners', name);
const goTo = goToPage;

/** Follows the verification mail's link (the portal's page) in this browser. */
async function verifyFromMail(page: Page, email: string) {
  const mail = await mailbox(email, (m) => m.subject === 'Verify your e-mail address');
  await page.goto(linkIn(mail, '/verify-email'));
  await page.getByRole('button', { name: /verify/i }).click();
  await page.getByText(/verified/i).first().waitFor();
}

/** Log on from the page; a Partner account enrols its authenticator (QR code, code, recovery codes) and lands on General. Returns the TOTP secret. */
async function logOn(page: Page, email: string, { enrol }: { enrol: boolean }): Promise<string> {
  await page.goto(`${portal.info.url}/log-on`);
  await page.getByRole('heading', { level: 1, name: 'Log on' }).waitFor();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log on', exact: true }).click();
  let secret = '';
  if (enrol) {
    await page.getByTestId('mfa-enrol').waitFor();
    await page.getByRole('button', { name: 'Set up the authenticator' }).click();
    await page.getByTestId('mfa-qr').waitFor();
    secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('Code from the app').fill((await nextTotp(secret)).code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByLabel('I have written these codes down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.waitForURL(/\/organization$/);
  await page.getByRole('heading', { level: 1, name: 'General' }).waitFor();
  return secret;
}

/** Anything in the text that is a whole IPv4 or IPv6 address, or one of the reported addresses or host name. */
function fullAddresses(text: string): string[] {
  const tokens = text.split(/[^0-9A-Fa-f:.]+/).flatMap((t) => [t, t.replace(/^[:.]+|[:.]+$/g, '')]);
  const found = tokens.filter((t) => t && isIP(t) !== 0);
  const dotted = [...text.matchAll(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g)].map((m) => m[0]);
  const reported = Object.values(ADDRESSES).filter((a) => text.includes(a));
  return [...new Set([...found, ...dotted, ...reported])];
}

/** The cells of each server row of the customer's systems, as the partner reads them. */
const serverRows = async (page: Page) =>
  Promise.all((await page.getByTestId('shared-server').all()).map(async (row) => (await row.locator('th, td').allInnerTexts()).map((s) => s.trim())));

test('(a) a partner organization signs up from the page as "Acme, Inc." with ACME_INC, verifies through the mail, and logs on with MFA enrolment', async () => {
  const page = partnerPage;
  await page.goto(`${portal.info.url}/sign-up`);
  await page.getByRole('heading', { level: 1, name: 'Sign up' }).waitFor();
  await page.getByLabel('Partner: I integrate building systems for customers').check();
  await page.getByLabel('Your name').fill(partner.name);
  await page.getByLabel('E-mail address').fill(partner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Organization name').pressSequentially(PARTNER_ORG);
  // The portal's database is fresh: the proposal is free, and taken as it is.
  assert.equal(await page.getByLabel('Partner ID').inputValue(), 'ACME_INC');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByTestId('sign-up-sent').getByText(`We sent a message to ${partner.email}.`).waitFor();

  await verifyFromMail(page, partner.email);
  partner.secret = await logOn(page, partner.email, { enrol: true });
  assert.equal(await page.getByTestId('partner-id').innerText(), 'ACME_INC');
  await page.getByTestId('org-name').getByText(PARTNER_ORG).waitFor();
  assert.ok(partner.secret, 'the authenticator was enrolled');
});

test('(b) a co-worker invited from the Co-workers page follows the mail\'s link in another browser, signs up, logs on with MFA, and General shows both people', async () => {
  const page = partnerPage;
  await goTo(page, 'Co-workers', 'Co-workers');
  // No condition: an administrator of the organization has the button.
  await page.getByTestId('invite-coworker').click();
  const dialog = page.getByTestId('invite-dialog');
  await dialog.getByRole('heading', { name: 'Invite a Co-worker' }).waitFor();
  await dialog.getByLabel('Co-worker’s e-mail address').fill(coworker.email);
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await dialog.getByRole('heading', { name: 'Invitation Sent' }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('pending-invitations').getByText(coworker.email).waitFor();

  const mail = await mailbox(coworker.email, (m) => /\/invitations\/accept\?token=/.test(m.text));
  const guest = coworkerPage;
  await guest.goto(linkIn(mail, '/invitations/accept'));
  await guest.getByTestId('invitation').getByRole('heading', { name: PARTNER_ORG }).waitFor();
  assert.equal(new URL(guest.url()).search, '', 'the token is out of the address bar');
  await guest.getByRole('button', { name: 'Accept invitation' }).click();
  await guest.getByRole('link', { name: 'Sign up' }).first().click();
  await guest.getByText(`You are joining ${PARTNER_ORG}`).waitFor();
  assert.equal(await guest.getByLabel('E-mail address').inputValue(), coworker.email, 'the invited address');
  await guest.getByLabel('Your name').fill(coworker.name);
  await guest.getByLabel('Password').fill(PASSWORD);
  await guest.getByRole('button', { name: 'Sign up' }).click();
  await guest.getByTestId('sign-up-sent').getByText(`Your account is ready and belongs to ${PARTNER_ORG}.`, { exact: false }).waitFor();

  // A member of a partner organization is a Partner account: it enrols MFA on its first log-on.
  coworker.secret = await logOn(guest, coworker.email, { enrol: true });
  await guest.getByTestId('org-name').getByText(PARTNER_ORG).waitFor();
  assert.equal(await guest.getByTestId('partner-id').innerText(), 'ACME_INC');
  const members = guest.locator('table.members tbody tr');
  await members.nth(1).waitFor();
  const rows = await Promise.all((await members.all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((s) => s.trim())));
  assert.deepEqual(
    rows.map((r) => [r[0]!.replace(/\s*\(you\)$/, ''), r[1], r[2]]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
    [
      [partner.name, partner.email, 'Administrator'],
      [coworker.name, coworker.email, 'Member'],
    ],
  );
  await check(guest, 'general-members');

  // The administrator sees the same two people, and no invitation waiting any more.
  await goTo(page, 'General', 'General');
  await page.locator('table.members').getByText(coworker.email).waitFor();
  await page.locator('table.members').getByText(partner.email).waitFor();
});

test('(c) a customer signs up from the page, adds the partner by Partner ID (Find shows its name and contact), and reports a system\'s inventory', async () => {
  const page = customerPage;
  await page.goto(`${portal.info.url}/sign-up`);
  await page.getByRole('heading', { level: 1, name: 'Sign up' }).waitFor();
  await page.getByLabel('End user: my organization owns buildings and their systems').check();
  await page.getByLabel('Your name').fill(customer.name);
  await page.getByLabel('E-mail address').fill(customer.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Organization name').fill(customer.organization);
  assert.equal(await page.getByLabel('Partner ID').count(), 0, 'no Partner ID for an End user');
  await check(page, 'sign-up-end-user');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByTestId('sign-up-sent').getByText(`We sent a message to ${customer.email}.`).waitFor();
  await verifyFromMail(page, customer.email);
  await logOn(page, customer.email, { enrol: false });

  await goTo(page, 'Partners', 'Partners');
  await page.getByText('No partner yet. Add one by its Partner ID.').waitFor();
  await page.getByLabel('Partner ID').fill('ACME_INC');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const found = page.getByTestId('found-partner');
  await found.getByRole('heading', { name: PARTNER_ORG }).waitFor();
  // Its contact is its first administrator.
  await found.getByText(`${partner.name}, ${partner.email}`).waitFor();
  await check(page, 'customer-found');
  await found.getByRole('button', { name: 'Add partner' }).click();
  await page.getByRole('status').getByText(`${PARTNER_ORG} was added with read-only access.`).waitFor();
  const card = page.getByTestId('partner');
  await card.getByRole('heading', { name: `${PARTNER_ORG} ACME_INC` }).waitFor();
  assert.equal(await card.getByRole('checkbox', { name: /^Administrator access/ }).isChecked(), false, 'read-only by default');
  assert.equal(await card.getByRole('checkbox', { name: /^API device data/ }).isChecked(), false);
  await check(page, 'customer-added');

  // The customer's system and its inventory, made through the API as the companion does.
  const client = new PortalClient({ baseUrl: portal.info.url });
  client.token = (await client.call('logOn', { body: { email: customer.email, password: PASSWORD } })).token;
  const systemId = `ES-${process.pid}-Partners`;
  await client.call('registerSystem', { params: { systemId }, body: registrationForm({ consent: true }) });
  const report: InventoryInput = {
    servers: [
      inventoryServer(systemId, 'lead', 'ES-Harbour', ADDRESSES.v4, 'SN-LEAD-1'),
      inventoryServer(`AS-${process.pid}-North`, 'shadow', 'AS-North', ADDRESSES.v6, 'SN-AS-1'),
      inventoryServer(`AS-${process.pid}-West`, 'shadow', 'AS-West', ADDRESSES.host, 'SN-AS-2'),
    ],
  };
  await client.call('reportInventory', { params: { systemId }, body: report });
});

test('(d) the partner sees the customer read-only, and Show systems shows its servers with masked IP addresses and no full address', async () => {
  const page = partnerPage;
  await goTo(page, 'Customers', 'Customers');
  const row = page.getByTestId('customer');
  await row.getByRole('rowheader', { name: customer.organization }).waitFor();
  assert.equal(await row.count(), 1);
  assert.equal((await row.getByTestId('customer-access').innerText()).trim(), 'Read-only');
  await check(page, 'customers');

  await page.getByRole('button', { name: `Show systems: ${customer.organization}` }).click();
  const panel = page.getByTestId('customer-systems');
  await panel.getByRole('heading', { level: 2, name: `Systems of ${customer.organization}` }).waitFor();
  await waitForFocus(page, "e.id === 'customer-systems-title'");
  await panel.getByTestId('shared-server').nth(2).waitFor();
  const system = panel.getByTestId('shared-system');
  assert.equal(await system.count(), 1);
  assert.equal(await system.getByTestId('shared-status').innerText(), 'Confirmed');
  assert.equal(await system.getByTestId('shared-country').innerText(), 'France');
  assert.deepEqual(await serverRows(page), [
    ['ES-Harbour', 'Schneider Electric', 'SXWSWESXXX10001', 'SN-LEAD-1', '6.0.4', '*.*.10.5'],
    ['AS-North', 'Schneider Electric', 'SXWAUTSVR10001', 'SN-AS-1', '6.0.4', '…:abcd:ef01'],
    ['AS-West', 'Schneider Electric', 'SXWAUTSVR10001', 'SN-AS-2', '6.0.4', 'Not shared'],
  ]);
  // Nothing whole in what the page shows, nor in its markup.
  assert.deepEqual(fullAddresses(await page.locator('body').innerText()), [], 'the page text');
  const markup = await page.content();
  assert.deepEqual(
    Object.values(ADDRESSES).filter((a) => markup.includes(a)),
    [],
    'the page markup',
  );
  await check(page, 'customer-systems');

  // In French and German, the same view in their words.
  await page.getByTestId('language-switch').selectOption('fr');
  await panel.getByRole('heading', { level: 2, name: `Systèmes de ${customer.organization}` }).waitFor();
  await panel.getByText('Non partagée').waitFor();
  await check(page, 'customer-systems-fr');
  await page.getByTestId('language-switch').selectOption('de');
  await panel.getByRole('heading', { level: 2, name: `Systeme von ${customer.organization}` }).waitFor();
  await panel.getByText('Nicht geteilt').waitFor();
  await check(page, 'customer-systems-de');
  await page.getByTestId('language-switch').selectOption('en');
  await panel.getByRole('heading', { level: 2, name: `Systems of ${customer.organization}` }).waitFor();

  // Hide systems: the panel goes, and focus returns to the customer's button.
  await panel.getByRole('button', { name: 'Hide systems' }).click();
  await waitForFocus(page, `e.dataset.testid === 'show-systems'`);
  assert.equal(await panel.count(), 0);
});

test('(e) the customer grants Administrator: the partner sees it after a reload; taken back, the partner\'s next load shows read-only again', async () => {
  const card = customerPage.getByTestId('partner');
  const administrator = card.getByRole('checkbox', { name: /^Administrator access/ });
  await administrator.click();
  await card.getByRole('checkbox', { name: /^Administrator access/, checked: true }).waitFor();
  await check(customerPage, 'customer-administrator');

  const access = partnerPage.getByTestId('customer').getByTestId('customer-access');
  await partnerPage.reload();
  await partnerPage.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await access.getByText('Read-only, Administrator', { exact: true }).waitFor();
  await check(partnerPage, 'customers-administrator');

  await administrator.click();
  await card.getByRole('checkbox', { name: /^Administrator access/, checked: false }).waitFor();
  await partnerPage.reload();
  await partnerPage.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await access.getByText('Read-only', { exact: true }).waitFor();
});

test('a partner the customer removed meanwhile is told so, plainly, when it asks for the systems', async () => {
  // The partner's page still lists the customer; the customer removes the partner.
  await customerPage.getByTestId('partner').getByRole('button', { name: 'Remove partner' }).click();
  await customerPage.getByRole('status').getByText(`${PARTNER_ORG} no longer has access to your organization.`).waitFor();
  await customerPage.getByText('No partner yet. Add one by its Partner ID.').waitFor();

  const page = partnerPage;
  await page.getByRole('button', { name: `Show systems: ${customer.organization}` }).click();
  const refusal = page.getByTestId('customer-systems-error');
  await refusal.getByText('This customer has not given your organization access, or has revoked it.', { exact: false }).waitFor();
  await refusal.getByText('ask the customer to give it again', { exact: false }).waitFor();
  await waitForFocus(page, "e.id === 'customer-systems-title'");
  // The list above follows: no customer any more.
  await page.getByText('No customer yet.', { exact: false }).waitFor();
  assert.equal(await page.getByTestId('shared-server').count(), 0);
  await check(page, 'customer-systems-revoked');
  assert.deepEqual(
    consoleErrors.filter((e) => !/status of 40[0-9]/.test(e)),
    [],
  );
});
