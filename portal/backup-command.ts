// `portal backup <file>` (portal/cli.ts): an online backup of the portal's database while it runs
// (portal/README.md, Backups). SQLite: the SQLite backup API, page by page, a consistent copy even
// while the portal writes (WAL); the copy is a complete portal.sqlite. PostgreSQL: pg_dump in its
// custom format, one consistent snapshot (restored with pg_restore). The file is written under a
// temporary name and renamed when complete, so a failed backup never leaves a file that looks whole.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { commandArgs } from './command-args.js';
import { databaseName } from './store/open-store.js';

export const BACKUP_USAGE = 'Usage: npm run portal -- backup <file> [--config FILE] [--data-dir DIR] [--database postgres://...]';

/** pg_dump from PATH, else from Debian's versioned folders (newest first). */
function pgDump(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && fs.existsSync(path.join(dir, 'pg_dump'))) return path.join(dir, 'pg_dump');
  const debian = '/usr/lib/postgresql';
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (fs.existsSync(path.join(debian, version, 'bin', 'pg_dump'))) return path.join(debian, version, 'bin', 'pg_dump');
  throw new Error('pg_dump was not found: install the PostgreSQL client (Debian: apt-get install postgresql-client).');
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code}): ${errors.trim()}`))));
  });
}

/** Runs the command; returns the process exit code (0 done, 1 failed, 2 bad usage). */
export async function runBackupCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(args, BACKUP_USAGE);
  if (typeof parsed === 'number') return parsed;
  const { positionals, config } = parsed;
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length) {
    console.error(BACKUP_USAGE);
    return 2;
  }
  const file = path.resolve(target);
  if (fs.existsSync(file)) {
    console.error(`${file} exists already: give a new file name (a backup never overwrites one).`);
    return 2;
  }
  const partial = `${file}.partial`;
  const started = Date.now();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (config.databaseUrl) {
      await run(pgDump(), ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${config.databaseUrl}`]);
    } else {
      const source = path.join(config.dataDir, 'portal.sqlite');
      if (!fs.existsSync(source)) throw new Error(`There is no portal database at ${source}: give the portal's --data-dir.`);
      const db = new Database(source, { readonly: true, fileMustExist: true });
      try {
        await db.backup(partial);
      } finally {
        db.close();
      }
    }
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    console.error(`The backup of ${databaseName(config)} failed: ${(error as Error).message}`);
    return 1;
  }
  const size = fs.statSync(file).size;
  console.log(`Backed up ${databaseName(config)} to ${file} (${(size / 1024 / 1024).toFixed(1)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
  return 0;
}
