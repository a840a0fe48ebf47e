// Organization administration in the portal's web app (docs/partners.md: Organizations and people,
// Partner ID), in headless Chromium against a real portal process that mails through a real SMTP
// server on loopback: a partner administrator files a Partner ID change from the General page
// (the shared schema refusing a malformed ID first); a portal administrator, granted on the
// command line on the test portal's data folder and logged on with MFA in the browser, approves
// it on the Partner ID requests page (a note required to reject); the partner's General page shows
// the new ID. A co-worker (invited through the API, joined by the mail's link) is made
// administrator and member again; the last administrator trying to leave, or to be made a member,
// is refused next to the action, in English and in French; a member is removed after a
// confirmation. axe-core on every new state in both colour schemes; screenshots at 1280x800 and
// 800x600 in /tmp/screens/portal-admin-*.png.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { waitForFocus } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { newAccount, nextTotp, PASSWORD, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { linkIn, smtpMailbox, type Mailbox } from '../support/portal-mail.js';
import { ROOT, startPortal, tempDir, type Started } from '../support/processes.js';
import { startSmtp } from '../support/smtp.js';
import { checkPage, goToPage } from '../support/portal-web.js';

const SCREENS = '/tmp/screens';
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const PARTNER_ORG = 'Acme, Inc.';

let portal: Started<{ url: string; dataDir: string }>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailbox: Mailbox;
let browser: Browser;
/** The partner organization's first administrator, and the portal administrator: a browser context each. */
let partnerPage: Page;
let adminPage: Page;
const consoleErrors: string[] = [];

let ada: TestAccount;
let pat: TestAccount;
const adaName = 'Ada Acme';
const coleName = 'Cole Worker';
const coleEmail = uniqueEmail('admin-coworker');

before(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  smtp = await startSmtp();
  mailbox = smtpMailbox(smtp.received);
  [portal, browser] = await Promise.all([startPortal(tempDir('portal-admin'), [], { PORTAL_SMTP_URL: smtp.url }), launchChromium()]);
  const open = async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    return page;
  };
  [partnerPage, adminPage] = await Promise.all([open(), open()]);

  // The people, made through the API (sign-up, the mail's link, MFA enrolment); they log on in the browser below.
  const url = portal.info.url;
  [ada, pat] = await Promise.all([
    newAccount(url, { kind: 'partner', name: adaName, organization: PARTNER_ORG }, { mailbox }),
    newAccount(url, { kind: 'partner', name: 'Pat Portaladmin', organization: 'Portal Staff' }, { mailbox }),
  ]);
  // Cole joins Acme through the invitation's link, as a member.
  await ada.client.call('inviteCoworker', { body: { email: coleEmail } });
  const mail = await mailbox(coleEmail, (m) => /\/invitations\/accept\?token=/.test(m.text));
  const token = new URL(linkIn(mail, '/invitations/accept')).searchParams.get('token')!;
  await newAccount(url, { kind: 'partner', email: coleEmail, name: coleName, invitation: token }, { mailbox });
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  await smtp?.close();
});

const check = (page: Page, name: string) => checkPage(page, 'portal-admin', name);
const goTo = goToPage;

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

const memberRow = (page: Page, name: string) => page.getByTestId('member').filter({ hasText: name });

test('(a) a partner administrator files a Partner ID change from General: a malformed ID is refused in the page, a good one waits with its date and state', async () => {
  const page = partnerPage;
  await logOn(page, ada);
  assert.equal(await page.getByTestId('partner-id').innerText(), 'ACME_INC');
  await memberRow(page, coleName).getByTestId('member-role').getByText('Member').waitFor();
  // Not a portal administrator: no link to the requests, and the page says so plainly.
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Partner ID requests' }).count(), 0);
  await check(page, 'general-administrator');

  await page.getByRole('button', { name: 'Request a Partner ID change' }).click();
  await waitForFocus(page, "e.id === 'new-partner-id'");
  await page.getByLabel('New Partner ID').fill('acme-group');
  assert.equal(await page.getByLabel('New Partner ID').inputValue(), 'ACME-GROUP', 'typed in upper case');
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.locator('#new-partner-id-error').getByText(/upper-case letters/).waitFor();
  await waitForFocus(page, "e.id === 'new-partner-id'");
  await check(page, 'request-invalid');

  await page.getByLabel('New Partner ID').fill('ACME_GROUP');
  await page.getByLabel('Reason').fill('We merged with our sister company and trade as Acme Group.');
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByTestId('organization-note').getByText('Your request to change the Partner ID to ACME_GROUP was sent.', { exact: false }).waitFor();
  await waitForFocus(page, "e.id === 'organization-note'");
  const pending = page.getByTestId('partner-id-request');
  await pending.getByText('ACME_GROUP', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('partner-id-request-state').innerText(), 'Waiting for a portal administrator’s decision');
  assert.equal(await page.getByRole('button', { name: 'Request a Partner ID change' }).count(), 0, 'one request waits at a time');
  assert.equal(await page.getByTestId('partner-id').innerText(), 'ACME_INC', 'unchanged until approved');
  await check(page, 'request-pending');

  await page.goto(`${portal.info.url}/admin/partner-id-requests`);
  await page.getByRole('heading', { level: 1, name: 'Partner ID requests' }).waitFor();
  await page.getByTestId('not-portal-admin').getByText('This page is for portal administrators, and your account is not one.', { exact: false }).waitFor();
  await check(page, 'requests-not-admin');
});

