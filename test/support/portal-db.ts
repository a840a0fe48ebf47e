// A test's look into a running portal's database, on either engine (processes.ts
// PORTAL_TEST_ENGINE): its SQLite file (WAL lets a second connection read and write beside the
// portal) or its PostgreSQL database. For what no route shows, or to set up what another part
// would do. Statements are written once for both: `?` placeholders (numbered for PostgreSQL
// here), camelCase aliases quoted ("accountId"), no engine-specific functions.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresBinDir } from './pg-cluster.js';
import { portalDatabaseUrl, startedPortalDatabaseUrl } from './processes.js';

export interface PortalSql {
  /** Every row. */
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** The first column of the first row, or undefined. */
  value<T = unknown>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** The first column of every row. */
  values<T = unknown>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The number of rows changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
}

// bigint (ids, counts) as numbers, as better-sqlite3 gives them.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** `?` to `$1, $2, ...`, outside quoted strings and identifiers. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (m) => (m === '?' ? `$${++n}` : m));
};

/** Booleans as SQLite stores them: a test compares 0 and 1 on either engine. */
const sqliteRow = (row: Record<string, unknown> | undefined) =>
  row && Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]));

/** Runs `run` on a connection of its own to the database of the portal on `dataDir`, closed after. */
export async function portalSql<T>(dataDir: string, run: (db: PortalSql) => Promise<T> | T): Promise<T> {
  const url = await portalDatabaseUrl(dataDir);
  if (!url) {
    const db = new Database(path.join(dataDir, 'portal.sqlite'));
    try {
      return await run({
        all: async <R>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as R[],
        get: async <R>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as R | undefined,
        value: async <R>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as R | undefined,
        values: async <R>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().all(...params) as R[],
        run: async (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params).changes,
      });
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  const query = (sql: string, params: unknown[]) => client.query({ text: numbered(sql), values: params });
  try {
    return await run({
      all: async <R>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows.map((r) => sqliteRow(r) as R),
      get: async <R>(sql: string, ...params: unknown[]) => sqliteRow((await query(sql, params)).rows[0]) as R | undefined,
      value: async <R>(sql: string, ...params: unknown[]) => {
        const result = await client.query({ text: numbered(sql), values: params, rowMode: 'array' });
        const v = (result.rows[0] as unknown[] | undefined)?.[0];
        return (typeof v === 'boolean' ? Number(v) : v) as R | undefined;
      },
      values: async <R>(sql: string, ...params: unknown[]) =>
        (await client.query({ text: numbered(sql), values: params, rowMode: 'array' })).rows.map((r: unknown[]) => (typeof r[0] === 'boolean' ? Number(r[0]) : r[0]) as R),
      run: async (sql: string, ...params: unknown[]) => (await query(sql, params)).rowCount ?? 0,
    });
  } finally {
    await client.end();
  }
}

/**
 * The organization an account belongs to: its id, Partner ID and name. Synchronous, on either
 * engine (on PostgreSQL through psql, as the portal's database must exist already: its portal was
 * started).
 */
export function organizationOf(dataDir: string, email: string): { id: number; partnerId: string | null; name: string } {
  const sql = 'SELECT a.organization_id AS id, o.partner_id AS "partnerId", o.name FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.email = ?';
  const url = startedPortalDatabaseUrl(dataDir);
  if (!url) {
    const db = new Database(path.join(dataDir, 'portal.sqlite'));
    try {
      return db.prepare(sql).get(email) as { id: number; partnerId: string | null; name: string };
    } finally {
      db.close();
    }
  }
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: no psql.');
  // psql quotes the value itself (:'email'); the row comes back as JSON.
  const result = spawnSync(path.join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-v', `email=${email}`, '-d', url], {
    input: `SELECT row_to_json(t) FROM (${sql.replace('?', ":'email'")}) t;\n`,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  const line = result.stdout.trim();
  return (line ? JSON.parse(line) : undefined) as { id: number; partnerId: string | null; name: string };
}
