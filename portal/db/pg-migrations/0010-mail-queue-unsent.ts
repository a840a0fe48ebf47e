import type { PgMigration } from '../../store/pg-db.js';

// As SQLite's 0010: the unsent messages in id order, for the dispatcher's take (store.pendingMail).
export const m0010: PgMigration = {
  version: 10,
  name: 'mail-queue-unsent',
  async up(sql) {
    await sql.run(`CREATE INDEX mail_queue_unsent ON mail_queue(id) WHERE sent_at IS NULL;`);
  },
};
