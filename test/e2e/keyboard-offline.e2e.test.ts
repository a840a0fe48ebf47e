// The offline round trip with the keyboard alone, as someone who cannot or does not use a mouse:
// Tab and Shift+Tab to move, Enter and Space to act, arrows in lists, typing in fields. No click,
// no fill() and no focus() call: a control that Tab cannot reach fails the test. After every
// action the test checks where focus landed: on its result, its error, or the next thing to do.
// Real simulator (1 ES + 2 automation servers), real portal, two browser-mode companions.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, waitForFocus } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { newAccount, nextTotp, PASSWORD, registrationForm, type TestAccount } from '../support/portal-accounts.js';
import { SIM_LOGIN, startCompanion, startPortal, startSim, tempDir, type Started } from '../support/processes.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp/screens';

let sim: Started<{ url: string }>;
let portal: Started<{ url: string }>;
let siteApp: Started<{ url: string }>;
let connectedApp: Started<{ url: string }>;
let browser: Browser;
let site: Page;
let connected: Page;
let partner: TestAccount;
const consoleErrors: string[] = [];

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [sim, portal, siteApp, connectedApp, browser] = await Promise.all([
    startSim(['--es', '1', '--as', '2']),
    startPortal(tempDir('kb-portal')),
    startCompanion(tempDir('kb-site')),
    startCompanion(tempDir('kb-connected')),
    launchChromium(),
  ]);
  partner = await newAccount(portal.info.url, { kind: 'partner' });
  const open = async (url: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${url}: ${m.text()}`));
    page.on('pageerror', (e) => consoleErrors.push(`${url}: ${e.message}`));
    await page.goto(url);
    return page;
  };
  [site, connected] = await Promise.all([open(siteApp.info.url), open(connectedApp.info.url)]);
});

after(async () => {
  await browser?.close();
  await Promise.all([siteApp?.stop(), connectedApp?.stop(), portal?.stop(), sim?.stop()]);
});

// --- Moving with the keyboard -------------------------------------------------------------------

/** An element's name as a person hears it: its aria-label, its label, or its text. */
const NAME = `((e) => (e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '') || e.textContent || '').replace(/\\s+/g, ' ').replace(/\\s*\\*$/, '').trim())`;

const byName = (name: string) => `${NAME}(e) === ${JSON.stringify(name)}`;
const byId = (id: string) => `e.id === ${JSON.stringify(id)}`;

/** Where focus is, for a failure's message. */
const focusedText = (page: Page) =>
  page.evaluate<string>(`(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + '#' + e.id + ' "' + ${NAME}(e).slice(0, 60) + '"' : 'nothing'; })()`);

/**
 * Presses Tab (or Shift+Tab) until the focused element passes `test` (JS over `e`),
 * at most `max` times: what Tab cannot reach fails here.
 */
async function tabTo(page: Page, test: string, what: string, { back = false, max = 150 } = {}): Promise<void> {
  const check = `(() => { const e = document.activeElement; return !!e && e !== document.body && (${test}); })()`;
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate<boolean>(check)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`${what} cannot be reached with ${back ? 'Shift+Tab' : 'Tab'} (focus ended on ${await focusedText(page)})`);
}

/** Tabs to a field and types into it, as a person does (whatever was there is selected first). */
async function typeInto(page: Page, test: string, what: string, text: string): Promise<void> {
  await tabTo(page, test, what);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text, { delay: 0 });
}

/** Tabs to a select and moves through it with the arrow keys until its value is `value`. */
async function choose(page: Page, test: string, what: string, value: string): Promise<void> {
  await tabTo(page, test, what);
  await page.keyboard.press('Home');
  for (let i = 0; i < 400; i++) {
    if (await page.evaluate<boolean>(`document.activeElement.value === ${JSON.stringify(value)}`)) return;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`${what}: ${value} cannot be chosen with the arrow keys`);
}

/** Tabs to a button (or link) and presses Enter. */
async function press(page: Page, name: string, options: { back?: boolean } = {}): Promise<void> {
  await tabTo(page, byName(name), name, options);
  await page.keyboard.press('Enter');
}

/** Goes to a screen from the sidebar: the links come before the screen, so Shift+Tab finds them. */
async function goTo(page: Page, link: string, heading: string): Promise<void> {
  await tabTo(page, `e.tagName === 'A' && ${NAME}(e).startsWith(${JSON.stringify(link)})`, `the ${link} link`, { back: true });
  await page.keyboard.press('Enter');
  await waitForFocus(page, byId(heading));
}

test('the offline round trip with the keyboard alone, focus on each action’s result', async () => {
  const es = (await simAdmin(sim.info.url)<SimServerInfo[]>('servers')).find((s) => s.key === '_top')!;

  // --- Site: the skip link first, then the connection form, read.
  await site.keyboard.press('Tab');
  await waitForFocus(site, `e.textContent === 'Skip to the screen'`);
  await site.keyboard.press('Enter');
  await waitForFocus(site, byId('site-title'));
  await typeInto(site, byId('targets'), 'Server addresses', sim.info.url);
  await typeInto(site, byId('username'), 'User name', SIM_LOGIN.username);
  await typeInto(site, byId('password'), 'Password', SIM_LOGIN.password);
  await press(site, 'Save and read site');
  await waitForFocus(site, `e.dataset.testid === 'read-summary'`);
  assert.match(await focusedText(site), /3 servers/, 'focus is on what the read found');

  // --- Offline: the portal's keys, pasted (the key file's text) under "or paste": Enter opens it.
  await goTo(site, 'Offline registration', 'offline-title');
  const keyFile = await (await fetch(`${portal.info.url}/api/v1/keys`)).text();
  await tabTo(site, `e.tagName === 'SUMMARY'`, 'the paste disclosure');
  await site.keyboard.press('Enter');
  await tabTo(site, byId('key-json'), 'the pasted keys box');
  await site.keyboard.insertText(keyFile);
  await press(site, 'Import pasted keys');
  await waitForFocus(site, byId('keys-title')); // imported: focus on the keys now trusted
  await site.getByTestId('key-fingerprint').first().waitFor();

  // The request for the ES and its two shadows.
  await choose(site, byId('request-target'), 'the server to register', `register ${es.address}`);
  await press(site, 'Make request');
  await waitForFocus(site, `/^request-\\d+-title$/.test(e.id)`);
  const requestId = (await site.evaluate<string>('document.activeElement.id')).match(/^request-(\d+)-title$/)![1]!;
  const card = site.locator(`[data-testid="request"][data-request-id="${requestId}"]`);
  const systemId = (await card.getByTestId('request-system-id').textContent())!;
  const requestCode = (await card.getByTestId('request-code').textContent())!;
  assert.equal(systemId, es.systemId);
  await expectAccessible(site, 'the keyboard-made request');

  // --- Connected companion: the Portal screen, connect, log on with the authenticator code.
  await connected.bringToFront();
  await connected.keyboard.press('Tab');
  await connected.keyboard.press('Enter'); // the skip link
  await goTo(connected, 'Portal', 'portal-title');
  await typeInto(connected, byName('Portal address'), 'Portal address', portal.info.url);
  await connected.keyboard.press('Enter'); // submits the form the field is in
  await waitForFocus(connected, byName('E-mail address'));
  await connected.keyboard.type(partner.email);
  await typeInto(connected, byName('Password'), 'Password', PASSWORD);
  await connected.keyboard.press('Enter');
  await waitForFocus(connected, byName('Authenticator code'));
  await connected.keyboard.type((await nextTotp(partner.totpSecret!)).code);
  await connected.keyboard.press('Enter');
  await waitForFocus(connected, byId('start-title')); // logged on: the next step's heading

  // System ID and request code, the access check, then the form.
  await typeInto(connected, byName('System ID'), 'System ID', systemId);
  await typeInto(connected, byName('Request code from the site'), 'Request code', requestCode);
  await connected.getByTestId('request-input-live').getByText('All 22 groups check.').waitFor();
  await press(connected, 'Continue');
  await waitForFocus(connected, byId('access-title')); // the portal's answer
  assert.match(await connected.getByTestId('access-message').textContent() ?? '', /not registered yet/);
  await press(connected, 'Proceed');
  await waitForFocus(connected, byId('form-title')); // the form, from its heading

  const { installation: inst, siteAdministrator: adm } = registrationForm();
  await typeInto(connected, byId('inst-siteName'), 'Site name', inst.siteName);
  await typeInto(connected, byId('inst-siteCompany'), 'Site company', inst.siteCompany);
  await typeInto(connected, byId('inst-street'), 'Site address', inst.street);
  await choose(connected, byId('inst-country'), 'Country', inst.country);
  await choose(connected, byId('inst-state'), 'State', inst.state);
  await typeInto(connected, byId('inst-city'), 'City', inst.city);
  await typeInto(connected, byId('inst-postal'), 'Postal code', inst.postalCode);
  await typeInto(connected, byId('inst-contactEmail'), 'Contact e-mail', inst.contactEmail);
  await typeInto(connected, byId('inst-contactEmailConfirm'), 'Contact e-mail again', inst.contactEmailConfirm);
  await choose(connected, byId('inst-segment'), 'Segment', inst.segment);
  await choose(connected, byId('inst-systemApplication'), 'System application', inst.systemApplication);
  await typeInto(connected, byId('admin-name'), 'Administrator name', adm.name);
  await typeInto(connected, byId('admin-company'), 'Administrator company', adm.company);
  await typeInto(connected, byId('admin-phone'), 'Administrator phone', adm.phone);
  await typeInto(connected, byId('admin-email'), 'Administrator e-mail', adm.email);
  // The administrator works at the site: Space ticks "same address as the site".
  await tabTo(connected, `e.dataset.testid === 'admin-same-address'`, 'Same address as the site');
  await connected.keyboard.press('Space');
  await connected.getByTestId('admin-address-copied').waitFor();

  // Register system: success is said, and focused.
  await press(connected, 'Register system');
  await waitForFocus(connected, `e.dataset.testid === 'form-saved'`);
  assert.match(await focusedText(connected), /Registered on the portal/);

  // Issue the code: focus on the sheet that shows it.
  await press(connected, 'Issue Registration code');
  await waitForFocus(connected, byId('sheet-title')); // the code sheet
  const registrationCode = (await connected.getByTestId('registration-code').textContent())!;
  assert.match(registrationCode, /^[0-9A-Z]{6}(-[0-9A-Z]{6}){5}$/);
  await expectAccessible(connected, 'the keyboard-issued code sheet');
  await connected.screenshot({ path: path.join(SHOTS, 'keyboard-code-sheet.png'), fullPage: true });

  // --- Back at the site: a typo first (focus back in the box), then the code; Enter applies it.
  const typo = registrationCode.replace(/^(.)/, (c) => (c === 'A' ? 'B' : 'A'));
  await typeInto(site, byId(`code-${requestId}`), 'the code box', typo);
  await press(site, 'Apply code');
  await card.getByTestId('code-input-error').waitFor();
  await waitForFocus(site, byId(`code-${requestId}`));
  await site.keyboard.press('ControlOrMeta+A');
  await site.keyboard.type(registrationCode);
  await card.getByTestId('code-input-live').getByText('All 6 groups check.').waitFor();
  await press(site, 'Apply code');
  await waitForFocus(site, `e.dataset.testid === 'request-summary'`);
  assert.match((await card.getByTestId('request-summary').textContent()) ?? '', new RegExp(`code ${registrationCode}`));
  await site.waitForFunction(`[...document.querySelectorAll('[data-request-id="${requestId}"] [data-testid="server-state"]')].every((e) => e.textContent === 'Done')`);
  await site.screenshot({ path: path.join(SHOTS, 'keyboard-applied.png'), fullPage: true });

  // --- The servers hold it.
  for (const server of await simAdmin(sim.info.url)<SimServerInfo[]>('servers')) {
    assert.equal(server.registration.code, registrationCode, server.key);
    assert.equal(server.registration.leadSystemId, systemId, server.key);
  }
  assert.deepEqual(consoleErrors, []);
});
