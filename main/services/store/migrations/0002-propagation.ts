import type { Migration } from '../../../../shared/node/sqlite.js';

export const m0002: Migration = {
  version: 2,
  name: 'propagation',
  up(db) {
    db.exec(`
      -- One registration to be written to a lead and its shadows.
      CREATE TABLE propagation_batches (
        id                INTEGER PRIMARY KEY,
        lead_address      TEXT NOT NULL,
        registration_json TEXT NOT NULL,
        reason            TEXT NOT NULL,
        created_at        TEXT NOT NULL
      ) STRICT;

      -- The outbox: which server still needs it. A crash or a dead server leaves a record of
      -- what is left to do, never a half-registered site without one.
      CREATE TABLE propagation_outbox (
        batch_id        INTEGER NOT NULL REFERENCES propagation_batches (id) ON DELETE CASCADE,
        address         TEXT NOT NULL,
        system_id       TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        next_attempt_at TEXT NOT NULL,
        done_at         TEXT,
        PRIMARY KEY (batch_id, address)
      ) STRICT;
      CREATE INDEX propagation_due ON propagation_outbox (state, next_attempt_at);
    `);
  },
};
