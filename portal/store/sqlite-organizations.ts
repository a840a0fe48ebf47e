// Organizations on SQLite: see organization-store.ts.
import type { Db } from '../../shared/node/sqlite.js';
import type { OrganizationStore } from './organization-store.js';

export function sqliteOrganizations(db: Db): OrganizationStore {
  void db;
  return {};
}
