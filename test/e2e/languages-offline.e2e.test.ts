// Languages on the Offline screen, end to end in headless Chromium: with Chromium's locale in
// French, then in German, the air-gapped site's side (the portal key card with no key imported, a
// request made for the simulator's Enterprise Server with its card, and the code box's live check
// naming a mistyped group) is in that language, and no text overflows its box at 800x600. A code
// main refuses for its length comes back worded in the page's language too. The site is read
// once, in English (the Site screen is not this test's subject). Screenshots: /tmp/shots-i18n/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { REGISTRATION_FORMAT } from '../../shared/codes/index.js';
import { formatCode } from '../../shared/codes/typed.js';
import { exportPortalPublicKeys, generatePortalKeys, portalPublicKey } from '../../shared/node/codes/keys.js';
import { layoutOverflows, textOverflows } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { SIM_LOGIN, startCompanion, startSim, tempDir, type Started } from '../support/processes.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';

let sim: Started<{ url: string }>;
let app: Started<{ url: string }>;
let browser: Browser;
let es: SimServerInfo;
const shots = '/tmp/shots-i18n';
const SIZE = { width: 800, height: 600 };

/** A Registration code whose groups all check, with one character of group 3 changed: "group 3 is mistyped". */
const valid = formatCode(REGISTRATION_FORMAT, Uint8Array.from({ length: 30 }, (_, i) => (i * 7) % 32));
const groups = valid.split('-');
const typo = [...groups.slice(0, 2), groups[2]!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), ...groups.slice(3)].join('-');

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  [sim, app, browser] = await Promise.all([startSim(['--es', '1', '--as', '3']), startCompanion(tempDir('i18n-offline')), launchChromium()]);
  es = (await simAdmin(sim.info.url)<SimServerInfo[]>('servers')).find((s) => s.key === '_top')!;
  // The site is read once, in English: the request carries each server's System ID from it.
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(app.info.url);
  await page.getByLabel('Server addresses').fill(sim.info.url);
  await page.getByLabel('User name').fill(SIM_LOGIN.username);
  await page.getByLabel('Password', { exact: true }).fill(SIM_LOGIN.password);
  await page.getByRole('button', { name: 'Save and read site' }).click();
  await page.getByTestId('server-row').nth(3).waitFor();
  await page.context().close();
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), sim?.stop()]);
});

async function openOffline(locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: SIZE });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.info.url}#offline`);
  return { page, errors };
}

/** The text boxes checked for words that do not fit (long German words). */
const TEXT_BOXES = 'main h1, main h2, main h3, main h4, main p, main li, main label, main button, main select, main summary, main .badge, main .muted';

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `offline-${name}.png`), fullPage: true });
  assert.deepEqual([...(await layoutOverflows(page)), ...(await textOverflows(page, TEXT_BOXES))], [], `${name} at 800x600: nothing overflows`);
}

const card = (page: Page) => page.locator('[data-testid="request"][data-state="pending"]').first();

test('a French system shows the Offline screen in French: the key card, a request and its card, the live check of a mistyped group', async () => {
  const { page, errors } = await openOffline('fr-FR');
  await page.getByRole('heading', { level: 1, name: 'Enregistrement hors ligne' }).waitFor();
  await page.getByTestId('keys-missing').getByRole('heading', { name: 'Aucune clé du portail' }).waitFor();
  await page.getByText(/Ce Companion ne peut pas vérifier les codes d’enregistrement/).waitFor();
  await page.getByRole('button', { name: 'Importer le fichier de clés…' }).waitFor();
  await page.getByRole('heading', { name: 'Créer une demande' }).waitFor();
  await page.getByLabel('Serveur', { exact: true }).selectOption({ value: `register ${es.address}` });
  assert.match((await page.getByTestId('request-preview').textContent()) ?? '', /^Enregistre .* et ses 3 serveurs Shadow\s: /);
  await shoot(page, 'fr-no-keys');

  await page.getByRole('button', { name: 'Créer la demande' }).click();
  await card(page).waitFor();
  const id = await card(page).getAttribute('data-request-id');
  await card(page).getByRole('heading', { name: `Demande ${id} : Enregistrer ${es.name}` }).waitFor();
  await card(page).getByText('En attente du code', { exact: true }).waitFor();
  await card(page).getByText(/4 serveurs · créée le /).waitFor();
  await card(page).getByRole('heading', { name: 'Code de demande' }).waitFor();
  await card(page).getByRole('button', { name: 'Copier' }).waitFor();
  await card(page).getByTestId('request-file-inventory').getByText(/mais non signée/).waitFor();
  await card(page).getByText(/Importez le fichier de clés du portail \(ci-dessus\)/).waitFor();

  await card(page).getByLabel('Code d’enregistrement du portail').fill(typo);
  await card(page).getByTestId('code-input-live').getByText('Le groupe 3 semble mal saisi : comparez-le avec l’original.').waitFor();
  await card(page).getByRole('button', { name: 'Appliquer le code' }).waitFor();
  await shoot(page, 'fr-request');
  assert.deepEqual(errors, [], 'no console errors');
  await page.context().close();
});

test('a German system shows the same in German; a code main refuses for its length is worded in German', async () => {
  const { page, errors } = await openOffline('de-DE');
  await page.getByRole('heading', { level: 1, name: 'Offline-Registrierung' }).waitFor();
  await page.getByTestId('keys-missing').getByRole('heading', { name: 'Noch kein Portalschlüssel' }).waitFor();
  await page.getByRole('heading', { name: /^Warten auf einen Code \(1\)$/ }).waitFor();
  await card(page).getByRole('heading', { name: new RegExp(`^Anforderung \\d+: ${es.name} registrieren$`) }).waitFor();
  await card(page).getByText('Wartet auf den Code', { exact: true }).waitFor();
  await card(page).getByLabel('Registrierungscode vom Portal').fill(typo);
  await card(page).getByTestId('code-input-live').getByText('Gruppe 3 scheint falsch eingegeben: Vergleichen Sie sie mit dem Original.').waitFor();
  await shoot(page, 'de-request');

  // With a portal key, main checks what is sent: its refusal of a short code comes back in German.
  const keyFile = JSON.stringify(exportPortalPublicKeys([portalPublicKey(generatePortalKeys(1))]));
  await page.getByLabel('Portal-Schlüsseldatei').setInputFiles({ name: 'portal-keys.json', mimeType: 'application/json', buffer: Buffer.from(keyFile) });
  await page.getByRole('heading', { name: 'Portalschlüssel' }).waitFor();
  await page.getByText(/^Schlüssel 1: /).waitFor();
  await card(page).getByLabel('Registrierungscode vom Portal').fill(groups.slice(0, 5).join('-'));
  await card(page).getByRole('button', { name: 'Code anwenden' }).click();
  await card(page).getByTestId('code-input-error').getByText(/^Registrierungscode: 30 Zeichen eingegeben; erwartet werden 36/).waitFor();
  await shoot(page, 'de-refused');
  assert.deepEqual(errors, [], 'no console errors');
  await page.context().close();
});
