import type { Migration } from '../../../shared/node/sqlite.js';

// Every Registration code the portal issued, with the request it answers. The id is the code's
// serial, so serials only grow; a request answered twice gets the same code back.
export const m0003: Migration = {
  version: 3,
  name: 'issued-codes',
  up(db) {
    db.exec(`
      CREATE TABLE issued_codes (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        registration_id   INTEGER NOT NULL REFERENCES registrations(id),
        kind              TEXT NOT NULL CHECK (kind IN ('register', 'associate')),
        system_id         TEXT NOT NULL,
        request_digest    TEXT NOT NULL UNIQUE,
        request_code      TEXT NOT NULL,
        registration_code TEXT NOT NULL,
        token             TEXT NOT NULL,
        issued_by         INTEGER NOT NULL REFERENCES accounts(id),
        issued_at         TEXT NOT NULL,
        valid_until       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX issued_codes_registration ON issued_codes(registration_id, id);
    `);
  },
};
