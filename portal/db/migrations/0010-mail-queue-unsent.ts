import type { Migration } from '../../../shared/node/sqlite.js';

// PostgreSQL's 0010 indexes the unsent mail for the dispatcher's take. SQLite serves that take from
// mail_queue_pending (sent_at, next_try_at), whose size follows the unsent messages, not the
// history, and its planner does not use such an index: nothing to do here but keep both engines'
// migrations numbered alike (pg-migrations/index.ts), so a schema version means the same on either.
export const m0010: Migration = {
  version: 10,
  name: 'mail-queue-unsent',
  up() {},
};
