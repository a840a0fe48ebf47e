// Customers and partner access on SQLite: see partner-access-store.ts.
import type { Db } from '../../shared/node/sqlite.js';
import type { PartnerAccessStore } from './partner-access-store.js';

export function sqlitePartnerAccess(db: Db): PartnerAccessStore {
  void db;
  return {};
}
