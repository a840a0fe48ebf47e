// The portal's connection to PostgreSQL (node-postgres): a pool, transactions, and the numbered
// migrations (portal/db/pg-migrations/), with the same rules as SQLite's (shared/node/sqlite.ts):
// each migration in its own transaction, the version recorded (table schema_migrations), and a
// database from a newer version refused. Several portal instances may start at once on one
// database: migrating runs under a session advisory lock, so a migration never runs twice.
//
// Transactions. SQLite runs one writer at a time, so every transaction of the SQLite store is
// serial. Here several processes write at once, and `transaction` gives the same guarantee either
// with locks at READ COMMITTED (for the busiest writes, which say what they lock: see
// `transaction`), or by default with SERIALIZABLE isolation: PostgreSQL aborts (SQLSTATE 40001)
// any transaction whose outcome could differ from some one-at-a-time order, and `transaction`
// runs it again from the start, on the database as the winner left it (a deadlock, too). The work
// passed in may therefore run more than once: it must only read and write through `sql` (and
// compute from what it read), which every store method does. Single statements that claim something (`UPDATE ... WHERE used_at IS NULL RETURNING`) run
// on their own: PostgreSQL re-checks the WHERE on the row as the winner left it, so one claims.
import pg from 'pg';
import { NewerDatabaseError } from '../../shared/node/sqlite.js';

/** A connection to run statements on: the pool (each statement on its own) or a transaction's client. */
export interface Sql {
  /** Every row. */
  all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** The number of rows the statement changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

/** A statement and the values of its $1, $2, ... */
export interface Statement {
  text: string;
  values?: readonly unknown[];
}

/** What a statement of a batch returned. */
export interface Outcome {
  rows: unknown[];
  rowCount: number;
}

/**
 * A transaction's connection. Each round trip wakes both processes (the costliest part of a short
 * write here), so a transaction sends BEGIN with its first statements and COMMIT with its last.
 */
export interface Tx extends Sql {
  /** The statements in one round trip, in order, each seeing what the ones before it wrote; what each returned. One call at a time, as on any connection. */
  batch(statements: readonly Statement[]): Promise<Outcome[]>;
  /** Statements sent with COMMIT, after every other: writes whose outcome the work does not need. */
  atCommit(...statements: Statement[]): void;
}

export interface PgMigration {
  /** 1, 2, 3, ...: the highest version in schema_migrations once it has run. */
  version: number;
  name: string;
  up(sql: Sql): Promise<void>;
}

// bigint (ids, counts, sums) as JavaScript numbers, as better-sqlite3 gives them: ids and counts
// stay far below 2^53. Everything else as node-postgres reads it (text columns as strings).
const INT8 = 20;
const NUMERIC = 1700;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Every statement with parameters is a named prepared statement: PostgreSQL parses and plans it
 * once per connection instead of on every call (the store's statements are fixed texts; the few built from
 * parts, such as the systems list's ORDER BY, are a handful of texts each).
 */
const statementNames = new Map<string, string>();
const prepared = (text: string, values: readonly unknown[]): pg.QueryConfig => {
  // Without parameters: as sent (a migration's script holds several statements, which a prepared one cannot).
  if (!values.length) return { text };
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `s${statementNames.size + 1}`));
  return { name, text, values: values as unknown[] };
};

const sqlOf = (on: pg.Pool | pg.PoolClient | pg.Client): Sql => ({
  all: async <T>(text: string, params: readonly unknown[] = []) => (await on.query(prepared(text, params))).rows as T[],
  get: async <T>(text: string, params: readonly unknown[] = []) => (await on.query(prepared(text, params))).rows[0] as T | undefined,
  run: async (text: string, params: readonly unknown[] = []) => (await on.query(prepared(text, params))).rowCount ?? 0,
});

// Batches. Several statements go in one simple query (the protocol's only way to send several at
// once with node-postgres), which takes no parameters: each statement is PREPAREd on the
// connection the first time (in the same round trip) and then EXECUTEd with its values written in
// as literals, the way the driver would send them. A prepared statement keeps its plan, as the
// driver's own do (the state read plans in about as long as it runs).
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }).utils.prepareValue;

