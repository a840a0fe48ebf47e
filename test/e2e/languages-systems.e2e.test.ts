// Languages, end to end, for My systems, System Information and the registration form: a partner
// account with a few systems on a real portal process, the companion in browser mode in headless
// Chromium with its locale in French, then in German. Each screen is checked in its language,
// with nothing overflowing at 1280x800 and 800x600. Screenshots: /tmp/shots-i18n/systems-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { layoutOverflows, textOverflows } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { nextTotp, newAccount, PASSWORD, registrationForm, type TestAccount } from '../support/portal-accounts.js';
import { startCompanion, startPortal, tempDir, type Started } from '../support/processes.js';

const shots = '/tmp/shots-i18n';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
];
const SYSTEM_IDS = ['LANG-SYS-001', 'LANG-SYS-002', 'LANG-SYS-003'];
const NEW_ID = 'LANG-SYS-NEW';

let portal: Started<{ url: string }>;
// The portal session lives in main: the German context finds the partner logged on already.
let app: Started<{ url: string }>;
let browser: Browser;
let partner: TestAccount;

before(async () => {
  [portal, app, browser] = await Promise.all([startPortal(tempDir('i18n-sys-portal')), startCompanion(tempDir('i18n-sys-companion')), launchChromium()]);
  partner = await newAccount(portal.info.url, { kind: 'partner' });
  for (const [n, systemId] of SYSTEM_IDS.entries()) {
    await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ siteName: `Tour du Port ${n + 1}` }) });
  }
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), portal?.stop()]);
});

async function open(locale: string, hash: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: SIZES[0] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.info.url}#${hash}`);
  return { page, errors };
}

/** The text boxes checked for words that do not fit (long German words). */
const TEXT_BOXES = 'main h1, main h2, main p, main label, main legend, main button, main select, main dt, main dd, main th, main td, main .muted, main .badge';

/** Screenshots at each size, each checked for overflow. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(shots, `systems-${name}-${size.width}x${size.height}.png`), fullPage: true });
    assert.deepEqual([...(await layoutOverflows(page)), ...(await textOverflows(page, TEXT_BOXES, { skipInside: '.sys-scroll' }))], [], `${name} at ${size.width}x${size.height}: nothing overflows`);
  }
  await page.setViewportSize(SIZES[0]!);
}

/** No English left in the main area: a few words the English screens use and the others do not. */
async function noEnglish(page: Page, what: string): Promise<void> {
  const text = (await page.locator('main').innerText()).replace(/Tour du Port \d|Harbour Estates|Quay Street|facilities@harbour\.example|sam\.admin@harbour\.example|Sam Admin/g, '');
  for (const word of [/\bSystem ID\b/, /\bLast change\b/, /\bRegistered\b/, /\bsystems\b/, /\bEnter the\b/, /\bChoose\b/, /\bNot given\b/, /\bsite administrator\b/i]) {
    assert.doesNotMatch(text, word, `${what}: no English left (${word})`);
  }
}

