// Opening a SQLite database the way both the companion and the portal want it: WAL, foreign keys,
// numbered migrations each in its own transaction, and a database from a newer version refused
// rather than half-understood.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface Migration {
  /** 1, 2, 3, ...: the value of PRAGMA user_version after it has run. */
  version: number;
  name: string;
  up(db: Db): void;
}

export class NewerDatabaseError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `The database ${file} was written by a newer version of this program (schema ${found}, this one knows ${known}). ` +
        'Update the program, or point it at another data folder.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/** How long a statement waits for another connection's lock on the file before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(file: string, migrations: readonly Migration[]): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('synchronous = NORMAL');
  try {
    migrate(db, file, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function migrate(db: Db, file: string, migrations: readonly Migration[]): void {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3, ...; found ${m.version} (${m.name}) at place ${i + 1}.`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > ordered.length) throw new NewerDatabaseError(file, current, ordered.length);
  for (const m of ordered.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
