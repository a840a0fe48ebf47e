// `portal copy-to-postgres --database postgres://... [--data-dir DIR]` (portal/cli.ts): the move
// from one SQLite portal to PostgreSQL, for a portal that outgrows one machine. Every row of
// <dataDir>/portal.sqlite is copied into an empty PostgreSQL database, which is migrated first to
// the same schema: the same ids (so every reference holds), the identities then set past the
// highest id (serials go on where they were), booleans from SQLite's 0/1. All in one PostgreSQL
// transaction: the copy is whole or nothing. The SQLite file is only read (in one snapshot), and
// stays as it was: stop the SQLite portal first, or what it writes meanwhile stays behind.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { commandArgs } from './command-args.js';
import { portalMigrations } from './db/migrations/index.js';
import { portalPgMigrations } from './db/pg-migrations/index.js';
import { openPgDatabase, redactUrl } from './store/pg-db.js';

export const COPY_USAGE = 'Usage: npm run portal -- copy-to-postgres --database postgres://... [--data-dir DIR] [--config FILE]';

/** Rows per INSERT: few round trips, well under PostgreSQL's 65,535 parameters for any table here. */
const ROWS_PER_INSERT = 200;

interface PgColumn {
  table: string;
  column: string;
  type: string;
  identity: boolean;
}

/** The tables in an order where each comes after the ones it references (foreign keys). */
async function tablesInOrder(client: pg.ClientBase, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.conrelid <> c.confrelid`,
  );
  const parents = new Map(tables.map((t) => [t, new Set(rows.filter((r) => r.child === t).map((r) => r.parent))]));
  const ordered: string[] = [];
  while (ordered.length < tables.length) {
    const next = tables.filter((t) => !ordered.includes(t) && [...parents.get(t)!].every((p) => ordered.includes(p) || !parents.has(p)));
    if (!next.length) throw new Error(`The tables reference each other in a cycle: ${tables.filter((t) => !ordered.includes(t)).join(', ')}.`);
    ordered.push(...next);
  }
  return ordered;
}

/** A value as PostgreSQL's column wants it: SQLite keeps booleans as 0 and 1. */
const toPg = (value: unknown, type: string) => (type === 'boolean' && typeof value === 'number' ? value !== 0 : value);

export async function copyToPostgres(sqliteFile: string, databaseUrl: string, log: (line: string) => void): Promise<{ tables: number; rows: number }> {
  if (!fs.existsSync(sqliteFile)) throw new Error(`There is no SQLite portal database at ${sqliteFile}: give the data folder of the portal to copy (--data-dir).`);
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version !== portalMigrations.length) {
      throw new Error(
        version < portalMigrations.length
          ? `${sqliteFile} is at schema ${version}; this portal's is ${portalMigrations.length}. Start this version of the portal on it once (it brings the file up to date), stop it, then copy.`
          : `${sqliteFile} was written by a newer portal (schema ${version}; this one knows ${portalMigrations.length}): copy it with that version.`,
      );
    }
    // The same schema on PostgreSQL (made, or checked to be current), then one transaction for the copy.
    await (await openPgDatabase(databaseUrl, portalPgMigrations, { max: 1 })).close();
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bms-portal copy-to-postgres' });
    await client.connect();
    try {
      const columns = (
        await client.query<PgColumn>(
          `SELECT table_name AS table, column_name AS column, data_type AS type, is_identity = 'YES' AS identity FROM information_schema.columns
           WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
        )
      ).rows;
      const sqliteTables = (source.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
      const pgTables = new Set(columns.map((c) => c.table));
      const missing = sqliteTables.filter((t) => !pgTables.has(t));
      if (missing.length) throw new Error(`PostgreSQL has no table ${missing.join(', ')}: the two schemas differ, which is a bug of this portal version.`);
      // SQLite keeps its schema version in user_version, not in a table: every table is the portal's data.
      const tables = await tablesInOrder(client, sqliteTables);

      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      try {
        // Empty, but for what migrating wrote itself (meta's created_at).
        const holding: string[] = [];
        for (const table of tables) {
          if (table === 'meta') continue;
          const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
          if (rows[0]!.n) holding.push(`${table} (${rows[0]!.n})`);
        }
        if (holding.length) throw new Error(`The PostgreSQL database ${redactUrl(databaseUrl)} already holds portal data: ${holding.join(', ')}. Copy into an empty database.`);
        await client.query('DELETE FROM meta');

        let total = 0;
        source.exec('BEGIN'); // one snapshot of the file for every table
        try {
          for (const table of tables) {
            const own = columns.filter((c) => c.table === table);
            const names = (source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
            const unknown = names.filter((n) => !own.some((c) => c.column === n));
            if (unknown.length) throw new Error(`PostgreSQL's ${table} has no column ${unknown.join(', ')}: the two schemas differ, which is a bug of this portal version.`);
            const types = names.map((n) => own.find((c) => c.column === n)!.type);
            const overriding = own.some((c) => c.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
            const list = names.map((n) => `"${n}"`).join(', ');
            let batch: unknown[][] = [];
            let copied = 0;
            const flush = async () => {
              if (!batch.length) return;
              const values = batch.flatMap((row) => row.map((v, i) => toPg(v, types[i]!)));
              const tuples = batch.map((_, r) => `(${names.map((__, i) => `$${r * names.length + i + 1}`).join(', ')})`);
              await client.query(`INSERT INTO "${table}" (${list})${overriding} VALUES ${tuples.join(', ')}`, values);
              copied += batch.length;
              batch = [];
            };
            for (const row of source.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>) {
              batch.push(row);
              if (batch.length >= ROWS_PER_INSERT) await flush();
            }
            await flush();
            // Identities go on after the highest id copied, as SQLite's rowids would.
            for (const c of own.filter((col) => col.identity)) {
              await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${c.column}") FROM "${table}"), 0) + 1, false)`, [`"${table}"`, c.column]);
            }
            log(`${table}: ${copied} rows`);
            total += copied;
          }
        } finally {
          source.exec('COMMIT');
        }
        await client.query('COMMIT');
        return { tables: tables.length, rows: total };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await client.end();
    }
  } finally {
    source.close();
  }
}

/** Runs the command; returns the process exit code (0 done, 1 failed, 2 bad usage). */
export async function runCopyToPostgresCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(args, COPY_USAGE);
  if (typeof parsed === 'number') return parsed;
  const { positionals, config } = parsed;
  if (positionals.length) {
    console.error(`Unexpected ${positionals.join(' ')}.\n${COPY_USAGE}`);
    return 2;
  }
  if (!config.databaseUrl) {
    console.error(`Give the PostgreSQL database to copy into: --database postgres://user:password@host/database (or PORTAL_DATABASE_URL).\n${COPY_USAGE}`);
    return 2;
  }
  const file = path.join(config.dataDir, 'portal.sqlite');
  const started = Date.now();
  try {
    const { tables, rows } = await copyToPostgres(file, config.databaseUrl, (line) => console.log(`  ${line}`));
    console.log(
      `Copied ${rows} rows of ${tables} tables from ${file} to ${redactUrl(config.databaseUrl)} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
        `Start the portal with --database and the same keys folder as before (${config.keysDir}: PORTAL_KEYS_DIR), or its sessions, authenticator secrets and signatures will not be recognised.`,
    );
    return 0;
  } catch (error) {
    console.error(`Nothing was copied: ${(error as Error).message}`);
    return 1;
  }
}
