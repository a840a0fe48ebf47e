// My systems and the System Information page end to end: a real portal process with a partner
// account holding 120 systems (registered through the portal's API), the simulator (1 ES + 3 AS)
// read by a browser-mode companion in headless Chromium. The partner logs on in the Portal screen;
// My systems shows the total, pages, searches, sorts and exports; the ES's system opens its
// System Information with its fields, history, audit log and the site side by side, where
// "Write again" writes the registration to the servers. Screenshots go to /tmp/shots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expectAccessibleInBothSchemes, layoutOverflows } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { nextTotp, newAccount, PASSWORD, registrationForm, type TestAccount } from '../support/portal-accounts.js';
import { SIM_LOGIN, startCompanion, startPortal, startSim, tempDir, type Started } from '../support/processes.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp/shots';
const TOTAL = 120;

let sim: Started<{ url: string }>;
let portal: Started<{ url: string }>;
let app: Started<{ url: string }>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let partner: TestAccount;
let es: SimServerInfo;
/** Every System ID the partner holds (119 made up here and the simulated ES's), with its site name. */
const systemIds: string[] = [];
const siteNames: string[] = [];
const consoleErrors: string[] = [];

/** Odd systems are "Quay House n", even ones "Harbour Tower n": a search for Quay finds half. */
const siteNameOf = (n: number) => (n % 2 ? `Quay House ${n}` : `Harbour Tower ${n}`);

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [sim, portal, app, browser] = await Promise.all([startSim(['--es', '1', '--as', '3']), startPortal(tempDir('ms-portal')), startCompanion(tempDir('ms-companion')), launchChromium()]);
  partner = await newAccount(portal.info.url, { kind: 'partner' });
  es = (await simAdmin(sim.info.url)<SimServerInfo[]>('servers')).find((s) => s.key === '_top')!;

  // Made in a shuffled order, so that "last change" order and System ID order differ.
  const made = Array.from({ length: TOTAL - 1 }, (_, i) => `SYS-${String(100 + i)}-${(i * 7919).toString(36).toUpperCase()}`);
  const order = made.map((id, i) => ({ id, key: (i * 37) % made.length })).sort((a, b) => a.key - b.key);
  for (let i = 0; i < order.length; i += 10) {
    await Promise.all(
      order.slice(i, i + 10).map(({ id }, j) => partner.client.call('registerSystem', { params: { systemId: id }, body: registrationForm({ siteName: siteNameOf(i + j) }) })),
    );
  }
  systemIds.push(...order.map((o) => o.id));
  siteNames.push(...order.map((_, n) => siteNameOf(n)));
  // The ES's system last: the newest, so the first page (latest change first) starts with it.
  await partner.client.call('registerSystem', { params: { systemId: es.systemId }, body: registrationForm({ siteName: 'Simulated Site' }) });
  systemIds.push(es.systemId);
  siteNames.push('Simulated Site');

  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(app.info.url);
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), portal?.stop(), sim?.stop()]);
});

const shot = async (name: string, size: { width: number; height: number }) => {
  await page.setViewportSize(size);
  await page.screenshot({ path: path.join(SHOTS, `${name}-${size.width}x${size.height}.png`), fullPage: true });
  await expectAccessibleInBothSchemes(page, `${name} at ${size.width}x${size.height}`);
};
const display = (locator: Locator) => locator.evaluate((e) => (globalThis as unknown as { getComputedStyle(el: unknown): { display: string } }).getComputedStyle(e).display);
const rowIds = async () => page.getByTestId('system-link').allTextContents();
const range = () => page.getByTestId('systems-range');
const caseless = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

