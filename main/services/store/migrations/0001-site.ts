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

      -- Where the site is and how to log on. Passwords are sealed (see secrets/secret-box.ts).
      CREATE TABLE site_connection (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        targets         TEXT NOT NULL,
        username        TEXT,
        password_sealed TEXT,
        concurrency     INTEGER NOT NULL,
        timeout_ms      INTEGER NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE server_credentials (
        address         TEXT PRIMARY KEY,
        username        TEXT NOT NULL,
        password_sealed TEXT NOT NULL
      ) STRICT;

      -- Certificates the user trusted explicitly, after checking the fingerprint.
      CREATE TABLE trusted_certificates (
        host_port      TEXT PRIMARY KEY,
        pem            TEXT NOT NULL,
        fingerprint256 TEXT NOT NULL,
        subject        TEXT NOT NULL,
        trusted_at     TEXT NOT NULL
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
      CREATE INDEX servers_by_parent ON servers (parent_address);

      -- Each System ID a server has shown; a new one at a known address means a database wipe.
      CREATE TABLE system_id_history (
        address   TEXT NOT NULL,
        system_id TEXT NOT NULL,
        seen_at   TEXT NOT NULL,
        PRIMARY KEY (address, system_id)
      ) STRICT;

      -- A wiped server waiting for its new System ID to be associated with the old registration.
      CREATE TABLE reassociations (
        address       TEXT NOT NULL,
        old_system_id TEXT NOT NULL,
        new_system_id TEXT NOT NULL,
        detected_at   TEXT NOT NULL,
        resolved_at   TEXT,
        PRIMARY KEY (address, new_system_id)
      ) STRICT;

      -- Registration as last read from each server.
      CREATE TABLE registrations (
        address        TEXT PRIMARY KEY,
        state          TEXT NOT NULL,
        method         TEXT,
        code           TEXT,
        organization   TEXT,
        site_name      TEXT,
        registered_at  TEXT,
        lead_system_id TEXT,
        read_at        TEXT NOT NULL
      ) STRICT;

      -- Lead/shadow relationships the user set up, over the ones the hierarchy gives.
      CREATE TABLE lead_overrides (
        shadow_address TEXT PRIMARY KEY,
        lead_address   TEXT NOT NULL,
        set_at         TEXT NOT NULL
      ) STRICT;

      -- Servers that could not be read in the last read, with the reason.
      CREATE TABLE read_failures (
        address TEXT PRIMARY KEY,
        kind    TEXT NOT NULL,
        reason  TEXT NOT NULL,
        at      TEXT NOT NULL
      ) STRICT;

      -- What the user did, for support and for the user's own record.
      CREATE TABLE audit_log (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
    `);
  },
};
