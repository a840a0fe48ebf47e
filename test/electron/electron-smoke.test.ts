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
    // No Node in the page, and the bridge exposes the contract and nothing else.
    const page_ = await page.evaluate(() => {
      const g = globalThis as unknown as { require?: unknown; process?: unknown; companion: object };
      return { require: typeof g.require, process: typeof g.process, bridge: Object.keys(g.companion).sort() };
    });
    assert.deepEqual(page_, { require: 'undefined', process: 'undefined', bridge: ['call', 'on'] });
    const bad = (await page.evaluate(() => (globalThis as unknown as { companion: { call(n: string, i: unknown): Promise<unknown> } }).companion.call('site.read', { address: 5 }))) as {
      ok: boolean;
      error: { code: string };
    };
    assert.equal(bad.error.code, 'invalid_input');
    const opened = await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com') === null);
    assert.equal(opened, true, 'new windows are denied');
  } finally {
    await app.close();
  }
});
