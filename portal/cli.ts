// Runs the Registration Portal: `npm run portal -- [--config FILE] [--port N] [--data-dir DIR] [--database postgres://...]`.
// Without --database (or PORTAL_DATABASE_URL) its database is SQLite, portal.sqlite in the data folder.
// Prints `PORTAL_READY {json}` once it listens, so scripts and tests can wait for it.
// `npm run portal -- admin grant|revoke <email> [--config FILE] [--data-dir DIR] [--database URL]` makes an account a
// portal administrator, or no longer one (admin-command.ts), and exits.
// `npm run portal -- backup <file> [...]` writes an online backup of its database (backup-command.ts).
// `npm run portal -- copy-to-postgres --database postgres://... [--data-dir DIR]` copies a SQLite portal's
// database into an empty PostgreSQL one (copy-to-postgres-command.ts).
// SIGTERM or SIGINT stops it gracefully (lifecycle.ts).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { buildPortal } from './app.js';
import { loadPortalConfig } from './config.js';
import { warmGeo } from './geo.js';
import { loadOrCreateKeys } from './keys.js';
import { MailDispatcher } from './mail/mail-dispatcher.js';
import { databaseName, openPortalStore } from './store/open-store.js';
import { runAdminCommand } from './admin-command.js';
import { runBackupCommand } from './backup-command.js';
import { runCopyToPostgresCommand } from './copy-to-postgres-command.js';
import { ShuttingDown } from './http/ops.js';
import { stopOnSignals } from './lifecycle.js';

if (process.argv[2] === 'admin') process.exit(await runAdminCommand(process.argv.slice(3)));
if (process.argv[2] === 'backup') process.exit(await runBackupCommand(process.argv.slice(3)));
if (process.argv[2] === 'copy-to-postgres') process.exit(await runCopyToPostgresCommand(process.argv.slice(3)));

let config;
try {
  const { values } = parseArgs({
    options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, database: { type: 'string' } },
  });
  const overrides: Record<string, unknown> = {};
  if (values.port !== undefined) overrides.port = values.port;
  if (values.host !== undefined) overrides.host = values.host;
  if (values['data-dir'] !== undefined) overrides.dataDir = values['data-dir'];
  if (values.database !== undefined) overrides.databaseUrl = values.database;
  config = loadPortalConfig({ file: values.config, overrides });
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const version = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const keys = loadOrCreateKeys(config.keysDir);
let store;
try {
  store = await openPortalStore(config);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const mail = new MailDispatcher(store, config.mail);
// The links in mail point at publicUrl; without it, at the address the portal listens on (known once it does).
let publicUrl = config.publicUrl;
const shutdown = new ShuttingDown();
const app = buildPortal({
  store,
  keys,
  mail,
  config,
  version,
  publicUrl: () => publicUrl ?? `http://${config.host}:${config.port}`,
  ops: { logLevel: config.logLevel, metricsToken: config.metricsToken, instance: config.instance, shutdown },
});
stopOnSignals({ app, shutdown, mail, store, drainDelayMs: config.shutdownDrainSeconds * 1000, graceMs: config.shutdownGraceSeconds * 1000 });
warmGeo();
await app.listen({ host: config.host, port: config.port });
void mail.kick();
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const url = `http://${config.host}:${port}`;
publicUrl ??= url;
const mailTo = config.mail.smtpUrl ? `SMTP ${new URL(config.mail.smtpUrl).host}` : config.mail.outboxDir;
console.log(`Registration Portal listening on ${url} (public address: ${publicUrl}; data: ${config.dataDir}; database: ${databaseName(config)}; mail: ${mailTo})`);
console.log(`PORTAL_READY ${JSON.stringify({ url, dataDir: config.dataDir, outboxDir: config.mail.outboxDir })}`);