/** A value as a literal of a simple query: the text the driver would send for it, quoted. */
function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null) return 'NULL';
  if (Buffer.isBuffer(text)) return `E'\\\\x${text.toString('hex')}'`;
  // The simple query is a C string: PostgreSQL would read a NUL as its end (and refuses NUL in text anyway).
  if (text.includes('\0')) throw new Error('A value holds a NUL character, which PostgreSQL cannot store.');
  return pg.escapeLiteral(text);
}

const batchNames = new Map<string, string>();
/** Per connection: the batch statements prepared on it; `unsure` after a failed round trip that prepared some. */
const preparedOn = new WeakMap<pg.ClientBase, { names: Set<string>; unsure: boolean }>();

/** Runs `statements` on `client` in one round trip (one simple query); what each returned. */
async function runBatch(client: pg.ClientBase, statements: readonly Statement[]): Promise<Outcome[]> {
  let session = preparedOn.get(client);
  if (!session) preparedOn.set(client, (session = { names: new Set(), unsure: false }));
  if (session.unsure) {
    // PREPARE is not undone by a rollback: ask the server which ones it holds.
    const { rows } = await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
    session.names = new Set(rows.map((r) => r.name));
    session.unsure = false;
  }
  const parts: string[] = [];
  const outcomeAt: number[] = [];
  const preparing: string[] = [];
  for (const { text, values = [] } of statements) {
    if (!values.length) {
      outcomeAt.push(parts.push(text) - 1);
      continue;
    }
    let name = batchNames.get(text);
    if (!name) batchNames.set(text, (name = `b${batchNames.size + 1}`));
    if (!session.names.has(name) && !preparing.includes(name)) {
      parts.push(`PREPARE ${name} AS ${text}`);
      preparing.push(name);
    }
    outcomeAt.push(parts.push(`EXECUTE ${name}(${values.map(literal).join(', ')})`) - 1);
  }
  let results: pg.QueryResult | pg.QueryResult[];
  try {
    results = (await client.query(parts.join(';\n'))) as pg.QueryResult | pg.QueryResult[];
  } catch (error) {
    if (preparing.length) session.unsure = true;
    throw error;
  }
  for (const name of preparing) session.names.add(name);
  const list = Array.isArray(results) ? results : [results];
  return outcomeAt.map((i) => ({ rows: list[i]!.rows, rowCount: list[i]!.rowCount ?? 0 }));
}

/** A transaction whose BEGIN (with its locks) goes with its first statements, and COMMIT with its last. */
class Transaction implements Tx {
  private readonly closing: Statement[] = [];

  constructor(
    private readonly client: pg.PoolClient,
    private opening: readonly string[],
  ) {}

  async batch(statements: readonly Statement[]): Promise<Outcome[]> {
    const opening = this.opening.map((text) => ({ text }));
    this.opening = [];
    // One statement after the opening: the driver's own prepared statement, values as parameters.
    if (!opening.length && statements.length === 1 && statements[0]!.values?.length) {
      const { rows, rowCount } = await this.client.query(prepared(statements[0]!.text, statements[0]!.values));
      return [{ rows, rowCount: rowCount ?? 0 }];
    }
    return (await runBatch(this.client, [...opening, ...statements])).slice(opening.length);
  }

  /** Sent (or about to be), so a failure must be rolled back. */
  get begun(): boolean {
    return !this.opening.length;
  }

  async all<T>(text: string, values: readonly unknown[] = []) {
    return (await this.batch([{ text, values }]))[0]!.rows as T[];
  }

  async get<T>(text: string, values: readonly unknown[] = []) {
    return (await this.batch([{ text, values }]))[0]!.rows[0] as T | undefined;
  }

  async run(text: string, values: readonly unknown[] = []) {
    return (await this.batch([{ text, values }]))[0]!.rowCount;
  }

