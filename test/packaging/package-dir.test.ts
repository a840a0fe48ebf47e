// Packaging, checked as far as this machine allows: electron-builder's `dir` target with a stub
// Electron whose only content is a fuse wire, so the real config packs the real build and flips
// the real fuses. What ships in app.asar, and which fuses are set, are then asserted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listPackage } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { ROOT, tempDir } from '../support/processes.js';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Fuse order (wire v1): RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity,
// OnlyLoadAppFromAsar, BrowserV8Snapshot, GrantFileProtocolExtraPrivileges. Start from Electron's defaults.
const DEFAULT_WIRE = '10110001';

function stubElectron(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# stub\n'), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE)]), { mode: 0o755 });
}

/**
 * Runs `work` with electron-builder's log kept off stdout: node's test runner reads a test file's
 * stdout as its own message stream, and a log line arriving mid-message has broken that stream
 * ("Unable to deserialize cloned data"). The log is shown on stderr if the build fails.
 */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  const captured: string[] = [];
  process.stdout.write = ((chunk: string | Uint8Array) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    return await work();
  } catch (error) {
    process.stderr.write(captured.join(''));
    throw error;
  } finally {
    process.stdout.write = write;
  }
}

function fuseWire(binary: string): string {
  const bytes = fs.readFileSync(binary);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1');
}

test('the packaged app holds the built app and its runtime modules only, with the fuses flipped', { timeout: 180_000 }, async () => {
  const work = tempDir('pack');
  const electronDist = path.join(work, 'electron');
  stubElectron(electronDist);
  const output = path.join(work, 'out');
  await quietly(() =>
    build({
      projectDir: ROOT,
      targets: Platform.LINUX.createTarget('dir'),
      config: { extends: path.join(ROOT, 'electron-builder.yml'), electronDist, electronVersion: '45.4.1', npmRebuild: false, directories: { output } },
    }),
  );
  const unpacked = path.join(output, 'linux-unpacked');
  const files = new Set(listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/')));
  for (const wanted of ['/package.json', '/dist/main/electron-main.cjs', '/dist/preload/preload.cjs', '/dist/renderer/index.html', '/node_modules/zod/package.json', '/node_modules/better-sqlite3/package.json']) {
    assert.ok(files.has(wanted), `${wanted} is packed`);
  }
  const leaked = [...files].filter((f) => /^\/(test|sim|portal|main|shared|renderer|bench|scripts)\//.test(f) || f.endsWith('.map') || f.startsWith('/node_modules/electron/') || f.startsWith('/node_modules/playwright-core/'));
  assert.deepEqual(leaked, [], 'no sources, tests, source maps or dev tools in the package');
  assert.ok(fs.existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3')), 'the native module is unpacked');
  // RunAsNode off, cookies encrypted, NODE_OPTIONS and inspector off, asar integrity on, asar only, V8 snapshot untouched, file:// privileges off.
  assert.equal(fuseWire(path.join(unpacked, 'bms-companion')), '01001100');
});
