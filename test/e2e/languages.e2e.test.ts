// Issue 12, languages, end to end in headless Chromium: the companion in browser mode follows the
// system's language (Chromium's locale), can be switched to another at once, remembers the choice,
// and shows the Portal screen's steps (portal address, log-on, "Register or modify a system", a
// code refused while typing) in English, French and German without text overflowing its box.
// Screenshots: /tmp/shots-i18n/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { layoutOverflows, textOverflows } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { newAccount, PASSWORD, type TestAccount } from '../support/portal-accounts.js';
import { outboxMailbox } from '../support/portal-mail.js';
import { startCompanion, startPortal, tempDir, type Started } from '../support/processes.js';

let portal: Started<{ url: string; outboxDir: string }>;
// One companion per language run: the portal session lives in main, shared by every page.
let app: Started<{ url: string }>;
let appEn: Started<{ url: string }>;
let browser: Browser;
let endUser: TestAccount;
const shots = '/tmp/shots-i18n';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
];

before(async () => {
  [portal, app, appEn, browser] = await Promise.all([startPortal(tempDir('i18n-portal')), startCompanion(tempDir('i18n-companion')), startCompanion(tempDir('i18n-companion-en')), launchChromium()]);
  endUser = await newAccount(portal.info.url, { kind: 'end-user' }, { mailbox: outboxMailbox(portal.info.outboxDir) });
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), appEn?.stop(), portal?.stop()]);
});

async function openPortalScreen(locale: string, companion = app): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: SIZES[0] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${companion.info.url}#portal`);
  return { page, errors };
}

const lang = (page: Page) => page.evaluate<string>('document.documentElement.lang');

/** The text boxes checked for words that do not fit (long German words). */
const TEXT_BOXES = 'main h1, main h2, main p, main label, main legend, main button, main select, main dt, main dd, main .muted';

/** Screenshots at each size, each checked for overflow. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(shots, `${name}-${size.width}x${size.height}.png`), fullPage: true });
    assert.deepEqual([...(await layoutOverflows(page)), ...(await textOverflows(page, TEXT_BOXES))], [], `${name} at ${size.width}x${size.height}: nothing overflows`);
  }
  await page.setViewportSize(SIZES[0]!);
}

async function logOn(page: Page, labels: { address: string; connect: string; email: string; password: string; logOn: string }) {
  await page.getByLabel(labels.address).fill(portal.info.url);
  await page.getByRole('button', { name: labels.connect, exact: true }).click();
  await page.getByLabel(labels.email).fill(endUser.email);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.logOn, exact: true }).click();
}

test('a French system shows the Portal screen in French; Deutsch in the switcher turns it German at once, and stays chosen', async () => {
  const { page, errors } = await openPortalScreen('fr-FR');
  await page.getByRole('heading', { level: 1, name: 'Portail d’enregistrement' }).waitFor();
  assert.equal(await lang(page), 'fr');
  await page.getByText('L’adresse que votre organisation utilise pour le portail d’enregistrement').waitFor();
  assert.equal(await page.getByLabel('Langue').inputValue(), 'fr');
  await shoot(page, 'fr-portal-address');

  await logOn(page, { address: 'Adresse du portail', connect: 'Connecter', email: 'Adresse e-mail', password: 'Mot de passe', logOn: 'Se connecter' });
  await page.getByRole('heading', { name: 'Enregistrer ou modifier un système' }).waitFor();
  await page.getByLabel('Code de demande du site').fill('ABCDEF-GHJKMN');
  await page.getByRole('button', { name: 'Continuer' }).click();
  // The code check's refusal, in French, from shared/codes' reason and the typed text.
  await page.getByText(/^Le code de demande compte 12 caractères\u202f; il devrait en compter 132/).waitFor();
  await page.getByText('Saisissez l’ID système affiché par le site.').waitFor();
  await shoot(page, 'fr-portal-start');

  // The system says French; the person picks German: applied without a reload, html[lang] too.
  await page.getByLabel('Langue').selectOption('de');
  await page.getByRole('heading', { level: 1, name: 'Registrierungsportal' }).waitFor();
  assert.equal(await lang(page), 'de');
  await page.getByRole('heading', { name: 'System registrieren oder ändern' }).waitFor();
  assert.equal(await page.getByLabel('Anforderungscode des Standorts').inputValue(), 'ABCDEF-GHJKMN', 'what was typed stays');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByText(/^Anforderungscode: 12 Zeichen eingegeben; erwartet werden 132/).waitFor();
  await shoot(page, 'de-portal-start');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Registrierungsportal' }).waitFor();
  assert.equal(await lang(page), 'de', 'the choice is remembered over the system’s language');
  assert.equal(await page.getByLabel('Sprache').inputValue(), 'de');
  assert.deepEqual(errors, [], 'no console errors (a missing key or a CSP violation shows here)');
  await page.context().close();
});

test('an English system shows the Portal screen in English', async () => {
  const { page, errors } = await openPortalScreen('en-US', appEn);
  await page.getByRole('heading', { level: 1, name: 'Registration Portal' }).waitFor();
  assert.equal(await lang(page), 'en');
  await page.getByText('The address your organization uses for the Registration Portal').waitFor();
  await shoot(page, 'en-portal-address');
  await logOn(page, { address: 'Portal address', connect: 'Connect', email: 'E-mail address', password: 'Password', logOn: 'Log on' });
  await page.getByRole('heading', { name: 'Register or modify a system' }).waitFor();
  await page.getByLabel('Request code from the site').fill('ABCDEF-GHJKMN');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText(/^The request code has 12 characters; it should have 132/).waitFor();
  await shoot(page, 'en-portal-start');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a system in none of the three languages gets English', async () => {
  const { page } = await openPortalScreen('es-ES', appEn);
  await page.getByRole('heading', { level: 1, name: 'Registration Portal' }).waitFor();
  assert.equal(await lang(page), 'en');
  await page.context().close();
});