test('French: log on, My systems, a System Information page and the registration form', async () => {
  const { page, errors } = await open('fr-FR', 'systems');
  // Logged off: My systems says so and links to the Portal screen.
  await page.getByRole('heading', { level: 1, name: 'Mes systèmes' }).waitFor();
  await page.getByTestId('systems-logged-off').getByText('Connectez-vous d’abord au portail').waitFor();
  await page.getByTestId('systems-logged-off').getByRole('link', { name: 'écran Portail' }).click();

  await page.getByLabel('Adresse du portail').fill(portal.info.url);
  await page.getByRole('button', { name: 'Connecter', exact: true }).click();
  await page.getByLabel('Adresse e-mail').fill(partner.email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.getByTestId('mfa-asked').waitFor();
  const { code } = await nextTotp(partner.totpSecret!, Math.floor(Date.now() / 30_000));
  await page.getByLabel('Code d’authentification').fill(code);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.getByTestId('account').waitFor();

  // My systems.
  await page.getByRole('link', { name: 'Mes systèmes' }).click();
  await page.getByTestId('systems-total').getByText('3 systèmes').waitFor();
  assert.equal(await page.getByTestId('systems-range').textContent(), '1–3 sur 3');
  await page.getByRole('button', { name: /^ID système/ }).waitFor();
  await page.getByRole('button', { name: /^Modifié le/ }).waitFor();
  assert.match((await page.getByTestId('system-row').first().textContent()) ?? '', /En attente de consentement.*Intégrateur/);
  assert.match((await page.getByTestId('system-row').first().textContent()) ?? '', /Paris, France/);
  assert.equal(await page.getByLabel('Rechercher').getAttribute('placeholder'), 'ID système, nom du site, ville ou pays');
  await page.getByRole('button', { name: 'Exporter en CSV' }).waitFor();
  await noEnglish(page, 'Mes systèmes');
  await shoot(page, 'fr-my-systems');

  // A search that finds nothing.
  await page.getByLabel('Rechercher').fill('aucun système de ce nom');
  await page.getByTestId('systems-empty').getByText('Aucun système ne correspond à «\u00a0aucun système de ce nom\u00a0».', { exact: false }).waitFor();
  await page.getByTestId('systems-empty').getByRole('button', { name: 'effacez la recherche' }).click();
  await page.getByTestId('systems-total').getByText('3 systèmes').waitFor();

  // System Information.
  await page.getByTestId('system-link').getByText(SYSTEM_IDS[0]!, { exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Informations système' }).waitFor();
  await page.getByTestId('info-installation').getByText('Tour du Port 1').waitFor();
  const installation = (await page.getByTestId('info-installation').textContent()) ?? '';
  assert.match(installation, /Installation et informations système/);
  assert.match(installation, /Segment\s*Bureaux/);
  assert.match(installation, /Application du système\s*Régulation CVC/);
  assert.match(installation, /Site unique/);
  assert.match(installation, /France/);
  assert.match((await page.getByTestId('info-admin').textContent()) ?? '', /Administrateur du site/);
  assert.match((await page.getByTestId('info-consent').textContent()) ?? '', /Consentement.*Pas encore de réponse/s);
  assert.match((await page.getByTestId('info-owners').textContent()) ?? '', /Propriétaires et invitations.*Intégrateur/s);
  assert.match((await page.getByTestId('info-history').textContent()) ?? '', /Historique des ID système.*Actuel/s);
  assert.match((await page.getByTestId('audit-row').first().textContent()) ?? '', /Enregistré ou modifié/);
  await page.getByRole('button', { name: 'Imprimer / enregistrer en PDF' }).waitFor();
  await noEnglish(page, 'Informations système');
  await shoot(page, 'fr-system-info');

  // The registration form: Portal screen > System ID > Continue > Proceed, for a new System ID.
  await page.getByRole('link', { name: 'Portail', exact: true }).click();
  await page.getByLabel('ID système', { exact: true }).fill(NEW_ID);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('button', { name: 'Poursuivre' }).click();
  const form = page.locator('form.registration-form');
  await form.getByRole('heading', { name: 'Nouvel enregistrement' }).waitFor();
  await form.getByText('Les champs marqués d’un * sont obligatoires.').waitFor();
  await form.getByLabel('Nom du site ou du bâtiment').waitFor();
  assert.deepEqual((await form.locator('#inst-segment option').allTextContents()).slice(0, 3), ['Choisir…', 'Bureaux', 'Centre de données']);
  assert.equal(await form.locator('#inst-segment option').nth(1).getAttribute('value'), 'Commercial office', 'the value sent stays English');
  assert.equal(await form.locator('#inst-systemApplication option').nth(1).textContent(), 'Régulation CVC');
  // The countries come from the portal: until they have, the first option says they are loading.
  await form.locator('#inst-country option[value="DE"]').waitFor({ state: 'attached' });
  assert.equal(await form.locator('#inst-country option').first().textContent(), 'Choisir un pays…');
  assert.equal(await form.locator('#inst-country option[value="DE"]').textContent(), 'Allemagne', 'countries named in French');
  await form.getByText('Informations de garantie').waitFor();
  await form.getByText(/Le consentement au partage des informations système et personnelles appartient à l’utilisateur final/).waitFor();
  // Sent empty: the shared schemas' messages, worded in French next to their fields.
  await form.getByRole('button', { name: 'Enregistrer le système' }).click();
  await form.getByTestId('form-error').getByText(/^Vérifiez les \d+ champs signalés\.$/).waitFor();
  await form.getByText('Renseignez le champ «\u00a0Nom du site ou du bâtiment\u00a0».').waitFor();
  await form.getByText('Choisissez un pays dans la liste (code ISO à deux lettres, par exemple FR).').first().waitFor();
  await form.locator('#inst-segment-error').getByText(/^Choisissez un segment\u00a0: Bureaux, Centre de données/).waitFor();
  await form.locator('#admin-phone-error').getByText('Commencez le numéro de téléphone par + et l’indicatif du pays', { exact: false }).waitFor();
  await noEnglish(page, 'formulaire');
  await shoot(page, 'fr-registration-form');

  // Switched to German at once: the fields' messages follow (the summary was worded when it was sent).
  await page.getByLabel('Langue').selectOption('de');
  await form.getByRole('heading', { name: 'Neue Registrierung' }).waitFor();
  await form.getByText('Füllen Sie das Feld „Standort- oder Gebäudename“ aus.').waitFor();
  await page.getByLabel('Sprache').selectOption('fr');
  await form.getByRole('heading', { name: 'Nouvel enregistrement' }).waitFor();
  assert.deepEqual(errors, [], 'no console errors');
  await page.context().close();
});

test('German: My systems, a System Information page and the registration form', async () => {
  const { page, errors } = await open('de-DE', 'systems');
  await page.getByRole('heading', { level: 1, name: 'Meine Systeme' }).waitFor();
  await page.getByTestId('systems-total').getByText('3 Systeme').waitFor();
  assert.equal(await page.getByTestId('systems-range').textContent(), '1–3 von 3');
  await page.getByRole('button', { name: /^System-ID/ }).waitFor();
  assert.match((await page.getByTestId('system-row').first().textContent()) ?? '', /Einwilligung ausstehend.*Integrator/);
  assert.match((await page.getByTestId('system-row').first().textContent()) ?? '', /Paris, Frankreich/);
  await page.getByLabel('Suchen').fill('Port 2');
  await page.getByTestId('systems-total').getByText('1 System entspricht „Port 2“').waitFor();
  await page.getByLabel('Suchen').fill('');
  await page.getByTestId('systems-total').getByText('3 Systeme').waitFor();
  await noEnglish(page, 'Meine Systeme');
  await shoot(page, 'de-my-systems');

  await page.getByTestId('system-link').getByText(SYSTEM_IDS[1]!, { exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Systeminformationen' }).waitFor();
  await page.getByTestId('info-installation').getByText('Tour du Port 2').waitFor();
  const installation = (await page.getByTestId('info-installation').textContent()) ?? '';
  assert.match(installation, /Segment\s*Bürogebäude/);
  assert.match(installation, /Systemanwendung\s*HLK-Regelung/);
  assert.match((await page.getByTestId('info-admin').textContent()) ?? '', /Standortadministrator/);
  assert.match((await page.getByTestId('info-consent').textContent()) ?? '', /Einwilligung.*Noch nicht beantwortet/s);
  assert.match((await page.getByTestId('info-warranty').textContent()) ?? '', /Garantie/);
  assert.match((await page.getByTestId('audit-row').first().textContent()) ?? '', /Registriert oder geändert/);
  await page.getByRole('link', { name: 'Zurück zu „Meine Systeme“' }).waitFor();
  await noEnglish(page, 'Systeminformationen');
  await shoot(page, 'de-system-info');

  await page.getByRole('link', { name: 'Portal', exact: true }).click();
  await page.getByLabel('System-ID', { exact: true }).fill(NEW_ID);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('button', { name: 'Fortfahren' }).click();
  const form = page.locator('form.registration-form');
  await form.getByRole('heading', { name: 'Neue Registrierung' }).waitFor();
  await form.getByLabel('Standort- oder Gebäudename').waitFor();
  assert.equal(await form.locator('#inst-segment option').nth(1).textContent(), 'Bürogebäude');
  await form.locator('#inst-country option[value="FR"]').waitFor({ state: 'attached' });
  assert.equal(await form.locator('#inst-country option[value="FR"]').textContent(), 'Frankreich');
  await form.locator('#inst-country').selectOption('FR');
  await form.getByText('Garantieinformationen').waitFor();
  await form.getByRole('button', { name: 'System registrieren' }).click();
  await form.getByText('Füllen Sie das Feld „Standort- oder Gebäudename“ aus.').waitFor();
  await form.locator('#admin-phone-error').getByText(/^Beginnen Sie die Telefonnummer mit \+/).waitFor();
  await noEnglish(page, 'Formular');
  await shoot(page, 'de-registration-form');
  assert.deepEqual(errors, [], 'no console errors');
  await page.context().close();
});
