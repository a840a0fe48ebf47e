// Where the Electron binary is, without loading the electron package: since Electron 42 a
// require('electron') downloads the binary when it is missing, which must never happen by surprise.
import fs from 'node:fs';
import path from 'node:path';

/** The binary's path, or null with the reason it is not there. */
export function findElectronBinary(root) {
  const pkg = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) return { path: null, reason: 'the electron package is not installed (run npm install)' };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(pkg, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const candidate = path.join(override, relative ?? 'electron');
    return fs.existsSync(candidate) ? { path: candidate, reason: null } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${candidate}` };
  }
  if (!relative) return { path: null, reason: 'the Electron binary has not been downloaded' };
  const candidate = path.join(pkg, 'dist', relative);
  return fs.existsSync(candidate) ? { path: candidate, reason: null } : { path: null, reason: `the Electron binary is missing at ${candidate}` };
}