test('(b) a portal administrator granted on the command line logs on with MFA and approves the request (a note is required to reject)', async () => {
  const granted = await promisify(execFile)(TSX, ['portal/cli.ts', 'admin', 'grant', pat.email, '--data-dir', portal.info.dataDir], { cwd: ROOT });
  assert.match(granted.stdout, /is now a portal administrator/);

  const page = adminPage;
  await logOn(page, pat);
  await goTo(page, 'Partner ID requests', 'Partner ID requests');
  const card = page.getByTestId('partner-id-request-item').filter({ hasText: PARTNER_ORG });
  await card.getByRole('heading', { level: 2, name: PARTNER_ORG }).waitFor();
  assert.equal(await card.getByTestId('request-current').innerText(), 'ACME_INC');
  assert.equal(await card.getByTestId('request-wanted').innerText(), 'ACME_GROUP');
  await card.getByText('We merged with our sister company and trade as Acme Group.').waitFor();
  await card.getByText(`${adaName}, ${ada.email}`).waitFor();
  await check(page, 'requests-pending');

  // Reject without a note: the shared schema's sentence, at the field, focus there.
  await card.getByRole('button', { name: `Reject: ${PARTNER_ORG}, ACME_GROUP` }).click();
  await card.getByText('Say why the request is rejected: the organization reads it.').waitFor();
  await waitForFocus(page, "e.id.startsWith('request-note-')");
  await check(page, 'requests-note-required');

  await card.getByRole('button', { name: `Approve: ${PARTNER_ORG}, ACME_GROUP` }).click();
  await page.getByTestId('requests-note').getByText(`Approved: the Partner ID of ${PARTNER_ORG} is now ACME_GROUP.`).waitFor();
  await waitForFocus(page, "e.id === 'requests-note'");
  await page.getByText('No request is waiting.').waitFor();
  await check(page, 'requests-approved');
});

test('(c) the partner\'s General page shows the new Partner ID and no request waiting', async () => {
  const page = partnerPage;
  await goTo(page, 'General', 'General');
  await page.getByTestId('partner-id').getByText('ACME_GROUP', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('partner-id-request').count(), 0);
  await page.getByRole('button', { name: 'Request a Partner ID change' }).waitFor();
  await check(page, 'general-approved');
});

test('(d) a co-worker is made administrator then member again; the last administrator cannot leave nor be made a member, said next to the action in the chosen language; a member is removed after a confirmation', async () => {
  const page = partnerPage;
  const cole = memberRow(page, coleName);
  await cole.getByRole('button', { name: `Make administrator: ${coleName}` }).click();
  await page.getByTestId('organization-note').getByText(`${coleName} is now an administrator.`).waitFor();
  await waitForFocus(page, "e.id === 'organization-note'");
  assert.equal(await cole.getByTestId('member-role').innerText(), 'Administrator');
  await check(page, 'member-made-administrator');

  await cole.getByRole('button', { name: `Make member: ${coleName}` }).click();
  await page.getByTestId('organization-note').getByText(`${coleName} is now a member.`).waitFor();
  await waitForFocus(page, "e.id === 'organization-note'");
  assert.equal(await cole.getByTestId('member-role').innerText(), 'Member');

  // The last administrator leaving: a confirmation, then the portal's refusal next to the button.
  await page.getByRole('button', { name: 'Leave organization' }).click();
  const dialog = page.getByTestId('leave-dialog');
  await dialog.getByRole('heading', { name: `Leave ${PARTNER_ORG}?` }).waitFor();
  await check(page, 'leave-confirm');
  await dialog.getByRole('button', { name: 'Leave', exact: true }).click();
  const refusal = page.getByTestId('leave-error');
  await refusal.getByText(`You are the last administrator of ${PARTNER_ORG}: make another member an administrator before you leave.`).waitFor();
  await waitForFocus(page, "e.id === 'leave-error'");
  await check(page, 'leave-refused');

  // In French: the same refusal in French, with its no-break space before the colon.
  await page.getByTestId('language-switch').selectOption('fr');
  await page.getByRole('heading', { level: 1, name: 'Général' }).waitFor();
  await page.getByRole('button', { name: 'Quitter l’organisation' }).click();
  await dialog.getByRole('button', { name: 'Partir', exact: true }).click();
  await refusal.getByText(`Vous êtes le dernier administrateur de ${PARTNER_ORG}\u00a0: nommez un autre membre administrateur avant de partir.`).waitFor();
  await waitForFocus(page, "e.id === 'leave-error'");
  await check(page, 'leave-refused-fr');
  await page.getByTestId('language-switch').selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'General' }).waitFor();

  // Made a member while the last administrator: refused, next to the row's button.
  const self = memberRow(page, adaName);
  await self.getByRole('button', { name: `Make member: ${adaName}` }).click();
  await self.getByTestId('member-error').getByText(`This is the last administrator of ${PARTNER_ORG}: make another member an administrator first.`).waitFor();
  await waitForFocus(page, `e.id.startsWith('member-error-')`);
  assert.equal(await page.getByTestId('leave-error').count(), 0, 'one refusal shown, next to its action');
  await check(page, 'demote-refused');

  // Remove: a confirmation, then the member is gone.
  await cole.getByRole('button', { name: `Remove: ${coleName}` }).click();
  const remove = page.getByTestId('remove-dialog');
  await remove.getByRole('heading', { name: `Remove ${coleName}?` }).waitFor();
  await check(page, 'remove-confirm');
  await remove.getByRole('button', { name: 'Remove from the organization' }).click();
  await page.getByTestId('organization-note').getByText(`${coleName} was removed from the organization and now has one of their own.`).waitFor();
  await waitForFocus(page, "e.id === 'organization-note'");
  assert.equal(await page.getByTestId('member').count(), 1);
  await check(page, 'member-removed');

  assert.deepEqual(
    consoleErrors.filter((e) => !/status of 40[0-9]/.test(e)),
    [],
  );
});
