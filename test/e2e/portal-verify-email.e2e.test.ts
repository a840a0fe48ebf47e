// Issue 11, companion side, end to end: an end user whose e-mail address is not verified logs on
// in the Portal screen of a browser-mode companion (headless Chromium) and is told so plainly
// instead of every call failing; "Send the link again" sends one; the link from the mail the
// portal wrote to its outbox is followed (page, Verify), and "I have verified it" opens the portal.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { newAccount, PASSWORD, type TestAccount } from '../support/portal-accounts.js';
import { outboxMailbox, verifyAddress } from '../support/portal-mail.js';
import { startCompanion, startPortal, tempDir, type Started } from '../support/processes.js';

let portal: Started<{ url: string; outboxDir: string }>;
let app: Started<{ url: string }>;
let browser: Browser;
let page: Page;
let endUser: TestAccount;
const consoleErrors: string[] = [];

before(async () => {
  [portal, app, browser] = await Promise.all([startPortal(tempDir('verify-portal')), startCompanion(tempDir('verify-companion')), launchChromium()]);
  endUser = await newAccount(portal.info.url, { kind: 'end-user' }, { verify: false });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(app.info.url);
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), portal?.stop()]);
});

test('item 1 in the companion: an unverified account is told to verify, can send the link again, and goes on once verified', async () => {
  await page.getByRole('link', { name: 'Portal', exact: true }).click();
  await page.getByLabel('Portal address').fill(portal.info.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByLabel('E-mail address').fill(endUser.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log on' }).click();

  const card = page.getByTestId('verify-email');
  await card.getByText(`We sent a link to ${endUser.email}`).waitFor();
  assert.equal(await page.getByLabel('System ID', { exact: true }).count(), 0, 'no system work offered before verification');

  await card.getByRole('button', { name: 'I have verified it' }).click();
  await card.getByText(/is not verified yet/).waitFor();
  await card.getByRole('button', { name: 'Send the link again' }).click();
  await card.getByText(`A new link is on its way to ${endUser.email}.`).waitFor();
  // The sign-up's mail and the one sent again: this portal mails no one else.
  const deadline = Date.now() + 10_000;
  while (fs.readdirSync(portal.info.outboxDir).filter((n) => n.endsWith('.eml')).length < 2) {
    assert.ok(Date.now() < deadline, 'the link was sent again');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const verified = await verifyAddress(outboxMailbox(portal.info.outboxDir), endUser.email, 2);
  assert.equal(verified.status, 200);
  await card.getByRole('button', { name: 'I have verified it' }).click();
  await page.getByLabel('System ID', { exact: true }).waitFor();
  assert.equal(await card.count(), 0);
  assert.deepEqual(consoleErrors, []);
});
