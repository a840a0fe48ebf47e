// Browser mode: the companion without Electron, for headless machines, tests and the demo.
// `node dist/main/browser-main.mjs [--port N] [--data-dir DIR]` prints the URL to open.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDispatcher } from './host/dispatch.js';
import { startBrowserHost, type BrowserHost } from './host/browser-host.js';
import { appRoot, appVersion, defaultDataDir } from './services/app-paths.js';
import { createCompanion } from './services/index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.BMS_PORT ?? '0' },
    'data-dir': { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number from 0 to 65535 (0 picks a free one); got "${values.port}".`);
  process.exit(2);
}

const root = appRoot(fileURLToPath(import.meta.url));
const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
const hostRef: { current?: BrowserHost } = {};
const companion = createCompanion({
  dataDir,
  version: appVersion(root),
  emit: (name, payload) => hostRef.current?.broadcast(name, payload),
});
const host = await startBrowserHost({
  rendererDir: path.join(root, 'dist', 'renderer'),
  bridgeFile: path.join(root, 'dist', 'bridge', 'bridge.js'),
  dispatch: createDispatcher(companion.handlers),
  port,
  log: (m) => console.error(m),
});
hostRef.current = host;

console.log(`BMS Companion (browser mode) is running. Data folder: ${dataDir}`);
console.log(`Open: ${host.url}`);
console.log(`COMPANION_READY ${JSON.stringify({ url: host.url, origin: host.origin, token: host.token })}`);

const stop = () => {
  void host.close().then(() => {
    companion.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
