import type { PgMigration } from '../../store/pg-db.js';

// The dispatcher takes the oldest unsent messages (store.pendingMail: ORDER BY id LIMIT). Sent
// messages stay in the queue as its history, and PostgreSQL served the take by walking the primary
// key past every one of them (a queue of 19,000 sent and 1,000 unsent: 4-6 ms a take, growing with
// the history). This index holds the unsent ones only, in that order (0.9 ms on the same queue).
export const m0010: PgMigration = {
  version: 10,
  name: 'mail-queue-unsent',
  async up(sql) {
    await sql.run(`CREATE INDEX mail_queue_unsent ON mail_queue(id) WHERE sent_at IS NULL;`);
  },
};
