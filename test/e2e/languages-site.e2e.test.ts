// Issue 12, languages, for the Site screen: a French system reads the simulator site and shows it in
// French (progress, headings, column headers, status badges, the details panel), a German one in
// German (with the connection form and the overwrite warning, German being the longest), and no
// text overflows its box at 1280x800 or 800x600. What main says (errors, read notes, warnings)
// stays English. Screenshots: /tmp/shots-i18n/site-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { layoutOverflows, textOverflows } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { startCompanion, startSim, tempDir, type Started } from '../support/processes.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';

let sim: Started<{ url: string }>;
// One companion: the site's connection and last read live in main, so German sees what French read.
let app: Started<{ url: string }>;
let browser: Browser;
let servers: SimServerInfo[];
const shots = '/tmp/shots-i18n';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
];
const LOGIN = { username: 'integrator', password: 'Site-Pass-1' };

before(async () => {
  // 100 ms per request, so the read lasts long enough to see its progress.
  [sim, app, browser] = await Promise.all([
    startSim(['--ec', '--es', '1', '--as', '2', '--standalone', '1', '--latency', '100', '--user', LOGIN.username, '--password', LOGIN.password]),
    startCompanion(tempDir('i18n-site-companion')),
    launchChromium(),
  ]);
  await simAdmin(sim.info.url)('servers/sa-1/registration', 'PUT', {
    state: 'registered',
    method: 'online',
    organization: 'Acme Controls',
    siteName: 'North plant',
    code: 'REG-7731',
    registeredAt: '2026-03-02T09:00:00Z',
  });
  servers = await simAdmin(sim.info.url)<SimServerInfo[]>('servers');
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), sim?.stop()]);
});

const byKey = (key: string) => servers.find((s) => s.key === key)!;

async function openSite(locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: SIZES[0] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(app.info.url);
  return { page, errors };
}

const row = (page: Page, address: string) => page.locator(`[data-testid="server-row"][data-address="${address}"]`);
// Every column's header, those hidden at this width too (Type shows on wide windows only).
const headers = (page: Page) => page.locator('.servers th').allTextContents();
/** The texts of the elements, soft hyphens (where a long German word may break) dropped. */
const terms = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).map((text) => text.replaceAll('\u00AD', ''));

/** The text boxes checked for words that do not fit (long German words). */
const TEXT_BOXES = 'main h1, main h2, main h3, main p, main label, main legend, main summary, main button, main select, main dt, main dd, main th, main .muted, main .badge, dialog h2, dialog p, dialog button, dialog dt, dialog dd';

/** An i18next key shown instead of its text: a key missing from the resources. */
async function shownKeys(page: Page): Promise<string[]> {
  const text = await page.evaluate<string>('document.body.innerText');
  return text.match(/\b(site|common)\.[a-zA-Z]+\.[a-zA-Z.]+/g) ?? [];
}

