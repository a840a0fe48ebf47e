import type { PgMigration } from '../../store/pg-db.js';
import { NOW_ISO, TEXT } from './sql.js';

export const m0001: PgMigration = {
  version: 1,
  name: 'init',
  async up(sql) {
    await sql.run(`
      CREATE TABLE meta (
        key   ${TEXT} PRIMARY KEY,
        value ${TEXT} NOT NULL
      );
      INSERT INTO meta (key, value) VALUES ('created_at', ${NOW_ISO});
    `);
  },
};
