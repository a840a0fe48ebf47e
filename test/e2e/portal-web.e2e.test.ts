// The portal's own web app (portal/web/, served by portal/http/web-app.ts) in headless Chromium,
// against a real portal process that mails through a real SMTP server on loopback: a partner signs
// up from the page with "Acme, Inc." (ACME_INC proposed), follows the verification mail's link,
// logs on with MFA enrolment from the page, and sees the General page with its Partner ID. Also:
// the HTML's headers, the session cookie out of scripts' reach and a cookie POST without the CSRF
// token refused, axe-core on every page in both colour schemes, a keyboard-only log-on, and
// screenshots of every page at 1280x800 and 800x600 in /tmp/screens/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessibleInBothSchemes, layoutOverflows, waitForFocus } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { PASSWORD, nextTotp, uniqueEmail } from '../support/portal-accounts.js';
import { linkIn, smtpMailbox, type Mailbox } from '../support/portal-mail.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { startSmtp } from '../support/smtp.js';

const SCREENS = '/tmp/screens';
let portal: Started<{ url: string }>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailbox: Mailbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const partner = { email: uniqueEmail('web-partner'), name: 'Ada Acme', secret: '' };

before(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  smtp = await startSmtp();
  mailbox = smtpMailbox(smtp.received);
  [portal, browser] = await Promise.all([startPortal(tempDir('portal-web'), [], { PORTAL_SMTP_URL: smtp.url }), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  await smtp?.close();
});

/** Screenshots at 1280x800 and 800x600 (then back to 1280x800), with nothing wider than the window at either. */
async function screens(name: string, target: Page = page) {
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await target.setViewportSize({ width, height });
    await target.screenshot({ path: `${SCREENS}/portal-web-${name}-${width}x${height}.png`, fullPage: true });
    assert.deepEqual(await layoutOverflows(target), [], `${name} at ${width}x${height}`);
  }
  await target.setViewportSize({ width: 1280, height: 800 });
}

/** Every page the test shows: axe-core in both schemes, and its screenshots. */
async function check(name: string, target: Page = page) {
  await expectAccessibleInBothSchemes(target, `portal web: ${name}`);
  await screens(name, target);
}

