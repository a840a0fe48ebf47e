// `portal admin grant <email>` / `portal admin revoke <email>` (portal/cli.ts): makes an account a
// portal administrator, who decides Partner ID change requests (docs/partners.md), or no longer
// one. Run against the portal's database as the portal itself finds it (--data-dir for SQLite,
// --database for PostgreSQL, --config, or the environment); a running portal sees the change at once.
import { Email } from '../shared/portal/fields.js';
import { commandArgs } from './command-args.js';
import { databaseName, openPortalStore } from './store/open-store.js';

export const ADMIN_USAGE = 'Usage: npm run portal -- admin grant|revoke <email> [--config FILE] [--data-dir DIR] [--database postgres://...]';

/** Runs the command; returns the process exit code (0 done, 1 no such account, 2 bad usage). */
export async function runAdminCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(args, ADMIN_USAGE);
  if (typeof parsed === 'number') return parsed;
  const { positionals, config } = parsed;
  const [action, address, ...extra] = positionals;
  if ((action !== 'grant' && action !== 'revoke') || address === undefined || extra.length) {
    console.error(ADMIN_USAGE);
    return 2;
  }
  const email = Email.safeParse(address);
  if (!email.success) {
    console.error(`${email.error.issues[0]?.message ?? 'Not an e-mail address.'}\n${ADMIN_USAGE}`);
    return 2;
  }
  let store;
  try {
    store = await openPortalStore(config);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  try {
    const account = await store.setPortalAdmin(email.data, action === 'grant', new Date().toISOString());
    if (!account) {
      console.error(`No account of the portal in ${config.databaseUrl ? databaseName(config) : config.dataDir} has the address ${email.data}.`);
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
