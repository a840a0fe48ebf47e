// `portal admin grant <email>` / `portal admin revoke <email>` (portal/cli.ts): makes an account a
// portal administrator, who decides Partner ID change requests (docs/partners.md), or no longer
// one. Run on the portal's machine, against its data folder (--data-dir, --config, or the
// environment, as the portal itself reads them); a running portal sees the change at once.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../shared/node/sqlite.js';
import { Email } from '../shared/portal/fields.js';
import { loadPortalConfig } from './config.js';
import { portalMigrations } from './db/migrations/index.js';
import { sqliteStore } from './store/sqlite-store.js';

export const ADMIN_USAGE = 'Usage: npm run portal -- admin grant|revoke <email> [--config FILE] [--data-dir DIR]';

/** Runs the command; returns the process exit code (0 done, 1 no such account, 2 bad usage). */
export async function runAdminCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { config: { type: 'string' }, 'data-dir': { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${ADMIN_USAGE}`);
    return 2;
  }
  const [action, address, ...extra] = parsed.positionals;
  if ((action !== 'grant' && action !== 'revoke') || address === undefined || extra.length) {
    console.error(ADMIN_USAGE);
    return 2;
  }
  const email = Email.safeParse(address);
  if (!email.success) {
    console.error(`${email.error.issues[0]?.message ?? 'Not an e-mail address.'}\n${ADMIN_USAGE}`);
    return 2;
  }
  let config;
  try {
    config = loadPortalConfig({ file: parsed.values.config, overrides: parsed.values['data-dir'] !== undefined ? { dataDir: parsed.values['data-dir'] } : {} });
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const store = sqliteStore(openDatabase(path.join(config.dataDir, 'portal.sqlite'), portalMigrations));
  try {
    const account = await store.setPortalAdmin(email.data, action === 'grant', new Date().toISOString());
    if (!account) {
      console.error(`No account of the portal in ${config.dataDir} has the address ${email.data}.`);
      return 1;
    }
    if (action === 'revoke') console.log(`${account.email} is no longer a portal administrator.`);
    else {
      console.log(`${account.email} (${account.name}) is now a portal administrator.`);
      if (!account.mfaEnabled) console.log('They must turn on multi-factor authentication before they can use the administrators\' routes.');
    }
    return 0;
  } finally {
    store.close();
  }
}
