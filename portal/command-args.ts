// What the portal's commands (`portal admin ...`, `portal backup ...`) share: their flags name the
// database the way the portal itself does (--config, --data-dir, --database, or the environment),
// and a bad flag or value is said with the command's usage.
import { parseArgs } from 'node:util';
import { loadPortalConfig, type PortalConfig } from './config.js';

/** The command's words after its name, and the portal's configuration; or the exit code (2) after saying what is wrong. */
export function commandArgs(args: string[], usage: string): { positionals: string[]; config: PortalConfig } | number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, database: { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  try {
    const overrides: Record<string, unknown> = {};
    if (parsed.values['data-dir'] !== undefined) overrides.dataDir = parsed.values['data-dir'];
    if (parsed.values.database !== undefined) overrides.databaseUrl = parsed.values.database;
    return { positionals: parsed.positionals, config: loadPortalConfig({ file: parsed.values.config, overrides }) };
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
}
