import type { Migration } from '../../../shared/node/sqlite.js';

// Whether a session itself passed the authenticator check: a session opened with the password
// alone before enrolment must not gain full access when the account later enrols.
export const m0004: Migration = {
  version: 4,
  name: 'session-mfa',
  up(db) {
    db.exec(`ALTER TABLE sessions ADD COLUMN mfa_verified INTEGER NOT NULL DEFAULT 0;`);
  },
};