test('the app and its files are served with a strict CSP and no framing, referrer or caching of HTML', async () => {
  const response = await fetch(`${portal.info.url}/`);
  assert.equal(response.status, 200);
  assert.equal(
    response.headers.get('content-security-policy'),
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(response.headers.get('access-control-allow-origin'), null);
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /https?:\/\//, 'nothing from the network');
  for (const path of ['/log-on', '/sign-up', '/invitations/accept', '/customers/accept', '/organization', '/organization/co-workers', '/customers', '/partners', '/licenses', '/systems']) {
    const answer = await fetch(`${portal.info.url}${path}`);
    assert.equal(answer.status, 200, path);
    assert.equal(answer.headers.get('content-security-policy'), response.headers.get('content-security-policy'), path);
  }
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  const asset = await fetch(`${portal.info.url}${script}`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  for (const bad of ['/assets/..%2Fpackage.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/assets/.hidden.js', '/assets/nothing.js']) {
    assert.equal((await fetch(`${portal.info.url}${bad}`)).status, 404, bad);
  }
  // The server-rendered pages of the mail links stay as they are.
  assert.match((await fetch(`${portal.info.url}/verify-email?token=x`)).headers.get('content-security-policy') ?? '', /style-src 'sha256-/);
});

test('a partner signs up from the page: "Acme, Inc." proposes ACME_INC, and the verification mail is sent', async () => {
  await page.goto(`${portal.info.url}/sign-up`);
  await page.getByRole('heading', { level: 1, name: 'Sign up' }).waitFor();
  await check('sign-up');
  await page.getByLabel('Partner: I integrate building systems for customers').check();
  await page.getByLabel('Your name').fill(partner.name);
  await page.getByLabel('E-mail address').fill(partner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  const organization = page.getByLabel('Organization name');
  // Typed as a person types: the Partner ID follows each key.
  await organization.pressSequentially('Acme, Inc.');
  const partnerId = page.getByLabel('Partner ID');
  assert.equal(await partnerId.inputValue(), 'ACME_INC');
  await page.getByRole('button', { name: 'Sign up' }).click();
  const sent = page.getByTestId('sign-up-sent');
  const taken = page.getByRole('button', { name: /^Use ACME_INC_\d+$/ });
  await Promise.race([sent.waitFor(), taken.waitFor()]);
  if (await taken.isVisible()) {
    // ACME_INC taken (not on a fresh database): the portal's free proposal.
    await taken.click();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await sent.waitFor();
  }
  await sent.getByText(`We sent a message to ${partner.email}.`).waitFor();
  await check('sign-up-sent');
});

test('the link in the verification mail verifies the address (the portal page, in the browser)', async () => {
  const mail = await mailbox(partner.email, (m) => m.subject === 'Verify your e-mail address');
  const link = linkIn(mail, '/verify-email');
  await page.goto(link);
  await page.getByRole('button', { name: /verify/i }).click();
  await page.getByText(/verified/i).first().waitFor();
});

test('log on from the page: MFA enrolment with the QR code, recovery codes, then the General page with the Partner ID', async () => {
  await page.goto(`${portal.info.url}/`);
  await page.waitForURL(/\/log-on$/);
  await page.getByRole('heading', { level: 1, name: 'Log on' }).waitFor();
  await check('log-on');
  await page.getByLabel('E-mail address').fill(partner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log on', exact: true }).click();
  await page.getByTestId('mfa-enrol').waitFor();
  // The session is a cookie scripts cannot read.
  assert.equal(await page.evaluate<string>('document.cookie'), '');
  const cookie = (await context.cookies()).find((c) => c.name === 'portal_session');
  assert.ok(cookie, 'the session cookie is set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(cookie.path, '/');
  assert.ok(cookie.expires > Date.now() / 1000, 'with a Max-Age');
  await check('mfa-start');
  await page.getByRole('button', { name: 'Set up the authenticator' }).click();
  await page.getByTestId('mfa-qr').waitFor();
  partner.secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
  await check('mfa-qr');
  await page.getByLabel('Code from the app').fill((await nextTotp(partner.secret)).code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  await check('recovery-codes');
  await page.getByLabel('I have written these codes down').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/organization$/);
  await page.getByRole('heading', { level: 1, name: 'General' }).waitFor();
  const shownId = await page.getByTestId('partner-id').innerText();
  assert.match(shownId, /^ACME_INC(_\d+)?$/);
  await page.getByTestId('org-name').getByText('Acme, Inc.').waitFor();
  await check('general');
});

test('a request made with the session cookie but without the CSRF token is refused with 403; the bearer API is unchanged', async () => {
  const url = portal.info.url;
  const refused = await context.request.post(`${url}/api/v1/me/verification`, { data: {}, headers: { 'content-type': 'application/json' } });
  assert.equal(refused.status(), 403);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'forbidden');
  assert.match(body.error.message, /CSRF token/);
  // From another site (Origin), even with the right token.
  const session = (await (await context.request.get(`${url}/api/v1/web/session`)).json()) as { csrfToken: string };
  const crossSite = await context.request.post(`${url}/api/v1/me/verification`, { data: {}, headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, origin: 'https://evil.example' } });
  assert.equal(crossSite.status(), 403);
  // A read needs no token; the portal sends no CORS headers.
  const read = await context.request.get(`${url}/api/v1/me`);
  assert.equal(read.status(), 200);
  assert.equal(read.headers()['access-control-allow-origin'], undefined);
  // With the token (and its own origin) the same request passes the check: the portal answers about the account (verified already).
  const allowed = await context.request.post(`${url}/api/v1/me/verification`, { data: {}, headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, origin: url } });
  assert.equal(allowed.status(), 409);
});

test('the other pages: co-workers (the seed\'s invite dialog), customers, systems, licenses', async () => {
  await page.getByRole('link', { name: 'Co-workers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Co-workers' }).waitFor();
  await waitForFocus(page, "e.tagName === 'H1'");
  await check('co-workers');
  const invite = page.getByTestId('invite-coworker');
  // An administrator of the organization has the button: waited for, so the steps below always run.
  await invite.waitFor();
  await invite.click();
  const dialog = page.getByTestId('invite-dialog');
  await dialog.getByRole('heading', { name: 'Invite a Co-worker' }).waitFor();
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await dialog.getByText('Please enter email address').waitFor();
  await dialog.getByLabel('Co-worker’s e-mail address').fill('not an address');
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await dialog.getByText('You have entered an invalid email address. Please re-enter the email address.').waitFor();
  await check('co-workers-invite');
  const coworker = uniqueEmail('web-coworker');
  await dialog.getByLabel('Co-worker’s e-mail address').fill(coworker);
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await dialog.getByRole('heading', { name: 'Invitation Sent' }).waitFor();
  await dialog.getByRole('button', { name: 'Send New Invite' }).waitFor();
  await check('co-workers-sent');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('pending-invitations').getByText(coworker).waitFor();
  await check('co-workers-pending');

  // The invitation's link opens the accept page in a browser with no session; the token leaves the address bar.
  const mail = await mailbox(coworker, (m) => /\/invitations\/accept\?token=/.test(m.text));
  const link = linkIn(mail, '/invitations/accept');
  const guest = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await guest.goto(link);
  await guest.getByTestId('invitation').getByRole('heading', { name: 'Acme, Inc.' }).waitFor();
  assert.equal(new URL(guest.url()).search, '', 'the token is out of the address bar');
  await check('accept-invitation', guest);
  await guest.getByRole('button', { name: 'Accept invitation' }).click();
  await guest.getByRole('link', { name: 'Sign up' }).first().waitFor();
  await check('accept-invitation-choose', guest);
  await guest.getByRole('link', { name: 'Sign up' }).first().click();
  await guest.getByText('You are joining Acme, Inc.').waitFor();
  await check('sign-up-invited', guest);
  await guest.context().close();

  for (const [link, heading, name] of [
    ['Customers', 'Customers', 'customers'],
    ['Systems', 'Systems', 'systems'],
    ['Licenses', 'Licenses', 'licenses'],
  ] as const) {
    await page.getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await waitForFocus(page, "e.tagName === 'H1'");
    await page.waitForLoadState('networkidle');
    await check(name);
  }
  const inviteCustomer = page.getByTestId('invite-customer');
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await inviteCustomer.waitFor();
  await inviteCustomer.click();
  await page.getByTestId('customer-invite-dialog').getByRole('heading', { name: 'Invite a customer' }).waitFor();
  await check('customers-invite');
  await page.keyboard.press('Escape');
});

test('French and German: the switcher changes the page and the portal\'s sentences', async () => {
  await page.getByRole('link', { name: 'General' }).click();
  await page.getByTestId('language-switch').selectOption('fr');
  await page.getByRole('heading', { level: 1, name: 'Général' }).waitFor();
  await check('general-fr');
  await page.getByTestId('language-switch').selectOption('de');
  await page.getByRole('heading', { level: 1, name: 'Allgemein' }).waitFor();
  await check('general-de');
  await page.getByTestId('language-switch').selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'General' }).waitFor();
});

test('log off: the session ends and the cookie goes', async () => {
  await page.getByRole('button', { name: 'Log off' }).click();
  await page.waitForURL(/\/log-on$/);
  assert.equal((await context.cookies()).find((c) => c.name === 'portal_session'), undefined);
  assert.equal((await context.request.get(`${portal.info.url}/api/v1/web/session`)).status(), 401);
});

test('keyboard only: log on with the authenticator code, without the mouse', async () => {
  const keyboard = await (await browser.newContext({ viewport: { width: 800, height: 600 } })).newPage();
  keyboard.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await keyboard.goto(`${portal.info.url}/log-on`);
  await keyboard.getByRole('heading', { level: 1, name: 'Log on' }).waitFor();
  // The first Tab stop is the skip link; Enter moves focus to the page's heading.
  await keyboard.keyboard.press('Tab');
  await waitForFocus(keyboard, "e.classList.contains('skip-link')");
  await keyboard.keyboard.press('Enter');
  await waitForFocus(keyboard, "e.tagName === 'H1'");
  for (let i = 0; i < 10 && !(await keyboard.evaluate<boolean>("document.activeElement?.id === 'logon-email'")); i++) await keyboard.keyboard.press('Tab');
  await waitForFocus(keyboard, "e.id === 'logon-email'");
  await keyboard.keyboard.type(partner.email);
  await keyboard.keyboard.press('Tab');
  await waitForFocus(keyboard, "e.id === 'logon-password'");
  await keyboard.keyboard.type(PASSWORD);
  await keyboard.keyboard.press('Enter');
  // The portal asks for the code; focus is in its field.
  await waitForFocus(keyboard, "e.id === 'logon-mfa'");
  await screens('log-on-mfa', keyboard);
  await expectAccessibleInBothSchemes(keyboard, 'portal web: log-on asking for the code');
  await keyboard.keyboard.type((await nextTotp(partner.secret)).code);
  await keyboard.keyboard.press('Enter');
  await keyboard.getByRole('heading', { level: 1, name: 'General' }).waitFor();
  await waitForFocus(keyboard, "e.tagName === 'H1'");
  await keyboard.context().close();
  assert.deepEqual(
    consoleErrors.filter((e) => !/status of 40[134]/.test(e)),
    [],
  );
});
