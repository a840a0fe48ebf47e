// The Electron host itself, where an Electron binary exists. On machines where its download is
// impossible (our build machines), the test is skipped and says why; everything behind the host
// is tested in Node and in Chromium against browser mode.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright-core';
import { findElectronBinary } from '../../scripts/lib/electron-binary.mjs';
import { ROOT, tempDir } from '../support/processes.js';

const binary = findElectronBinary(ROOT);
const skip = binary.path ? false : `Electron binary not available here (${binary.reason}); the host's wiring is covered through browser mode`;

test('the Electron window loads the app hardened and answers the contract', { skip }, async () => {
  const app = await _electron.launch({
    executablePath: binary.path!,
    args: [path.join(ROOT, 'dist', 'main', 'electron-main.cjs')],
    env: { ...process.env, BMS_DATA_DIR: tempDir('electron') },
  });
  try {
    const page = await app.firstWindow();
    await page.getByRole('heading', { name: 'Site' }).waitFor();
    assert.match(page.url(), /^app:\/\/companion\//);
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wp = BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences()!;
      return { contextIsolation: wp.contextIsolation, sandbox: wp.sandbox, nodeIntegration: wp.nodeIntegration };
    });
    assert.deepEqual(prefs, { contextIsolation: true, sandbox: true, nodeIntegration: false });
    assert.equal(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
    const bad = (await page.evaluate(() => (window as unknown as { companion: { call(n: string, i: unknown): Promise<unknown> } }).companion.call('site.read', { address: 5 }))) as {
      ok: boolean;
      error: { code: string };
    };
    assert.equal(bad.error.code, 'invalid_input');
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    assert.equal(opened, true, 'new windows are denied');
  } finally {
    await app.close();
  }
});