  atCommit(...statements: Statement[]): void {
    this.closing.push(...statements);
  }

  /** COMMIT with the statements left for it (and BEGIN, if nothing was sent yet); nothing if there is nothing to do. */
  async commit(): Promise<void> {
    if (!this.begun && !this.closing.length) return;
    await this.batch([...this.closing.splice(0), { text: 'COMMIT' }]);
  }
}

/** The address without its password, to name the database in messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the database';
  }
}

/** The advisory locks of `transaction`'s `lock` option: (LOCK_SPACE, hashtext(text)). */
const LOCK_SPACE = 0x424d53; // 'BMS'

/** SQLSTATEs after which a transaction is run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 50;

const sqlState = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '');

/** The advisory locks of systemIdBucketsLock: (ID_BUCKET_SPACE, 0 to ID_BUCKETS - 1). */
const ID_BUCKET_SPACE = 0x424d54;
const ID_BUCKETS = 64;

/**
 * For a READ COMMITTED transaction: the statement that waits for the locks of the System IDs given,
 * held until it ends. The IDs share 64 locks by hash: a report of thousands of shadows takes at
 * most 64 (the server's lock table is small), in one order, so two takers of several do not deadlock.
 */
export const systemIdBucketsLock = (systemIds: readonly string[]): Statement => ({
  text: `SELECT pg_advisory_xact_lock(${ID_BUCKET_SPACE}, b) FROM (SELECT DISTINCT abs(hashtext(t) % ${ID_BUCKETS}) AS b FROM unnest($1::text[]) AS t ORDER BY 1) AS s`,
  values: [systemIds],
});

export class PgDatabase {
  readonly pool: pg.Pool;
  /** Rows changed by statements on their own, outside a transaction. */
  readonly sql: Sql;

  constructor(
    readonly url: string,
    options: { max?: number } = {},
  ) {
    // A server that cannot be reached fails the request after 5 s (503, see database-unavailable.ts), not after TCP's minutes.
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, application_name: 'bms-portal', idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
    // A connection the server drops while idle in the pool: the pool replaces it; nothing to do here.
    this.pool.on('error', (error) => console.error(`PostgreSQL connection lost (${redactUrl(url)}): ${error.message}`));
    this.sql = sqlOf(this.pool);
  }

