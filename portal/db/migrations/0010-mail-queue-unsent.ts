import type { Migration } from '../../../shared/node/sqlite.js';

// The dispatcher takes the oldest unsent messages (store.pendingMail, ORDER BY id). With only
// mail_queue_pending (sent_at, next_try_at), PostgreSQL walked the whole queue in id order, sent
// messages included (13 ms a take under the portal-pg benchmark's load); this index holds the
// unsent ones only, in that order. Both engines keep the same schema.
export const m0010: Migration = {
  version: 10,
  name: 'mail-queue-unsent',
  up(db) {
    db.exec(`CREATE INDEX mail_queue_unsent ON mail_queue(id) WHERE sent_at IS NULL;`);
  },
};
