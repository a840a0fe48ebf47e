// Where the app keeps its data when it runs outside Electron: the same folder Electron's
// app.getPath('userData') gives, so both modes see the same database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'BMS Companion';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.BMS_DATA_DIR) return path.resolve(env.BMS_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

/** The folder holding the app's package.json, from source (tsx) and from dist/ alike. */
export function appRoot(from: string): string {
  let dir = path.dirname(from);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate) && (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string }).name === 'bms-companion') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the app's package.json above ${from}.`);
    dir = parent;
  }
}

export function appVersion(root: string): string {
  return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
