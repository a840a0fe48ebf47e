// Online registrations made from this site, in the companion's database: what the portal was asked,
// and the outbox batch that writes the result to the servers.
import type { Db } from '../../../shared/node/sqlite.js';
import type { OnlineKind } from '../../../shared/domain/online.js';

export interface OnlineServer {
  address: string;
  name: string;
  systemId: string;
}

export interface OnlineRow {
  id: number;
  kind: OnlineKind;
  leadAddress: string;
  leadName: string;
  systemId: string;
  previousSystemId: string | null;
  servers: OnlineServer[];
  batchId: number;
  inventoryReported: boolean;
  inventoryError: string | null;
  createdAt: string;
}

interface DbRow {
  id: number;
  kind: OnlineKind;
  lead_address: string;
  lead_name: string;
  system_id: string;
  previous_system_id: string | null;
  servers_json: string;
  batch_id: number;
  inventory_reported: number;
  inventory_error: string | null;
  created_at: string;
}

const toRow = (r: DbRow): OnlineRow => ({
  id: r.id,
  kind: r.kind,
  leadAddress: r.lead_address,
  leadName: r.lead_name,
  systemId: r.system_id,
  previousSystemId: r.previous_system_id,
  servers: JSON.parse(r.servers_json) as OnlineServer[],
  batchId: r.batch_id,
  inventoryReported: r.inventory_reported === 1,
  inventoryError: r.inventory_error,
  createdAt: r.created_at,
});

export class OnlineStore {
  constructor(private readonly db: Db) {}

  add(row: Omit<OnlineRow, 'id'>): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO online_registrations (kind, lead_address, lead_name, system_id, previous_system_id, servers_json, batch_id, inventory_reported, inventory_error, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(row.kind, row.leadAddress, row.leadName, row.systemId, row.previousSystemId, JSON.stringify(row.servers), row.batchId, row.inventoryReported ? 1 : 0, row.inventoryError, row.createdAt)
        .lastInsertRowid,
    );
  }

  get(id: number): OnlineRow | null {
    const row = this.db.prepare('SELECT * FROM online_registrations WHERE id = ?').get(id) as DbRow | undefined;
    return row ? toRow(row) : null;
  }

  /** The newest registration of each lead, newest first: older ones were superseded by it. */
  latest(limit = 50): OnlineRow[] {
    return (
      this.db
        .prepare('SELECT * FROM online_registrations WHERE id IN (SELECT max(id) FROM online_registrations GROUP BY lead_address) ORDER BY id DESC LIMIT ?')
        .all(limit) as DbRow[]
    ).map(toRow);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
