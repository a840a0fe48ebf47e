// Offline registration end to end, as two people click through it: the real simulator (1 ES + 3
// automation servers), the real portal, and two browser-mode companions in headless Chromium. The
// SITE companion (air-gapped) reads the site, imports the portal's key file and makes a request;
// the CONNECTED companion logs on to the portal as a partner, registers the system and issues the
// Registration code; back at the site the code is typed (a typo first, named by its group) and
// applied, and the simulator's servers then hold the registration.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { generate } from 'otplib';
import type { Browser, Locator, Page } from 'playwright-core';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { outboxMailbox, verifyAddress } from '../support/portal-mail.js';
import { expectAccessibleInBothSchemes, waitForFocus } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { fillRegistrationForm } from '../support/registration-form.js';
import { acceptInvitation, nextTotp, newAccount, PASSWORD, registrationForm, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { SIM_LOGIN, startCompanion, startPortal, startSim, tempDir, type Started } from '../support/processes.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';

/** Screenshots to look at, outside the repository. */
const SHOTS = process.env.E2E_SHOTS ?? '/tmp/screens';

let sim: Started<{ url: string }>;
let portal: Started<{ url: string }>;
let siteApp: Started<{ url: string }>;
let connectedApp: Started<{ url: string }>;
let browser: Browser;
let site: Page;
let connected: Page;
let partner: TestAccount;
/** The TOTP step newAccount used (or a later one): the portal refuses a step used before. */
let lastStep: number;
const consoleErrors: string[] = [];

/** What the first test leaves for the second. */
const carried = { requestId: '', systemId: '', requestCode: '', registrationCode: '', codeFile: '' };

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [sim, portal, siteApp, connectedApp, browser] = await Promise.all([
    startSim(['--es', '1', '--as', '3']),
    startPortal(tempDir('rt-portal')),
    startCompanion(tempDir('rt-site')),
    startCompanion(tempDir('rt-connected')),
    launchChromium(),
  ]);
  partner = await newAccount(portal.info.url, { kind: 'partner' });
  lastStep = Math.floor(Date.now() / 30_000);
  const open = async (url: string) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
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

/** The computed CSS display of an element, read in the page. */
const display = (locator: Locator) => locator.evaluate((e) => (globalThis as unknown as { getComputedStyle(el: unknown): { display: string } }).getComputedStyle(e).display);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const totp = async (secret: string) => {
  const { code, step } = await nextTotp(secret, lastStep);
  lastStep = step;
  return code;
};
const requestCard = () => site.locator(`[data-testid="request"][data-request-id="${carried.requestId}"]`);
/** Changes the case of the first letter that has one: the same ID to a person's eye, another to the portal. */
const wrongCase = (id: string) => id.replace(/[A-Za-z]/, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));