/** Screenshots at each size, each checked for overflow and for keys left untranslated. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(shots, `site-${name}-${size.width}x${size.height}.png`), fullPage: true });
    assert.deepEqual([...(await layoutOverflows(page)), ...(await textOverflows(page, TEXT_BOXES, { fixedToo: true }))], [], `${name} at ${size.width}x${size.height}: nothing overflows`);
  }
  assert.deepEqual(await shownKeys(page), [], `${name}: no key shown instead of its text`);
  await page.setViewportSize(SIZES[0]!);
}

test('a French system reads the site and shows it in French', async () => {
  const { page, errors } = await openSite('fr-FR');
  await page.getByRole('heading', { level: 1, name: 'Site' }).waitFor();
  assert.equal(await page.evaluate<string>('document.documentElement.lang'), 'fr');
  await page.getByText('Indiquez au companion l’Enterprise Central').waitFor();
  await shoot(page, 'fr-connection');

  await page.getByLabel('Adresses des serveurs').fill(`${sim.info.url}\n${sim.info.url}/sa-1`);
  await page.getByLabel('Nom d’utilisateur', { exact: true }).fill(LOGIN.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(LOGIN.password);
  await page.getByRole('button', { name: 'Enregistrer et lire le site' }).click();

  await page.getByText('Lecture du site…').waitFor();
  await page.getByTestId('progress-counts').filter({ hasText: /^[1-9]\d* sur \d+ serveurs?/ }).waitFor();
  await page.screenshot({ path: path.join(shots, 'site-fr-progress.png') });
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 20_000 });

  await page.getByTestId('server-row').nth(servers.length - 1).waitFor();
  assert.match((await page.getByTestId('read-summary').textContent()) ?? '', /^\d+ serveurs, \d+ (requiert|requièrent) votre attention · lu le /);
  assert.deepEqual(await headers(page), ['Serveur', 'État', 'ID système', 'Type', 'Enregistrement']);
  const sa1 = byKey('sa-1');
  const ec = byKey('_top');
  assert.equal(await row(page, sa1.address).getByTestId('status').textContent(), 'Enregistré');
  assert.equal(await row(page, ec.address).getByTestId('status').textContent(), 'Non enregistré');
  assert.equal(await row(page, ec.address).locator('td').nth(3).textContent(), 'Enterprise Central');
  assert.equal(await row(page, sa1.address).locator('td').nth(3).textContent(), 'Automation Server');
  assert.equal(await row(page, ec.address).locator('td').nth(4).textContent(), 'Propre (serveur principal)');
  assert.deepEqual(
    (await page.getByLabel('Afficher').locator('option').allTextContents()).slice(2),
    ['Enregistré', 'Hérité du serveur principal', 'Non enregistré', 'Réassociation requise', 'Injoignable', 'EWS désactivé'],
  );
  await shoot(page, 'fr-tree');

  // The details of a registered stand-alone server.
  await row(page, sa1.address).getByRole('button', { name: sa1.name }).click();
  const detail = page.getByTestId('detail');
  await detail.getByRole('heading', { name: `Serveur ${sa1.name}` }).waitFor();
  assert.deepEqual(await terms(page, '[data-testid="detail"] > dl.facts:not([data-testid]) dt'), ['ID système', 'Type', 'Version', 'Adresse', 'Dernière lecture']);
  assert.equal(await detail.getByTestId('status').textContent(), 'Enregistré');
  await detail.getByRole('heading', { name: 'Enregistrement' }).waitFor();
  assert.match((await detail.getByTestId('registration').locator('dd').first().textContent()) ?? '', /^En ligne le 2 mars 2026, code REG-7731$/);
  assert.deepEqual(await terms(page, '[data-testid="registration"] dt'), ['Enregistré', 'Organisation', 'Site']);
  await detail.getByRole('button', { name: 'Modifier en ligne…' }).waitFor();
  assert.equal(await detail.getByRole('button', { name: /hors ligne/ }).count(), 0, 'a registered lead has nothing to register offline');
  await detail.getByRole('heading', { name: 'Serveur principal et serveur Shadow' }).waitFor();
  await detail.getByRole('heading', { name: 'Historique des ID système' }).waitFor();
  await shoot(page, 'fr-detail');

  // A shadow: an automation server below the Enterprise Server carries the EC's registration.
  const anAs = byKey('es-1-as-1');
  await page.getByRole('button', { name: 'Fermer le détail' }).click();
  await row(page, anAs.address).getByRole('button', { name: anAs.name }).click();
  await detail.getByText(/^Serveur Shadow de Enterprise Central, auquel il est rattaché\s: il porte l’enregistrement de ce serveur\.$/).waitFor();
  await shoot(page, 'fr-shadow');
  assert.deepEqual(errors, [], 'no console errors');
  await page.context().close();
});

test('a German system shows the site in German, with the connection form and the overwrite warning', async () => {
  const { page, errors } = await openSite('de-DE');
  await page.getByRole('heading', { level: 1, name: 'Standort' }).waitFor();
  assert.equal(await page.evaluate<string>('document.documentElement.lang'), 'de');
  await page.getByTestId('server-row').nth(servers.length - 1).waitFor();
  assert.match((await page.getByTestId('read-summary').textContent()) ?? '', /^\d+ Server, \d+ (erfordert|erfordern) Aufmerksamkeit · gelesen am /);
  assert.deepEqual(await headers(page), ['Server', 'Status', 'System-ID', 'Typ', 'Registrierung']);
  const sa1 = byKey('sa-1');
  const ec = byKey('_top');
  assert.equal(await row(page, sa1.address).getByTestId('status').textContent(), 'Registriert');
  assert.equal(await row(page, ec.address).getByTestId('status').textContent(), 'Nicht registriert');
  assert.equal(await row(page, ec.address).locator('td').nth(4).textContent(), 'Eigene (führender Server)');
  await shoot(page, 'de-tree');

  await row(page, sa1.address).getByRole('button', { name: sa1.name }).click();
  const detail = page.getByTestId('detail');
  await detail.getByRole('heading', { name: `Server ${sa1.name}` }).waitFor();
  assert.deepEqual(await terms(page, '[data-testid="detail"] > dl.facts:not([data-testid]) dt'), ['System-ID', 'Typ', 'Version', 'Adresse', 'Zuletzt gelesen']);
  assert.match((await detail.getByTestId('registration').locator('dd').first().textContent()) ?? '', /^Online am 02\.03\.2026, Code REG-7731$/);
  await detail.getByRole('button', { name: 'Online ändern…' }).waitFor();
  await shoot(page, 'de-detail');

  // Making the registered stand-alone server a shadow warns first, main's warning in German too; cancelled.
  await page.getByLabel('Zum Shadow-Server machen von').selectOption({ label: 'Enterprise Central' });
  await page.getByRole('button', { name: 'Führenden Server festlegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dadurch wird eine Registrierung überschrieben' });
  await dialog.waitFor();
  assert.deepEqual(await terms(page, 'dialog dt'), ['Server', 'Registriert auf', 'Standort', 'Registrierungscode']);
  assert.ok(
    (await dialog.locator('p').allTextContents()).includes(
      `${sa1.name} ist eigenständig für Acme Controls, North plant registriert (online, Code REG-7731). Als Shadow-Server von ${ec.name} trägt er stattdessen die Registrierung von ${ec.name}, und seine eigene Registrierung wird überschrieben.`,
    ),
    'main made the warning in English; the page says it in German',
  );
  await dialog.getByRole('button', { name: 'Überschreiben und führenden Server festlegen' }).waitFor();
  await shoot(page, 'de-overwrite');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await row(page, sa1.address).locator('td').nth(4).textContent(), 'Eigene (führender Server)', 'nothing changed');

  // The connection form, its advanced part open.
  await page.getByRole('button', { name: 'Verbindung bearbeiten' }).click();
  await page.getByLabel('Serveradressen').waitFor();
  await page.getByText('Anmeldedaten je Server und vertrauenswürdige Zertifikate').click();
  await page.getByRole('button', { name: 'Server hinzufügen' }).click();
  await page.getByLabel('Host und Port').waitFor();
  await page.getByRole('button', { name: 'Speichern und Standort lesen' }).waitFor();
  await shoot(page, 'de-connection');
  assert.deepEqual(errors, [], 'no console errors');
  await page.context().close();
});
