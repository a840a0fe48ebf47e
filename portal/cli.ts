// Runs the Registration Portal: `npm run portal -- [--config FILE] [--port N] [--data-dir DIR]`.
// Prints `PORTAL_READY {json}` once it listens, so scripts and tests can wait for it.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../shared/node/sqlite.js';
import { buildPortal } from './app.js';
import { loadPortalConfig } from './config.js';
import { portalMigrations } from './db/migrations/index.js';

const { values } = parseArgs({
  options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } },
});

let config;
try {
  const overrides: Record<string, unknown> = {};
  if (values.port !== undefined) overrides.port = values.port;
  if (values.host !== undefined) overrides.host = values.host;
  if (values['data-dir'] !== undefined) overrides.dataDir = values['data-dir'];
  config = loadPortalConfig({ file: values.config, overrides });
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const version = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const db = openDatabase(path.join(config.dataDir, 'portal.sqlite'), portalMigrations);
const app = buildPortal({ db, version });
await app.listen({ host: config.host, port: config.port });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const url = `http://${config.host}:${port}`;
console.log(`Registration Portal listening on ${url} (data: ${config.dataDir})`);
console.log(`PORTAL_READY ${JSON.stringify({ url, dataDir: config.dataDir })}`);

const stop = () => void app.close().then(() => {
  db.close();
  process.exit(0);
});
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