test('a site registers offline: request at the site, code from the portal through the connected companion, applied to all four servers', async () => {
  // --- Site companion: read the site.
  await site.getByLabel('Server addresses').fill(sim.info.url);
  await site.getByLabel('User name').fill(SIM_LOGIN.username);
  await site.getByLabel('Password', { exact: true }).fill(SIM_LOGIN.password);
  await site.getByRole('button', { name: 'Save and read site' }).click();
  await site.getByTestId('server-row').nth(3).waitFor();

  // --- Offline registration: no portal key yet, so the screen says so; import the key file.
  await site.getByRole('link', { name: 'Offline registration' }).click();
  await site.getByTestId('keys-missing').waitFor();
  await shot(site, 'offline-no-keys');
  await expectAccessibleInBothSchemes(site, 'offline-no-keys');
  const keyFile = await (await fetch(`${portal.info.url}/api/v1/keys`)).text();
  await site.getByLabel('Portal key file').setInputFiles({ name: 'portal-keys.json', mimeType: 'application/json', buffer: Buffer.from(keyFile) });
  await site.getByTestId('key-fingerprint').first().waitFor();
  assert.match((await site.getByTestId('key-fingerprint').first().textContent()) ?? '', /^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);

  // --- Make the request for the ES: the lead, with its three shadows.
  const es = (await simAdmin(sim.info.url)<SimServerInfo[]>('servers')).find((s) => s.key === '_top')!;
  const target = site.getByLabel('Server', { exact: true });
  await target.selectOption({ value: `register ${es.address}` });
  assert.match((await site.getByTestId('request-preview').textContent()) ?? '', /and its 3 shadows/);
  await site.getByRole('button', { name: 'Make request' }).click();
  const card = site.locator('[data-testid="request"][data-state="pending"]').first();
  await card.waitFor();
  carried.requestId = (await card.getAttribute('data-request-id'))!;
  await waitForFocus(site, `e.id === 'request-${carried.requestId}-title'`); // focus on the request just made
  carried.systemId = (await card.getByTestId('request-system-id').textContent())!;
  carried.requestCode = (await card.getByTestId('request-code').textContent())!;
  assert.equal(carried.systemId, es.systemId);
  assert.equal(carried.requestCode.split('-').length, 22, carried.requestCode);
  await card.getByTestId('request-file-inventory').getByText('The file also carries the list of the 4 servers, signed for the portal, which keeps it.').waitFor();
  const qrWidth = await card.getByTestId('request-qr').evaluate((img) => {
    const image = img as unknown as { complete: boolean; naturalWidth: number };
    return image.complete ? image.naturalWidth : 0;
  });
  assert.ok(qrWidth > 0, 'the QR code image is shown (a data: image the CSP allows)');
  await site.getByRole('link', { name: /Offline registration/ }).locator('.nav-count').waitFor();
  await shot(site, 'offline-request');
  await expectAccessibleInBothSchemes(site, 'offline-request');

  // --- Connected companion: the portal's address, then log on as the partner (MFA asked).
  await connected.getByRole('link', { name: 'Portal' }).click();
  await connected.getByLabel('Portal address').fill('portal.example.com');
  await connected.getByRole('button', { name: 'Connect' }).click();
  await connected.locator('#portal-url-error').getByText(/https:\/\/host/).waitFor();
  await shot(connected, 'portal-connect-error');
  await expectAccessibleInBothSchemes(connected, 'portal-connect-error');
  await connected.getByLabel('Portal address').fill(portal.info.url);
  await connected.getByRole('button', { name: 'Connect' }).click();
  await connected.getByLabel('E-mail address').fill(partner.email);
  await connected.getByLabel('Password').fill(PASSWORD);
  await connected.getByRole('button', { name: 'Log on' }).click();
  await connected.getByTestId('mfa-asked').waitFor();
  await connected.getByLabel('Authenticator code').fill('12345');
  await shot(connected, 'portal-logon-mfa');
  await expectAccessibleInBothSchemes(connected, 'portal-logon-mfa');
  await connected.getByLabel('Authenticator code').fill(await totp(partner.totpSecret!));
  await connected.getByRole('button', { name: 'Log on' }).click();
  await connected.getByTestId('account').waitFor();
  assert.match((await connected.getByTestId('account').textContent()) ?? '', new RegExp(`${partner.email.replace(/[.+]/g, '\\$&')}.*Partner`));

  // --- Register or modify a system: System ID and request code, access check, the form.
  await connected.getByLabel('System ID', { exact: true }).fill(carried.systemId);
  await connected.getByLabel('Request code from the site').fill(carried.requestCode);
  await connected.getByTestId('request-input-live').getByText('All 22 groups check.').waitFor();
  await connected.getByRole('button', { name: 'Continue' }).click();
  await connected.getByTestId('access-message').getByText(/not registered yet/).waitFor();
  await shot(connected, 'portal-access');
  await expectAccessibleInBothSchemes(connected, 'portal-access');
  await connected.getByRole('button', { name: 'Proceed' }).click();

  const form = registrationForm();
  const inst = form.installation;
  const adm = form.siteAdministrator;
  const f = connected.locator('form.registration-form');
  await fillRegistrationForm(connected, { city: 'Atlantis', phone: '01 23 45 67 89' });
  await f.getByLabel('This system has a warranty to record').check();
  await f.getByLabel('Start date').fill('2026-01-01');
  await f.getByLabel('End date').fill('2025-01-01');
  // Consent is the end user's to give: the partner's form has none to tick.
  await f.getByTestId('consent-note').waitFor();

  // Checked in the page with the portal's own rules: each message next to its field, nothing lost.
  await f.getByRole('button', { name: 'Register system' }).click();
  await f.locator('#admin-phone-error').getByText(/Start the phone number with \+/).waitFor();
  await f.locator('#warranty-end-error').getByText(/cannot end before it starts/).waitFor();
  assert.equal(await f.locator('#admin-phone').getAttribute('aria-invalid'), 'true');
  assert.equal(await f.locator('#inst-siteName').inputValue(), inst.siteName, 'what was typed stays');
  await shot(connected, 'portal-form-errors');
  await expectAccessibleInBothSchemes(connected, 'portal-form-errors');
  await f.locator('#admin-phone').fill(adm.phone);
  await f.getByLabel('End date').fill('2028-12-31');
  // The portal's own check: a city that is not in its list for the state.
  await f.getByRole('button', { name: 'Register system' }).click();
  await f.locator('#inst-city-error').getByText(/Atlantis is not in our list of cities/).waitFor();
  await f.locator('#inst-city').fill(inst.city);
  await f.getByRole('button', { name: 'Register system' }).click();
  await f.getByTestId('registration-status').getByText(/Pending consent/).waitFor();
  await f.getByTestId('form-saved').getByText(/^Registered on the portal: pending the end user’s consent, revision \d+\.$/).waitFor();
  await waitForFocus(connected, `e.dataset.testid === 'form-saved'`); // success is said, and focused

  // --- Issue the code: the sheet with the Registration code, the token and its QR; saved to a file.
  await connected.getByRole('button', { name: 'Issue Registration code' }).click();
  const sheet = connected.getByTestId('code-sheet');
  await sheet.waitFor();
  carried.registrationCode = (await sheet.getByTestId('registration-code').textContent())!;
  assert.equal(await sheet.getByRole('button', { name: 'Copy' }).count(), 1, 'the code sheet has Copy, as the request code has');
  assert.match(carried.registrationCode, /^[0-9A-Z]{6}(-[0-9A-Z]{6}){5}$/);
  assert.equal(await sheet.getByTestId('sheet-system-id').textContent(), carried.systemId);
  const download = connected.waitForEvent('download');
  await sheet.getByRole('button', { name: 'Save to file' }).click();
  carried.codeFile = fs.readFileSync((await (await download).path())!, 'utf8');
  assert.match(carried.codeFile, new RegExp(`^Registration code: ${carried.registrationCode}$`, 'm'));
  assert.match(carried.codeFile, /^Token: BMSTK/m);
  await shot(connected, 'portal-code-sheet');
  await expectAccessibleInBothSchemes(connected, 'portal-code-sheet');
  // Printing shows the code sheet alone.
  await connected.emulateMedia({ media: 'print' });
  assert.equal(await display(connected.locator('nav.sidebar')), 'none');
  assert.equal(await display(connected.locator('form[aria-labelledby="start-title"]')), 'none');
  assert.notEqual(await display(sheet), 'none');
  await shot(connected, 'portal-code-sheet-print');
  await connected.emulateMedia({ media: 'screen' });

  // --- Back at the site: one typo in group 3 is named, live and by the companion; then the right code.
  const groups = carried.registrationCode.split('-');
  const g3 = groups[2]!;
  const typo = groups.map((g, i) => (i === 2 ? g.slice(0, 2) + (g3[2] === 'A' ? 'B' : 'A') + g.slice(3) : g)).join('-');
  const box = requestCard().getByTestId('code-input');
  await box.fill(typo.toLowerCase());
  await requestCard().getByTestId('code-input-live').getByText('Group 3 looks mistyped').waitFor();
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  await requestCard().getByRole('button', { name: 'Apply code' }).click();
  await requestCard().getByTestId('code-input-error').getByText(/Group 3 is mistyped/).waitFor();
  assert.equal(await box.inputValue(), typo.toLowerCase(), 'the typed code stays in the box');
  await waitForFocus(site, `e.id === 'code-${carried.requestId}'`); // refused: focus back in the box
  assert.equal(await requestCard().getByTestId('code-input-live').textContent(), '', 'one message about group 3, not two alike');
  await shot(site, 'offline-code-typo');
  await expectAccessibleInBothSchemes(site, 'offline-code-typo');

  await box.fill(carried.registrationCode);
  await requestCard().getByTestId('code-input-live').getByText('All 6 groups check.').waitFor();
  await requestCard().getByRole('button', { name: 'Apply code' }).click();
  const applied = site.locator(`[data-testid="request"][data-request-id="${carried.requestId}"][data-state="applied"]`);
  await applied.waitFor();
  await applied.getByTestId('server-state').nth(3).waitFor();
  await waitForFocus(site, `e.dataset.testid === 'request-summary'`); // applied: focus on the result
  // Written to every server before apply answers; events may still be arriving: wait for all four.
  await site.waitForFunction(`[...document.querySelectorAll('[data-request-id="${carried.requestId}"] [data-testid="server-state"]')].every((e) => e.textContent === 'Done')`);
  assert.deepEqual(await applied.getByTestId('server-state').allTextContents(), ['Done', 'Done', 'Done', 'Done']);
  assert.match((await applied.getByTestId('request-summary').textContent()) ?? '', new RegExp(`^Registered offline on [A-Z][a-z]{2} \\d{1,2}, \\d{4}, code ${carried.registrationCode}; written to all 4 servers\\.$`));
  await shot(site, 'offline-applied');
  await expectAccessibleInBothSchemes(site, 'offline-applied');

  // --- The simulator's servers hold it: the ES and its three automation servers.
  const servers = await simAdmin(sim.info.url)<SimServerInfo[]>('servers');
  assert.equal(servers.length, 4);
  for (const server of servers) {
    assert.equal(server.registration.state, 'registered', server.key);
    assert.equal(server.registration.method, 'offline', server.key);
    assert.equal(server.registration.code, carried.registrationCode, server.key);
    assert.equal(server.registration.leadSystemId, carried.systemId, server.key);
  }

  // --- And the site tree says so: the lead registered, its shadows inherit.
  await site.getByRole('link', { name: 'Site' }).click();
  await site.locator(`[data-testid="server-row"][data-address="${es.address}"]`).getByTestId('status').getByText('Registered').waitFor();
  const statuses = await site.getByTestId('status').allTextContents();
  assert.deepEqual(statuses.sort(), ['Inherits from lead', 'Inherits from lead', 'Inherits from lead', 'Registered']);
});

