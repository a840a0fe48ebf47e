// What the companion remembers about the site it was pointed at.
import type { Db } from '../../../shared/node/sqlite.js';
import type { ReadFailure, ServerKind, ServerView, SiteSnapshot } from '../../../shared/domain/server.js';

export interface StoredServer extends ServerView {
  model: string;
}

interface ServerRow {
  address: string;
  system_id: string;
  name: string;
  kind: ServerKind;
  model: string;
  version: string;
  parent_address: string | null;
}

export class SiteStore {
  constructor(private readonly db: Db) {}

  private setting(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  snapshot(): SiteSnapshot {
    const rows = this.db
      .prepare('SELECT address, system_id, name, kind, model, version, parent_address FROM servers ORDER BY address')
      .all() as ServerRow[];
    const failures = this.db.prepare('SELECT address, reason FROM read_failures ORDER BY address').all() as ReadFailure[];
    return {
      address: this.setting('site.address'),
      readAt: this.setting('site.readAt'),
      servers: rows.map((r) => ({
        address: r.address,
        systemId: r.system_id,
        name: r.name,
        kind: r.kind,
        version: r.version,
        parentAddress: r.parent_address,
      })),
      failures,
    };
  }

  /**
   * Records one read of the site in one transaction. Servers that failed keep what was stored
   * before: a failed read never overwrites good data with nothing.
   */
  saveRead(siteAddress: string, at: string, servers: StoredServer[], failures: ReadFailure[]): void {
    const upsert = this.db.prepare(`
      INSERT INTO servers (address, system_id, name, kind, model, version, parent_address, first_seen_at, last_seen_at)
      VALUES (@address, @systemId, @name, @kind, @model, @version, @parentAddress, @at, @at)
      ON CONFLICT (address) DO UPDATE SET
        system_id = excluded.system_id, name = excluded.name, kind = excluded.kind, model = excluded.model,
        version = excluded.version, parent_address = excluded.parent_address, last_seen_at = excluded.last_seen_at`);
    const history = this.db.prepare('INSERT OR IGNORE INTO system_id_history (address, system_id, seen_at) VALUES (?, ?, ?)');
    const setSetting = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      const previous = this.setting('site.address');
      if (previous !== null && previous !== siteAddress) {
        // A different site: what was stored describes another place.
        this.db.exec('DELETE FROM servers; DELETE FROM read_failures;');
      }
      for (const s of servers) {
        upsert.run({ ...s, at });
        history.run(s.address, s.systemId, at);
      }
      this.db.prepare('DELETE FROM read_failures').run();
      const addFailure = this.db.prepare('INSERT INTO read_failures (address, reason, at) VALUES (?, ?, ?)');
      for (const f of failures) addFailure.run(f.address, f.reason, at);
      setSetting.run('site.address', siteAddress);
      setSetting.run('site.readAt', at);
    })();
  }
}
