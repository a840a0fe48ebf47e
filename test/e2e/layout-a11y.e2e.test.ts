// The companion's layout, keyboard use and accessibility, checked in headless Chromium at the
// window sizes people use (1280x800, 1024x700, 800x600), in the light and the dark scheme: nothing
// cut, Status beside Server, a sidebar that stays put, the tree as a keyboard treegrid, Escape,
// the skip link, focus after each action, target sizes, the focus ring's contrast, and axe-core.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, layoutOverflows, waitForFocus } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { SIM_LOGIN, startCompanion, startSim, type Started } from '../support/processes.js';

/** Screenshots to look at, outside the repository. */
const SHOTS = process.env.E2E_SHOTS_12 ?? '/tmp/shots12';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
  { width: 800, height: 600 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

let sim: Started<{ url: string }>;
let app: Started<{ url: string }>;
let browser: Browser;
let page: Page;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [sim, app, browser] = await Promise.all([startSim(['--ec', '--es', '2', '--as', '4', '--standalone', '2', '--seed', '12']), startCompanion(), launchChromium()]);
  page = await browser.newPage({ viewport: SIZES[0] });
  await page.goto(app.info.url);
  await page.getByLabel('Server addresses').waitFor(); // rendered and connected
});
after(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), sim?.stop()]);
});

/** What has focus, as a short description: tag, id, test id, text. */
const focused = () =>
  // The fold arrows (▾ ▸) are decoration here: the text starts with the server's name.
  page.evaluate<{ tag: string; id: string; testId: string; text: string } | null>(`(() => {
    const e = document.activeElement;
    return e ? { tag: e.tagName.toLowerCase(), id: e.id, testId: e.dataset.testid || '', text: (e.textContent || '').replace(/^[▾▸]/, '').trim().slice(0, 80) } : null;
  })()`);
const rows = () => page.getByTestId('server-row');

const overflows = () => layoutOverflows(page);

/** WCAG contrast ratio of two CSS colours (rgb()/rgba() as getComputedStyle gives them). */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

test('keyboard only: the skip link, reading the site, and focus on what each action produced', async () => {
  await page.keyboard.press('Tab');
  assert.equal((await focused())?.text, 'Skip to the screen', 'the skip link is the first Tab stop');
  await page.keyboard.press('Enter');
  await waitForFocus(page, `e.id === 'site-title'`); // the skip link lands on the screen heading

  await page.getByLabel('Server addresses').fill(`${sim.info.url}\n${sim.info.url}/sa-1, ${sim.info.url}/sa-2`);
  await page.getByLabel('User name').fill(SIM_LOGIN.username);
  await page.getByLabel('Password', { exact: true }).fill(SIM_LOGIN.password);
  await page.getByRole('button', { name: 'Save and read site' }).focus();
  await page.keyboard.press('Enter');
  await rows().nth(12).waitFor();
  await waitForFocus(page, `e.dataset.testid === 'read-summary'`);
  assert.match((await focused())?.text ?? '', /^13 servers, 13 need attention · read /, 'after the read, focus is on what it found');
  await expectAccessible(page, 'the Site screen after a read');

  // Edit connection opens the form on its first field; Escape closes it and focus returns.
  await page.getByRole('button', { name: 'Edit connection' }).focus();
  await page.keyboard.press('Enter');
  await waitForFocus(page, `e.id === 'targets'`);
  await expectAccessible(page, 'the Site screen with the connection form open');
  await page.keyboard.press('Escape');
  await waitForFocus(page, `e.textContent === 'Edit connection'`);
  assert.equal(await page.locator('form.connection').count(), 0, 'Escape closed the form');

  // Read again: focus on the result when the read is over.
  await page.getByRole('button', { name: 'Read again' }).focus();
  await page.keyboard.press('Enter');
  await waitForFocus(page, `e.dataset.testid === 'read-summary'`);
});

