import type { PgMigration } from '../../store/pg-db.js';
import { TEXT } from './sql.js';

// As SQLite's 0006: asking for the verification link again replaces the earlier ones.
export const m0006: PgMigration = {
  version: 6,
  name: 'verification-replaced',
  async up(sql) {
    await sql.run(`ALTER TABLE email_verifications ADD COLUMN replaced_at ${TEXT};`);
  },
};
