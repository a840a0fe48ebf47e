import type { Migration } from '../../../../shared/node/sqlite.js';

export const m0003: Migration = {
  version: 3,
  name: 'offline',
  up(db) {
    db.exec(`
      -- Offline requests made at this site. A pending one survives restarts until its code is
      -- applied or the user cancels it; an applied one is never applied again (its nonce is spent).
      CREATE TABLE offline_requests (
        id                 INTEGER PRIMARY KEY,
        kind               TEXT NOT NULL CHECK (kind IN ('register', 'associate')),
        state              TEXT NOT NULL CHECK (state IN ('pending', 'applied', 'cancelled')),
        lead_address       TEXT NOT NULL,
        lead_name          TEXT NOT NULL,
        system_id          TEXT NOT NULL,
        previous_system_id TEXT,
        servers_json       TEXT NOT NULL,
        request_code       TEXT NOT NULL,
        created_at         TEXT NOT NULL,
        applied_at         TEXT,
        grant_json         TEXT,
        batch_id           INTEGER REFERENCES propagation_batches (id)
      ) STRICT;
      CREATE INDEX offline_requests_state ON offline_requests (state, id);
    `);
  },
};
