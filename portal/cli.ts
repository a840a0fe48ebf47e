// Runs the Registration Portal: `npm run portal -- [--config FILE] [--port N] [--data-dir DIR]`.
// Prints `PORTAL_READY {json}` once it listens, so scripts and tests can wait for it.
// `npm run portal -- admin grant|revoke <email> [--config FILE] [--data-dir DIR]` makes an account a
// portal administrator, or no longer one (admin-command.ts), and exits.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../shared/node/sqlite.js';
import { buildPortal } from './app.js';
import { loadPortalConfig } from './config.js';
import { portalMigrations } from './db/migrations/index.js';
import { warmGeo } from './geo.js';
import { loadOrCreateKeys } from './keys.js';
import { MailDispatcher } from './mail/mail-dispatcher.js';
import { sqliteStore } from './store/sqlite-store.js';
import { runAdminCommand } from './admin-command.js';

if (process.argv[2] === 'admin') process.exit(await runAdminCommand(process.argv.slice(3)));

let config;
try {
  const { values } = parseArgs({
    options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
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
const keys = loadOrCreateKeys(config.keysDir);
const store = sqliteStore(openDatabase(path.join(config.dataDir, 'portal.sqlite'), portalMigrations));
const mail = new MailDispatcher(store, config.mail);
// The links in mail point at publicUrl; without it, at the address the portal listens on (known once it does).
let publicUrl = config.publicUrl;
const app = buildPortal({ store, keys, mail, config, version, publicUrl: () => publicUrl ?? `http://${config.host}:${config.port}` });
warmGeo();
await app.listen({ host: config.host, port: config.port });
void mail.kick();
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const url = `http://${config.host}:${port}`;
publicUrl ??= url;
const mailTo = config.mail.smtpUrl ? `SMTP ${new URL(config.mail.smtpUrl).host}` : config.mail.outboxDir;
console.log(`Registration Portal listening on ${url} (public address: ${publicUrl}; data: ${config.dataDir}; mail: ${mailTo})`);
console.log(`PORTAL_READY ${JSON.stringify({ url, dataDir: config.dataDir, outboxDir: config.mail.outboxDir })}`);

const stop = () =>
  void app
    .close()
    .then(() => mail.close())
    .then(() => {
      store.close();
      process.exit(0);
    });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