  /**
   * Runs `work` in one transaction, again from the start when PostgreSQL aborts it for a conflict
   * with a concurrent one (serialization failure, deadlock). See the top of this file.
   * - By default SERIALIZABLE (read-only ones: REPEATABLE READ READ ONLY, one snapshot, never
   *   aborted). With `lock`, transactions given a same lock text run one after the other (session
   *   advisory locks held around the transaction, taken before BEGIN so that the snapshot comes
   *   after the last holder's commit): for work that many ask for at once on one thing, so they
   *   queue instead of colliding and running again; correctness does not depend on it.
   * - `readCommitted`: READ COMMITTED, for work that locks everything its decision reads: `lock`
   *   becomes transaction advisory locks, taken in BEGIN's round trip and released by COMMIT; rows
   *   with SELECT ... FOR UPDATE; System IDs with systemIdBucketsLock. Each statement sees what was
   *   committed before it began, so a transaction waits for another instead of running again.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>, options: { readOnly?: boolean; lock?: string | string[]; readCommitted?: boolean } = {}): Promise<T> {
    const locks = options.lock === undefined ? [] : [...new Set([options.lock].flat())].sort();
    const readCommitted = options.readCommitted === true;
    // Sent with the transaction's first statements (Transaction above).
    const lockCalls = locks.map((text) => `pg_advisory_xact_lock(${LOCK_SPACE}, hashtext(${literal(text)}))`);
    const opening = readCommitted
      ? ['BEGIN ISOLATION LEVEL READ COMMITTED', ...(lockCalls.length ? [`SELECT ${lockCalls.join(', ')}`] : [])]
      : [options.readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN ISOLATION LEVEL SERIALIZABLE'];
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withLocks(readCommitted ? [] : locks, async (client) => {
          const tx = new Transaction(client, opening);
          try {
            const result = await work(tx);
            await tx.commit();
            return result;
          } catch (error) {
            // Not in a transaction any more (a failed COMMIT ends it) is fine; a broken connection is not.
            if (tx.begun) {
              await client.query('ROLLBACK').catch(() => {
                throw Object.assign(new Error('The connection broke during a rollback.'), { cause: error, broken: true });
              });
            }
            throw error;
          }
        });
      } catch (error) {
        // A unique violation is usually reported as a serialization failure when the transaction had
        // looked for the key first (as every check-then-insert here does); should one still come
        // through, a few more runs find the row the winner wrote and decide on it.
        const again = RETRYABLE.has(sqlState(error)) ? attempt < MAX_ATTEMPTS : sqlState(error) === '23505' && !options.readOnly && attempt < 3;
        if (!again) throw error;
      }
      // Spread the retries out, so the transactions that collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));
    }
  }

  /**
   * Runs `work` on one connection holding the advisory locks named (session locks, all taken in one
   * statement in one order, so two holders never wait for each other's), released after. Without a
   * transaction: each statement of `work` sees what the lock's earlier holders committed.
   */
  async withLocks<T>(locks: readonly string[], work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      if (locks.length) {
        const sorted = [...new Set(locks)].sort();
        await client.query(`SELECT ${sorted.map((_, i) => `pg_advisory_lock($1, hashtext($${i + 2}))`).join(', ')}`, [LOCK_SPACE, ...sorted]);
      }
      return await work(client);
    } catch (error) {
      broken = (error as { broken?: boolean }).broken === true;
      throw error;
    } finally {
      if (locks.length && !broken) await client.query('SELECT pg_advisory_unlock_all()').catch(() => (broken = true));
      // A connection in an unknown state is closed, not pooled (any lock it holds goes with it).
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

// Any constant both the portal's instances use: the key of the advisory lock held while migrating.
const MIGRATION_LOCK = 7_212_636_318_467_690_081n;

/** The version of the schema, 0 for a database the portal has never migrated. */
export async function pgSchemaVersion(sql: Sql): Promise<number> {
  const table = await sql.get<{ name: string | null }>(`SELECT to_regclass('schema_migrations')::text AS name`);
  if (!table?.name) return 0;
  return (await sql.get<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations'))!.v;
}

/**
 * Brings the database to the newest schema: each pending migration in its own transaction, under an
 * advisory lock so that instances starting together wait for each other instead of migrating twice.
 */
export async function migratePg(url: string, migrations: readonly PgMigration[]): Promise<void> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3, ...; found ${m.version} (${m.name}) at place ${i + 1}.`);
  });
  const client = new pg.Client({ connectionString: url, types, application_name: 'bms-portal migrations' });
  await client.connect();
  try {
    const sql = sqlOf(client);
    // Released when this connection ends, whatever happens.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const current = await pgSchemaVersion(sql);
    if (current > ordered.length) throw new NewerDatabaseError(redactUrl(url), current, ordered.length);
    for (const m of ordered.slice(current)) {
      await client.query('BEGIN');
      try {
        await m.up(sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`The database migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.end();
  }
}

/** Opens the pool after migrating; a database that cannot be reached is named in the error. */
export async function openPgDatabase(url: string, migrations: readonly PgMigration[], options: { max?: number } = {}): Promise<PgDatabase> {
  try {
    await migratePg(url, migrations);
  } catch (error) {
    if (error instanceof NewerDatabaseError || (error as Error).message.startsWith('The database migration')) throw error;
    throw new Error(`Cannot open the portal database ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return new PgDatabase(url, options);
}

/** A unique violation (SQLSTATE 23505), optionally of one constraint or index. */
export const isUniqueViolation = (error: unknown, constraint?: string) =>
  sqlState(error) === '23505' && (constraint === undefined || (error as { constraint?: string }).constraint === constraint);
