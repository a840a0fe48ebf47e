// A test's look into a running portal's SQLite file (WAL lets a second connection read and write
// beside the portal): for what no route shows, or to set up what another part would do.
import path from 'node:path';
import Database from 'better-sqlite3';

/** Runs `run` on a connection of its own to the portal's database in `dataDir`, closed after. */
export function portalSql<T>(dataDir: string, run: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'portal.sqlite'));
  try {
    return run(db);
  } finally {
    db.close();
  }
}

/** The organization an account belongs to: its id, Partner ID and name. */
export const organizationOf = (dataDir: string, email: string) =>
  portalSql(dataDir, (db) =>
    db.prepare('SELECT a.organization_id AS id, o.partner_id AS partnerId, o.name FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.email = ?').get(email),
  ) as { id: number; partnerId: string | null; name: string };
