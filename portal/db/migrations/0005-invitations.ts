import type { Migration } from '../../../shared/node/sqlite.js';

// A registered system's free place (integrator or end user) is taken only by the account its
// owner invited: knowing a System ID is not enough to see or change a registration.
export const m0005: Migration = {
  version: 5,
  name: 'invitations',
  up(db) {
    db.exec(`
      CREATE TABLE system_invitations (
        id              INTEGER PRIMARY KEY,
        registration_id INTEGER NOT NULL REFERENCES registrations(id),
        email           TEXT NOT NULL COLLATE NOCASE,
        role            TEXT NOT NULL CHECK (role IN ('integrator', 'end-user')),
        invited_by      INTEGER NOT NULL REFERENCES accounts(id),
        created_at      TEXT NOT NULL,
        expires_at      TEXT NOT NULL,
        accepted_at     TEXT
      ) STRICT;
      CREATE INDEX system_invitations_registration ON system_invitations(registration_id);
    `);
  },
};