test('the same code entered again is refused as used; a System ID typed in the wrong case is caught at the portal', async () => {
  assert.ok(carried.registrationCode, 'needs the first test');
  await site.getByRole('link', { name: /Offline registration/ }).click();
  await requestCard().getByRole('button', { name: /Enter a code for this request again/ }).click();
  await requestCard().getByTestId('code-input').fill(carried.registrationCode);
  await requestCard().getByRole('button', { name: 'Apply code' }).click();
  await requestCard().getByTestId('code-input-error').getByText(/answered already .* A code is accepted once; nothing was changed/).waitFor();
  await shot(site, 'offline-code-again');
  await expectAccessibleInBothSchemes(site, 'offline-code-again');
  // The file saved at the portal, opened at the site: refused the same way.
  await requestCard().getByTestId('code-input').fill('');
  await requestCard().getByLabel(/Code file for request/).setInputFiles({ name: 'code.txt', mimeType: 'text/plain', buffer: Buffer.from(carried.codeFile) });
  await requestCard().getByTestId('code-input-error').getByText(/answered already/).waitFor();
  const held = await simAdmin(sim.info.url)<SimServerInfo[]>('servers');
  assert.ok(held.every((s) => s.registration.code === carried.registrationCode), 'nothing changed on the servers');

  await connected.getByRole('button', { name: 'Another system' }).click();
  const wrong = wrongCase(carried.systemId);
  assert.notEqual(wrong, carried.systemId);
  await connected.getByLabel('System ID', { exact: true }).fill(wrong);
  await connected.getByLabel('Request code from the site').fill(carried.requestCode);
  await connected.getByRole('button', { name: 'Continue' }).click();
  const message = connected.getByTestId('systemId-error');
  await message.getByText(/upper and lower case/).waitFor();
  assert.match((await message.textContent()) ?? '', new RegExp(`not made for System ID "${wrong}"`));
  assert.equal(await connected.getByLabel('System ID', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await connected.getByTestId('access-message').count(), 0, 'the portal was not asked to register the wrong ID');
  await shot(connected, 'portal-wrong-case');
  await expectAccessibleInBothSchemes(connected, 'portal-wrong-case');
  const lookup = await partner.client.call('systemAccess', { params: { systemId: wrong } });
  assert.equal(lookup.access, 'unregistered', 'no registration was made under the mistyped ID');

  // With the right case the system is the partner's: the form comes filled from the portal, and the
  // same request answered again gets the same code.
  await connected.getByLabel('System ID', { exact: true }).fill(carried.systemId);
  await connected.getByRole('button', { name: 'Continue' }).click();
  await connected.getByTestId('access-message').getByText(/You are this system's integrator/).waitFor();
  await connected.getByRole('button', { name: 'Proceed' }).click();
  assert.equal(await connected.locator('#inst-siteName').inputValue(), registrationForm().installation.siteName);
  assert.equal(await connected.locator('#warranty-end').inputValue(), '2028-12-31');
  await connected.getByRole('button', { name: 'Issue Registration code' }).click();
  assert.equal(await connected.getByTestId('code-sheet').getByTestId('registration-code').textContent(), carried.registrationCode);
  await connected.getByRole('button', { name: 'Another system' }).click();
});

test('after a database wipe, the new System ID is associated offline from the server panel through the portal screens', async () => {
  assert.ok(carried.registrationCode, 'needs the first test');
  const admin = simAdmin(sim.info.url);
  await admin('servers/_top/wipe', 'POST');
  const es = (await admin<SimServerInfo[]>('servers')).find((s) => s.key === '_top')!;
  assert.notEqual(es.systemId, carried.systemId);

  // Site: read again; the ES is flagged; its panel offers the offline association.
  await site.getByRole('link', { name: 'Site' }).click();
  await site.getByRole('button', { name: 'Read again' }).click();
  const row = site.locator(`[data-testid="server-row"][data-address="${es.address}"]`);
  await row.getByTestId('status').getByText('Needs re-association').waitFor();
  await row.getByRole('button', { name: 'ES-1', exact: true }).click();
  await site.getByRole('button', { name: 'Associate the new System ID offline…' }).click();
  assert.equal(await site.getByLabel('Server', { exact: true }).inputValue(), `associate ${es.address}`);
  assert.match((await site.getByTestId('request-preview').textContent()) ?? '', new RegExp(`new System ID ${es.systemId} of ES-1 with the registration of ${carried.systemId}`));
  await site.getByRole('button', { name: 'Make request' }).click();
  const card = site.locator('[data-testid="request"][data-state="pending"]').first();
  await card.waitFor();
  const requestId = (await card.getAttribute('data-request-id'))!;
  assert.equal(await card.getByTestId('request-system-id').textContent(), es.systemId);
  const download = site.waitForEvent('download');
  await card.getByRole('button', { name: 'Save to file' }).click();
  const requestFile = fs.readFileSync((await (await download).path())!, 'utf8');
  const associationCode = (await card.getByTestId('request-code').textContent())!;
  assert.match(requestFile, new RegExp(`^BMS-REQUEST-2\nCode: ${associationCode}\nSystem ID: ${es.systemId}\n`));
  assert.match(requestFile, /\nInventory: [A-Za-z0-9_-]+\nInventory MAC: \d+:[A-Za-z0-9_-]{22}\n$/);

  // Connected: the code typed (not the file) says it is an association itself: the Associate path
  // opens, the System ID typed becomes the new one, and a wrong registered ID is caught before the portal.
  await connected.getByLabel('Register a system, or modify its registration').check();
  await connected.getByLabel('System ID', { exact: true }).fill(es.systemId);
  await connected.getByLabel('Request code from the site').fill(associationCode);
  await connected.getByTestId('request-kind-note').waitFor();
  assert.equal(await connected.getByLabel('Associate a new System ID with a registered system').isChecked(), true);
  assert.equal(await connected.getByLabel('New System ID', { exact: true }).inputValue(), es.systemId);
  await connected.getByLabel('Registered System ID (before the wipe)').fill(`${carried.systemId}x`);
  await connected.getByRole('button', { name: 'Continue' }).click();
  await connected.getByTestId('systemId-error').getByText(/made to replace another System ID/).waitFor();
  await shot(connected, 'portal-associate-typed');
  await expectAccessibleInBothSchemes(connected, 'portal-associate-typed');

  // Connected: the request file, carried on a USB stick, says it is an association and names the
  // registered System ID it replaces: the Associate path opens with both IDs filled in.
  assert.match(requestFile, new RegExp(`\nKind: associate\nReplaces System ID: ${carried.systemId}\n`));
  await connected.getByLabel('Register a system, or modify its registration').check();
  await connected.getByLabel('Request file').setInputFiles({ name: 'bms-request.txt', mimeType: 'text/plain', buffer: Buffer.from(requestFile) });
  await connected.getByText('From the file bms-request.txt').waitFor();
  assert.equal(await connected.getByLabel('Associate a new System ID with a registered system').isChecked(), true);
  assert.equal(await connected.getByLabel('Registered System ID (before the wipe)').inputValue(), carried.systemId);
  assert.equal(await connected.getByLabel('New System ID', { exact: true }).inputValue(), es.systemId);
  await connected.getByRole('button', { name: 'Continue' }).click();
  await connected.getByTestId('access-message').getByText(/proceed to view or modify it/).waitFor();
  await connected.getByRole('button', { name: 'Proceed' }).click();
  await connected.getByRole('button', { name: 'Associate and issue Registration code' }).click();
  const sheet = connected.getByTestId('code-sheet');
  await sheet.waitFor();
  assert.equal(await sheet.getByTestId('sheet-system-id').textContent(), es.systemId);
  const code = (await sheet.getByTestId('registration-code').textContent())!;
  await shot(connected, 'portal-associate-sheet');
  await expectAccessibleInBothSchemes(connected, 'portal-associate-sheet');

  // Site: the code, typed with spaces instead of dashes, associates the new ID. One automation server
  // refuses the write at first: its row says why and the write is retried on its own.
  const faulty = (await admin<SimServerInfo[]>('servers')).find((s) => s.key !== '_top')!;
  await admin(`servers/${faulty.key}/fault`, 'PUT', { kind: 'http-500' });
  const pending = site.locator(`[data-testid="request"][data-request-id="${requestId}"]`);
  await pending.getByTestId('code-input').fill(code.replace(/-/g, ' '));
  await pending.getByRole('button', { name: 'Apply code' }).click();
  const applied = site.locator(`[data-testid="request"][data-request-id="${requestId}"][data-state="applied"]`);
  const faultyRow = applied.locator(`[data-testid="result-row"][data-address="${faulty.address}"]`);
  await faultyRow.getByTestId('server-state').getByText('Retrying').waitFor();
  assert.notEqual(((await faultyRow.locator('td').nth(4).textContent()) ?? '').trim(), '', 'the reason is shown');
  await applied.getByTestId('request-summary').getByText(/written to 3 of 4 servers; the rest are being retried/).waitFor();
  await applied.getByTestId('retrying-note').waitFor();
  await shot(site, 'offline-retrying');
  await expectAccessibleInBothSchemes(site, 'offline-retrying');
  await admin(`servers/${faulty.key}/fault`, 'DELETE');
  await applied.getByTestId('request-summary').getByText(new RegExp(`^New System ID ${es.systemId} associated offline on .*written to all 4 servers\\.$`)).waitFor();
  assert.equal(await faultyRow.getByTestId('server-state').textContent(), 'Done');
  await shot(site, 'offline-associated');
  await expectAccessibleInBothSchemes(site, 'offline-associated');
  const top = (await admin<SimServerInfo[]>('servers')).find((s) => s.key === '_top')!;
  assert.equal(top.registration.state, 'registered');
  assert.equal(top.registration.method, 'offline');
  assert.equal(top.registration.code, code);
  await site.getByRole('link', { name: 'Site' }).click();
  await row.getByTestId('status').getByText('Registered').waitFor();
});

test('a partner who has not set up two-step verification enrols first and sees the recovery codes once', async () => {
  const email = uniqueEmail('partner-new');
  await new PortalClient({ baseUrl: portal.info.url }).call('signUp', { body: { email, password: PASSWORD, name: 'New Partner', organization: 'Fresh Integrators', kind: 'partner' } });
  // The address verified from the mail the portal wrote (the unverified screen has its own test).
  await verifyAddress(outboxMailbox(), email);
  await connected.getByRole('button', { name: 'Log off' }).click();
  await connected.getByLabel('E-mail address').fill(email);
  await connected.getByLabel('Password').fill(PASSWORD);
  await connected.getByRole('button', { name: 'Log on' }).click();
  await connected.getByRole('button', { name: 'Set up the authenticator' }).click();
  await connected.getByTestId('mfa-qr').waitFor();
  const secret = ((await connected.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
  await connected.getByLabel('Code from the app').fill('000000');
  await connected.getByRole('button', { name: 'Confirm' }).click();
  await connected.locator('#mfa-code-error').waitFor();
  await shot(connected, 'portal-mfa-enrol');
  await expectAccessibleInBothSchemes(connected, 'portal-mfa-enrol');
  await connected.getByLabel('Code from the app').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
  await connected.getByRole('button', { name: 'Confirm' }).click();
  const codes = connected.getByTestId('recovery-codes');
  await codes.waitFor();
  assert.equal(await codes.locator('li').count() > 0, true);
  await shot(connected, 'portal-recovery-codes');
  await expectAccessibleInBothSchemes(connected, 'portal-recovery-codes');
  await connected.getByLabel('I have written these codes down').check();
  await connected.getByRole('button', { name: 'Continue' }).click();
  await connected.getByLabel('System ID', { exact: true }).waitFor();
  assert.equal(await codes.count(), 0, 'shown once');
  assert.deepEqual(consoleErrors, [], 'no console errors on either page (CSP violations show here)');
});

test('the partner invites the end user, who alone can join the system and give consent', async () => {
  assert.ok(carried.systemId, 'needs the first test');
  const endUser = await newAccount(portal.info.url, { kind: 'end-user' });
  // The system as it is now: the wipe test gave it a new System ID.
  const systemId = (await partner.client.call('getSystem', { params: { systemId: carried.systemId } })).systemId;
  const logOn = async (email: string, secret: string | null) => {
    await connected.getByRole('button', { name: 'Log off' }).click();
    // The log-on form once the log-off is through (until then the invite card's e-mail field is the one on the page).
    await connected.locator('form.logon').waitFor();
    await connected.locator('form.logon').getByLabel('E-mail address').fill(email);
    await connected.getByLabel('Password').fill(PASSWORD);
    await connected.getByRole('button', { name: 'Log on' }).click();
    if (secret) {
      await connected.getByTestId('mfa-asked').waitFor();
      await connected.getByLabel('Authenticator code').fill(await totp(secret));
      await connected.getByRole('button', { name: 'Log on' }).click();
    }
    await connected.getByTestId('account').getByText(email).waitFor();
  };
  const openSystem = async (accessText: RegExp) => {
    await connected.getByLabel('System ID', { exact: true }).fill(systemId);
    await connected.getByRole('button', { name: 'Continue' }).click();
    await connected.getByTestId('access-message').getByText(accessText).waitFor();
  };

  // Before the invitation the end user cannot proceed: knowing the System ID is not enough.
  await logOn(endUser.email, null);
  await openSystem(/ask them to invite/);
  assert.equal(await connected.getByRole('button', { name: 'Proceed' }).count(), 0);
  await connected.getByRole('button', { name: 'Cancel' }).click();

  await logOn(partner.email, partner.totpSecret);
  await openSystem(/You are this system's integrator/);
  await connected.getByRole('button', { name: 'Proceed' }).click();
  const card = connected.getByTestId('invite-card');
  await card.getByLabel('E-mail address').fill(endUser.email);
  await card.getByRole('button', { name: 'Invite' }).click();
  await card.getByTestId('invitations').getByText(endUser.email).waitFor();
  await shot(connected, 'portal-invite');
  await expectAccessibleInBothSchemes(connected, 'portal-invite');

  // Invited: the companion says where to accept (the link in the mail), and offers no Proceed.
  await logOn(endUser.email, null);
  await openSystem(/You were invited to be this system's end user: open the link in the invitation mail/);
  assert.equal(await connected.getByRole('button', { name: 'Proceed' }).count(), 0);
  await connected.getByRole('button', { name: 'Cancel' }).click();
  // The end user follows the link in the mail the portal wrote, logs on there and accepts.
  await acceptInvitation(endUser);
  await openSystem(/You are this system's end user/);
  await connected.getByRole('button', { name: 'Proceed' }).click();
  const f = connected.locator('form.registration-form');
  await f.getByLabel('I consent to sharing system information').check();
  await f.getByLabel('I consent to sharing personal information').check();
  await f.getByRole('button', { name: 'Save changes' }).click();
  await f.getByTestId('registration-status').getByText(/Confirmed/).waitFor();
  await shot(connected, 'portal-end-user-consent');
  await expectAccessibleInBothSchemes(connected, 'portal-end-user-consent');
  const view = await endUser.client.call('getSystem', { params: { systemId } });
  assert.equal(view.status, 'confirmed');
  assert.equal(view.consent.shareSystemInformation.by, endUser.email);
  assert.equal(view.integratorLocked, true, 'the end user is associated: the integrator no longer edits the addresses');
});
