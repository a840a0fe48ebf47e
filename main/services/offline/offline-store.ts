// Offline requests in the companion's database: made, applied once, or cancelled.
import type { Db } from '../../../shared/node/sqlite.js';
import type { OfflineKind } from '../../../shared/domain/offline.js';

export interface RequestServer {
  address: string;
  name: string;
  systemId: string;
}

export interface StoredGrant {
  serial: number;
  issuedOn: string;
  validUntil: string;
  code: string;
  via: 'code' | 'token';
}

export interface OfflineRequestRow {
  id: number;
  kind: OfflineKind;
  state: 'pending' | 'applied' | 'cancelled';
  leadAddress: string;
  leadName: string;
  systemId: string;
  previousSystemId: string | null;
  servers: RequestServer[];
  requestCode: string;
  /** The site's servers when the request was made, as the request file carries them (canonical JSON); null for older requests. */
  inventoryJson: string | null;
  createdAt: string;
  appliedAt: string | null;
  grant: StoredGrant | null;
  batchId: number | null;
}

interface DbRow {
  id: number;
  kind: OfflineKind;
  state: OfflineRequestRow['state'];
  lead_address: string;
  lead_name: string;
  system_id: string;
  previous_system_id: string | null;
  servers_json: string;
  request_code: string;
  inventory_json: string | null;
  created_at: string;
  applied_at: string | null;
  grant_json: string | null;
  batch_id: number | null;
}

const toRow = (r: DbRow): OfflineRequestRow => ({
  id: r.id,
  kind: r.kind,
  state: r.state,
  leadAddress: r.lead_address,
  leadName: r.lead_name,
  systemId: r.system_id,
  previousSystemId: r.previous_system_id,
  servers: JSON.parse(r.servers_json),
  requestCode: r.request_code,
  inventoryJson: r.inventory_json,
  createdAt: r.created_at,
  appliedAt: r.applied_at,
  grant: r.grant_json ? JSON.parse(r.grant_json) : null,
  batchId: r.batch_id,
});

export class OfflineStore {
  constructor(private readonly db: Db) {}

  get(id: number): OfflineRequestRow | null {
    const row = this.db.prepare('SELECT * FROM offline_requests WHERE id = ?').get(id) as DbRow | undefined;
    return row ? toRow(row) : null;
  }

  /** Pending ones first, then the latest others: what the screen lists. */
  list(limit = 50): OfflineRequestRow[] {
    return (this.db.prepare("SELECT * FROM offline_requests ORDER BY state = 'pending' DESC, id DESC LIMIT ?").all(limit) as DbRow[]).map(toRow);
  }

  pendingFor(leadAddress: string, kind: OfflineKind): OfflineRequestRow | null {
    const row = this.db.prepare("SELECT * FROM offline_requests WHERE lead_address = ? AND kind = ? AND state = 'pending' ORDER BY id DESC LIMIT 1").get(leadAddress, kind) as DbRow | undefined;
    return row ? toRow(row) : null;
  }

  /** A new request replaces the lead's earlier pending one of the same kind: only the newest can be answered. */
  add(row: Omit<OfflineRequestRow, 'id' | 'state' | 'appliedAt' | 'grant' | 'batchId'>): number {
    return this.db.transaction(() => {
      this.db.prepare("UPDATE offline_requests SET state = 'cancelled' WHERE lead_address = ? AND kind = ? AND state = 'pending'").run(row.leadAddress, row.kind);
      return Number(
        this.db
          .prepare(
            `INSERT INTO offline_requests (kind, state, lead_address, lead_name, system_id, previous_system_id, servers_json, request_code, inventory_json, created_at)
             VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(row.kind, row.leadAddress, row.leadName, row.systemId, row.previousSystemId, JSON.stringify(row.servers), row.requestCode, row.inventoryJson, row.createdAt).lastInsertRowid,
      );
    })();
  }

  cancel(id: number): boolean {
    return this.db.prepare("UPDATE offline_requests SET state = 'cancelled' WHERE id = ? AND state = 'pending'").run(id).changes === 1;
  }

  /** Spends the request: true only for the one caller that moved it from pending. */
  markApplied(id: number, grant: StoredGrant, appliedAt: string, batchId: number): boolean {
    return (
      this.db
        .prepare("UPDATE offline_requests SET state = 'applied', grant_json = ?, applied_at = ?, batch_id = ? WHERE id = ? AND state = 'pending'")
        .run(JSON.stringify(grant), appliedAt, batchId, id).changes === 1
    );
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
