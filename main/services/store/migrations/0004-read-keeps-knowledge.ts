import type { Migration } from '../../../../shared/node/sqlite.js';

// A read that could not reach part of the site keeps what was known: servers are removed only
// when their parent answered without them, and the user sees which were removed and why. A wipe
// is judged against the System ID history, which outlives a server's row.
export const m0004: Migration = {
  version: 4,
  name: 'read-keeps-knowledge',
  up(db) {
    db.exec(`
      -- What the last read could not learn about a server it reached (its children, its registration).
      ALTER TABLE servers ADD COLUMN read_note TEXT;

      -- When each System ID was last seen, so the newest one is known even after it comes back.
      ALTER TABLE system_id_history ADD COLUMN last_seen_at TEXT;
      UPDATE system_id_history SET last_seen_at = seen_at;
      -- The ID a server shows now is the newest, even where an older one came back (a restore).
      UPDATE system_id_history SET last_seen_at = (SELECT s.last_seen_at FROM servers s WHERE s.address = system_id_history.address)
        WHERE EXISTS (SELECT 1 FROM servers s WHERE s.address = system_id_history.address AND s.system_id = system_id_history.system_id);

      -- Servers a read found gone from the site, and why.
      CREATE TABLE server_removals (
        id             INTEGER PRIMARY KEY,
        address        TEXT NOT NULL,
        name           TEXT NOT NULL,
        system_id      TEXT NOT NULL,
        parent_address TEXT,
        reason         TEXT NOT NULL,
        removed_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX server_removals_by_time ON server_removals (removed_at);
    `);
  },
};