test('My systems before logging on says so and links to the Portal screen', async () => {
  await page.getByRole('link', { name: 'My systems' }).click();
  await page.getByTestId('systems-logged-off').waitFor();
  assert.match(page.url(), /#systems$/);
  await page.getByTestId('systems-logged-off').getByRole('link', { name: 'Portal screen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Registration Portal' }).waitFor();
});

test('the partner logs on; My systems pages, searches, sorts and exports 120 systems', async () => {
  // The companion reads the simulated site first, so the ES's System Information can set it beside the portal.
  await page.getByRole('link', { name: 'Site', exact: true }).click();
  await page.getByLabel('Server addresses').fill(sim.info.url);
  await page.getByLabel('User name').fill(SIM_LOGIN.username);
  await page.getByLabel('Password', { exact: true }).fill(SIM_LOGIN.password);
  await page.getByRole('button', { name: 'Save and read site' }).click();
  await page.getByTestId('server-row').nth(3).waitFor();

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
  await page.getByTestId('systems-total').getByText('120 systems').waitFor();
  assert.equal(await range().textContent(), '1–50 of 120');
  const first = await rowIds();
  assert.equal(first.length, 50);
  assert.equal(first[0], es.systemId, 'latest change first: the ES was registered last');
  assert.equal(await page.getByTestId('sort-updatedAt').locator('xpath=..').getAttribute('aria-sort'), 'descending');
  await shot('my-systems', { width: 1280, height: 800 });
  for (const size of [{ width: 1024, height: 700 }, { width: 800, height: 600 }]) {
    await shot('my-systems', size);
    assert.deepEqual(await layoutOverflows(page), [], `My systems at ${size.width}: no column cut, "Last change" in the window`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Page 2: other systems.
  await page.getByRole('button', { name: 'Next' }).click();
  await range().getByText('51–100 of 120').waitFor();
  const second = await rowIds();
  assert.equal(second.length, 50);
  assert.equal(second.filter((id) => first.includes(id)).length, 0, 'page 2 repeats nothing of page 1');
  await page.getByRole('button', { name: 'Next' }).click();
  await range().getByText('101–120 of 120').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true, 'no page after the last');

  // Search as you type: back to page 1, narrowed to the "Quay House" systems.
  const quays = siteNames.filter((n) => n.startsWith('Quay House')).length;
  await page.getByLabel('Search').fill('quay');
  await page.getByTestId('systems-total').getByText(`${quays} systems match “quay”`).waitFor();
  assert.equal(await range().textContent(), `1–50 of ${quays}`);
  for (const name of await page.locator('.sys-site').allTextContents()) assert.match(name, /^Quay House /);
  await page.getByLabel('Search').fill('no such system anywhere');
  await page.getByTestId('systems-empty').getByText(/No system matches/).waitFor();
  await page.getByTestId('systems-empty').getByRole('button', { name: 'clear the search' }).click();
  await page.getByTestId('systems-total').getByText('120 systems').waitFor();

  // Sort by System ID, ascending: the smallest first. The portal orders without regard to (ASCII) case.
  await page.getByTestId('sort-systemId').click();
  await page.locator('th[aria-sort="ascending"]').getByText('System ID').waitFor();
  const byId = [...systemIds].sort(caseless);
  const smallest = byId[0]!;
  await page.getByTestId('system-link').first().getByText(smallest, { exact: true }).waitFor();
  // The smallest is also the newest (first before sorting): wait for the last row of the sorted page too.
  await page.getByTestId('system-link').nth(49).getByText(byId[49]!, { exact: true }).waitFor();
  const sorted = await rowIds();
  assert.deepEqual(sorted, byId.slice(0, 50), 'the first page is the 50 smallest, in order');
  await page.getByTestId('sort-systemId').click();
  await page.locator('th[aria-sort="descending"]').getByText('System ID').waitFor();
  await page.getByTestId('system-link').first().getByText(byId.at(-1)!, { exact: true }).waitFor();

  // Page size.
  await page.getByLabel('Per page').selectOption('100');
  await range().getByText('1–100 of 120').waitFor();
  assert.equal((await rowIds()).length, 100);

  // Export: every system, not only the page shown, as a file.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^my-systems-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'System ID,Site name,City,Country,Status,Your role,Last change');
  assert.equal(lines.length, TOTAL + 1, 'a header and one line per system');
  for (const id of systemIds) assert.ok(lines.some((l) => l.startsWith(`${id},`)), `${id} is in the CSV`);
  await page.getByTestId('export-outcome').getByText(/Saved my-systems-.*: 120 systems/).waitFor();
});

test('System Information for the ES: fields, history, audit, the site side by side, write again, print', async () => {
  // Found by searching its System ID, opened from the keyboard.
  await page.getByLabel('Search').fill(es.systemId);
  await page.getByTestId('systems-total').getByText('1 system match').waitFor();
  await page.getByTestId('system-link').first().focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'System Information' }).waitFor();
  assert.equal(new URL(page.url()).hash, `#system/${encodeURIComponent(es.systemId)}`);
  assert.equal(await page.getByTestId('info-system-id').textContent(), es.systemId);

  const installation = page.getByTestId('info-installation');
  await installation.getByText('Simulated Site').waitFor();
  assert.match((await installation.textContent()) ?? '', /Harbour Estates.*1 Quay Street.*Paris.*75001/s);
  assert.match((await page.getByTestId('info-admin').textContent()) ?? '', /Sam Admin.*\+33/s);
  assert.match((await page.getByTestId('info-consent').textContent()) ?? '', /Not answered yet/);
  assert.match((await page.getByTestId('info-owners').textContent()) ?? '', new RegExp(partner.email.replace(/[.+]/g, '\\$&')));
  const history = page.getByTestId('history-row');
  assert.equal(await history.count(), 1);
  assert.match((await history.first().textContent()) ?? '', new RegExp(`${es.systemId}.*Current`));
  assert.ok((await page.getByTestId('audit-row').count()) >= 1, 'the registration is in the audit log');
  assert.match((await page.getByTestId('audit-row').first().textContent()) ?? '', /Registered/);
  // Headings in order: one h1, then h2s.
  const levels = await page.locator('main h1, main h2, main h3').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  assert.equal(levels[0], 1);
  for (let i = 1; i < levels.length; i++) assert.ok(levels[i]! <= levels[i - 1]! + 1, `heading levels skip: ${levels.join(',')}`);

  // The site as the companion read it: the ES leads, its three automation servers shadow it, none holds the registration yet.
  const rows = page.getByTestId('compare-row');
  assert.equal(await rows.count(), 4);
  assert.equal(await rows.first().getAttribute('data-state'), 'not-written');
  assert.match((await rows.first().textContent()) ?? '', /Differs/, 'the difference is written, not only coloured');
  await shot('system-info', { width: 1280, height: 800 });
  await shot('system-info', { width: 800, height: 600 });
  assert.deepEqual(await layoutOverflows(page), [], 'System Information at 800x600');
  // Narrow, the tables become one block per row: nothing to scroll sideways, the sidebar's language switch inside it.
  const sideways = await page.evaluate<string[]>(`[...document.querySelectorAll('.sys-scroll, .sys-section, .sidebar')]
    .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => (e.getAttribute('aria-label') || e.className) + ': ' + e.scrollWidth + ' > ' + e.clientWidth)`);
  assert.deepEqual(sideways, [], 'nothing scrolls sideways at 800x600');
  await page.setViewportSize({ width: 1280, height: 800 });

  await rows.first().getByTestId('action-write-again').click();
  const outcome = page.getByTestId('action-outcome');
  await outcome.waitFor({ timeout: 30_000 });
  assert.match((await outcome.textContent()) ?? '', /Registered online|written/i);
  assert.equal(await outcome.evaluate((e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement), true, 'focus moves to the result');
  const held = await simAdmin(sim.info.url)<SimServerInfo[]>('servers');
  assert.ok(held.every((s) => s.registration.state === 'registered'), 'every simulated server holds the registration');
  // The inventory the write reported is on the portal now, and every server is in step.
  await page.getByTestId('inventory-row').nth(3).waitFor();
  await page.locator('[data-testid="compare-row"][data-state="ok"]').nth(3).waitFor();
  await page.getByTestId('info-site').getByText('every server is in step with the portal').waitFor();
  await shot('system-info-written', { width: 1280, height: 800 });

  // Back to My systems, where the search was left; and into the system again with the mouse.
  await page.getByRole('link', { name: 'Back to My systems' }).click();
  await page.getByTestId('systems-total').getByText('1 system match').waitFor();
  await page.getByTestId('system-row').first().locator('td').nth(1).click();
  await page.getByTestId('info-installation').getByText('Simulated Site').waitFor();

  // A reload stays on the same system.
  await page.reload();
  await page.getByTestId('info-installation').getByText('Simulated Site').waitFor();
  assert.equal(await page.getByTestId('info-system-id').textContent(), es.systemId);

  // Print: no sidebar, no buttons, black on white.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await display(page.locator('nav.sidebar')), 'none');
  // (Hidden elements have no role to find them by: found by their text.)
  assert.equal(await display(page.locator('button', { hasText: 'Print / save as PDF' })), 'none');
  assert.equal(await display(page.locator('.sys-back')), 'none');
  const ink = await page.getByTestId('info-installation').evaluate((e) => (globalThis as unknown as { getComputedStyle(el: unknown): { color: string; backgroundColor: string } }).getComputedStyle(e));
  assert.equal(ink.color, 'rgb(0, 0, 0)');
  assert.equal(ink.backgroundColor, 'rgb(255, 255, 255)');
  await page.screenshot({ path: path.join(SHOTS, 'system-info-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('a System ID in the address that cannot be read is said so, not a crash', async () => {
  await page.goto(`${app.info.url.split('#')[0]}#system/%E0%A4%A`);
  await page.getByTestId('info-no-id').getByText(/does not name a system/).waitFor();
  await page.getByTestId('info-no-id').getByRole('link', { name: 'My systems' }).click();
  await page.getByRole('heading', { level: 1, name: 'My systems' }).waitFor();
  assert.deepEqual(consoleErrors, []);
});