test('the server tree is a treegrid: one Tab stop, arrows, Home/End, fold and unfold, Enter opens the details, Escape closes them', async () => {
  assert.equal(await page.getByRole('treegrid', { name: 'Servers' }).count(), 1);
  assert.equal(await page.locator('tr[data-testid="server-row"][tabindex="0"]').count(), 1, 'roving tabindex: one row is the Tab stop');
  await page.getByLabel('Show').focus();
  await page.keyboard.press('Tab');
  const first = await focused();
  assert.equal(first?.testId, 'server-row', 'Tab from the filter goes into the tree');
  assert.match(first?.text ?? '', /^Enterprise Central/);

  await page.keyboard.press('ArrowDown');
  assert.match((await focused())?.text ?? '', /^ES-1/);
  await page.keyboard.press('ArrowDown');
  assert.match((await focused())?.text ?? '', /^AS-P-1-1/);
  await page.keyboard.press('ArrowLeft');
  assert.match((await focused())?.text ?? '', /^ES-1/, 'Left on a leaf goes to its parent');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('tr[aria-level="2"]', { hasText: 'ES-1' }).getAttribute('aria-expanded'), 'false', 'Left on an open parent folds it');
  assert.equal(await rows().count(), 13 - 4, 'its four servers are hidden');
  await page.keyboard.press('ArrowRight');
  assert.equal(await rows().count(), 13, 'Right unfolds it');
  await page.keyboard.press('ArrowRight');
  assert.match((await focused())?.text ?? '', /^AS-P-1-1/, 'Right on an open parent goes to its first child');
  await page.keyboard.press('End');
  assert.match((await focused())?.text ?? '', /^AS-B-SA-2/);
  await page.keyboard.press('Home');
  assert.match((await focused())?.text ?? '', /^Enterprise Central/);

  // Enter selects: the details open with focus in them; Escape closes them, focus back on the row.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByTestId('detail').waitFor();
  await waitForFocus(page, `e.id === 'detail-title'`);
  assert.match((await focused())?.text ?? '', /ES-1/);
  await expectAccessible(page, 'the Site screen with the details panel');
  await page.keyboard.press('Escape');
  await page.getByTestId('detail').waitFor({ state: 'detached' });
  await waitForFocus(page, `e.dataset.testid === 'server-row'`);
  assert.match((await focused())?.text ?? '', /^ES-1/, 'focus is back on the row that opened the details');
});

test('from 800x600 up, in both schemes: nothing cut, Status beside Server, the sidebar fixed, axe clean', async () => {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const panel of [false, true]) {
        if (panel) {
          await rows().filter({ hasText: 'AS-P-2-3' }).click();
          await page.getByTestId('detail').waitFor();
        } else if (await page.getByTestId('detail').count()) {
          await page.getByRole('button', { name: 'Close details' }).click();
        }
        const what = `Site ${size.width}x${size.height} ${scheme}${panel ? ' with the details' : ''}`;
        assert.deepEqual(await overflows(), [], what);
        const headers = await page.evaluate<string[]>(`[...document.querySelectorAll('.servers th')].filter((th) => th.offsetParent !== null).map((th) => th.textContent)`);
        assert.deepEqual(headers.slice(0, 2), ['Server', 'Status'], `${what}: Status is next to Server`);
        const status = await page.locator('.servers th', { hasText: 'Status' }).boundingBox();
        assert.ok(status && status.x + status.width <= size.width, `${what}: the Status column is in the window`);
        await page.screenshot({ path: path.join(SHOTS, `site${panel ? '-panel' : ''}-${scheme}-${size.width}.png`), fullPage: true });
        await expectAccessible(page, what);
      }
      // The sidebar stays where it is while the page scrolls (with the details open the page is taller than the window).
      const scrolls = await page.evaluate<boolean>('document.documentElement.scrollHeight > window.innerHeight');
      if (size.height === 600) assert.ok(scrolls, '800x600 with the details: the page scrolls');
      if (scrolls) {
        await page.evaluate('window.scrollTo(0, 10000)');
        assert.ok(await page.evaluate<boolean>('window.scrollY > 0'));
        const sidebar = await page.locator('nav.sidebar').boundingBox();
        assert.equal(sidebar?.y, 0, `${size.width}x${size.height}: the sidebar did not scroll away`);
        await page.evaluate('window.scrollTo(0, 0)');
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(SIZES[0]);
});

