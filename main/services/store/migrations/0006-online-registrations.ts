import type { Migration } from '../../../../shared/node/sqlite.js';

// Registrations made online from the site: what was asked of the portal, and the outbox batch that
// writes it to the servers (docs/architecture.md, Online registration).
export const m0006: Migration = {
  version: 6,
  name: 'online-registrations',
  up(db) {
    db.exec(`
      CREATE TABLE online_registrations (
        id                 INTEGER PRIMARY KEY AUTOINCREMENT,
        kind               TEXT NOT NULL CHECK (kind IN ('register', 'associate')),
        lead_address       TEXT NOT NULL,
        lead_name          TEXT NOT NULL,
        system_id          TEXT NOT NULL,
        previous_system_id TEXT,
        servers_json       TEXT NOT NULL,
        batch_id           INTEGER NOT NULL REFERENCES propagation_batches(id),
        inventory_error    TEXT,
        inventory_reported INTEGER NOT NULL,
        created_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX online_registrations_lead ON online_registrations(lead_address, id);
    `);
  },
};
