// `npm start`: builds, then opens the Electron window. Where the Electron binary is not installed
// and cannot be downloaded (air-gapped and build machines), or there is no display, it says so and
// runs browser mode instead, printing the URL to open. Arguments after `--` go to browser mode
// (e.g. `npm start -- --port 8080 --data-dir ./data`).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './lib/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let binary = findElectronBinary(root);
if (!binary.path && !process.env.CI && process.env.BMS_NO_ELECTRON_DOWNLOAD !== '1') {
  console.log(`Electron: ${binary.reason}. Trying to download it once (set BMS_NO_ELECTRON_DOWNLOAD=1 to skip)...`);
  const download = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'pipe', timeout: 5 * 60_000 });
  binary = findElectronBinary(root);
  if (!binary.path) binary = { path: null, reason: `its download failed (${firstLine(download.stderr) || 'no network?'})` };
}
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

if (binary.path && !noDisplay) {
  const child = spawn(binary.path, [path.join(root, 'dist', 'main', 'electron-main.cjs')], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = binary.path ? 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' : `the Electron binary is not installed: ${binary.reason}`;
  console.log(`\nCannot open the Electron window: ${why}.`);
  console.log('Running in browser mode instead: open the URL below in a browser on this machine.\n');
  const child = spawn(process.execPath, [path.join(root, 'dist', 'main', 'browser-main.mjs'), ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function firstLine(buffer) {
  return (buffer?.toString() ?? '').split('\n').map((l) => l.trim()).find((l) => /error/i.test(l)) ?? '';
}
