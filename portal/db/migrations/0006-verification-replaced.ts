import type { Migration } from '../../../shared/node/sqlite.js';

// Asking for the verification link again replaces the earlier ones: only the newest link works,
// so a link left in an old mail (or an old mailbox someone else reads) verifies nothing.
export const m0006: Migration = {
  version: 6,
  name: 'verification-replaced',
  up(db) {
    db.exec(`ALTER TABLE email_verifications ADD COLUMN replaced_at TEXT;`);
  },
};
