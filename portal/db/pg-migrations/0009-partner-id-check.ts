import pg from 'pg';
import type { PgMigration } from '../../store/pg-db.js';

// As SQLite's 0009: a Partner ID is checked in every character, not only its first (migration 7's
// '^[A-Z0-9_]'). The old constraint, named by PostgreSQL, is found by what it checks. NOT VALID, as
// SQLite's triggers: rows written from now on are checked, and a row from before that fails (the
// portal never wrote one) cannot keep the upgraded portal from starting.
export const m0009: PgMigration = {
  version: 9,
  name: 'partner-id-check',
  async up(sql) {
    const old = await sql.all<{ name: string }>(
      `SELECT conname AS name FROM pg_constraint WHERE conrelid = 'organizations'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%partner_id ~%'`,
    );
    for (const { name } of old) await sql.run(`ALTER TABLE organizations DROP CONSTRAINT ${pg.escapeIdentifier(name)}`);
    await sql.run(
      `ALTER TABLE organizations ADD CONSTRAINT organizations_partner_id_check CHECK (partner_id IS NULL OR (kind = 'partner' AND partner_id ~ '^[A-Z0-9_]{1,32}$')) NOT VALID`,
    );
  },
};