test('click targets are at least 24 x 24 px and the focus ring has 3:1 on the page and on the sidebar', async () => {
  const fold = await page.locator('button.fold').first().boundingBox();
  assert.ok(fold && fold.width >= 24 && fold.height >= 24, `the fold toggle is ${fold?.width} x ${fold?.height}`);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('button', { name: 'Read again' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const onPage = await page.evaluate<{ ring: string; width: string; page: string; panel: string }>(`(() => {
      const e = document.activeElement;
      return { ring: getComputedStyle(e).outlineColor, width: getComputedStyle(e).outlineWidth, page: getComputedStyle(document.documentElement).backgroundColor, panel: getComputedStyle(document.querySelector('.servers')).backgroundColor };
    })()`);
    assert.equal(onPage.width, '3px');
    assert.ok(contrast(onPage.ring, onPage.page) >= 3, `${scheme}: ring ${onPage.ring} on the page ${onPage.page}: ${contrast(onPage.ring, onPage.page).toFixed(2)}:1`);
    assert.ok(contrast(onPage.ring, onPage.panel) >= 3, `${scheme}: ring on a panel: ${contrast(onPage.ring, onPage.panel).toFixed(2)}:1`);
    await page.getByRole('link', { name: 'Portal' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const onSidebar = await page.evaluate<{ ring: string; sidebar: string }>(`(() => {
      const e = document.activeElement;
      return { ring: getComputedStyle(e).outlineColor, sidebar: getComputedStyle(document.querySelector('nav.sidebar')).backgroundColor };
    })()`);
    assert.ok(contrast(onSidebar.ring, onSidebar.sidebar) >= 3, `${scheme}: ring ${onSidebar.ring} on the sidebar ${onSidebar.sidebar}: ${contrast(onSidebar.ring, onSidebar.sidebar).toFixed(2)}:1`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('a screen change moves focus to its heading; Register offline opens the request with the server chosen; Make request focuses the request', async () => {
  await page.getByRole('link', { name: 'Offline registration' }).focus();
  await page.keyboard.press('Enter');
  await waitForFocus(page, `e.id === 'offline-title'`);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      assert.deepEqual(await overflows(), [], `Offline ${size.width} ${scheme}`);
      await page.screenshot({ path: path.join(SHOTS, `offline-no-keys-${scheme}-${size.width}.png`), fullPage: true });
    }
    await expectAccessible(page, `the Offline screen without portal keys (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(SIZES[0]);

  await page.getByRole('link', { name: 'Site' }).click();
  await waitForFocus(page, `e.id === 'site-title'`);
  await rows().filter({ hasText: 'AS-B-SA-1' }).click();
  await waitForFocus(page, `e.id === 'detail-title'`); // the details opened, focus in them
  await page.getByRole('button', { name: 'Register offline…' }).focus();
  await page.keyboard.press('Enter');
  await waitForFocus(page, `e.id === 'request-target'`);
  assert.match(await page.locator('#request-target').inputValue(), /^register /);
  await page.keyboard.press('Tab');
  assert.equal((await focused())?.text, 'Make request', 'the next Tab is Make request');
  await page.keyboard.press('Enter');
  await waitForFocus(page, `/^request-\\d+-title$/.test(e.id ?? '')`);
  assert.match((await focused())?.text ?? '', /^Request \d+: Register AS-B-SA-1/);
  assert.equal(await page.getByTestId('request-preview').locator('.notice').count(), 0, 'no caution about the request just made');
  assert.equal(await page.locator('#request-target option', { hasText: 'Enterprise Central (Enterprise Central)' }).count(), 0, 'a server named after its type is not named twice');

  // A code with group 2 typed one character short: only group 2 is marked, the groups after it keep their place.
  const box = page.getByTestId('code-input');
  await box.fill('24224M-ABCDE-FGHJKM-NPQRST-VWXYZ0-123456');
  const chips = await page.locator('.chips .chip').evaluateAll((cs) => cs.map((c) => c.className.replace(/^chip /, '')));
  assert.equal(chips[1], 'chip-wrong', 'group 2, typed short, is marked');
  assert.equal(chips.length, 6, 'six groups, as typed');
  assert.match(await page.getByTestId('code-input-live').textContent() ?? '', /^Group 2 has fewer than 6 characters/);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      assert.deepEqual(await overflows(), [], `Offline request ${size.width} ${scheme}`);
      await page.screenshot({ path: path.join(SHOTS, `offline-request-${scheme}-${size.width}.png`), fullPage: true });
    }
    await expectAccessible(page, `the Offline screen with a pending request and a code typed (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(SIZES[0]);

  // Apply a refused code: focus goes back into the box, and the mistake is said once.
  await page.getByRole('button', { name: 'Apply code' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('code-input-error').waitFor();
  await waitForFocus(page, `e.getAttribute('data-testid') === 'code-input'`);
  assert.equal(await page.getByTestId('code-input-live').textContent(), '', 'the live line gives way to the refusal: one message');
});

test('the address shown in the address bar opens the companion in another tab; without the token it is refused', async () => {
  const address = page.url();
  assert.ok(new URL(address).searchParams.get('token'), 'the token stays in the address');
  const other = await browser.newContext();
  try {
    const copy = await other.newPage();
    const errors: string[] = [];
    copy.on('pageerror', (e) => errors.push(e.message));
    await copy.goto(address);
    await copy.getByTestId('request').first().waitFor(); // the request made above: the page reached the companion
    assert.deepEqual(errors, [], 'opened straight on the Offline screen, before the site is loaded, the page renders');
    const bare = await other.newPage();
    await bare.goto(new URL('/', address).href);
    await bare.getByText(/Cannot connect to the companion/).waitFor();
  } finally {
    await other.close();
  }
});
