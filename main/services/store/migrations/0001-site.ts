import type { Migration } from '../../../../shared/node/sqlite.js';

export const m0001: Migration = {
  version: 1,
  name: 'site',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Every server the app has read, keyed by the address it answers at.
      CREATE TABLE servers (
        address        TEXT PRIMARY KEY,
        system_id      TEXT NOT NULL,
        name           TEXT NOT NULL,
        kind           TEXT NOT NULL,
        model          TEXT NOT NULL,
        version        TEXT NOT NULL,
        parent_address TEXT,
        first_seen_at  TEXT NOT NULL,
        last_seen_at   TEXT NOT NULL
      ) STRICT;

      -- Each System ID a server has shown; a new one at a known address means a database wipe.
      CREATE TABLE system_id_history (
        address   TEXT NOT NULL,
        system_id TEXT NOT NULL,
        seen_at   TEXT NOT NULL,
        PRIMARY KEY (address, system_id)
      ) STRICT;

      -- Servers that could not be read in the last read, with the reason.
      CREATE TABLE read_failures (
        address TEXT PRIMARY KEY,
        reason  TEXT NOT NULL,
        at      TEXT NOT NULL
      ) STRICT;
    `);
  },
};
