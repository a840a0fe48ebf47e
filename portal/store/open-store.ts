// Chooses the portal's database engine from its configuration: PostgreSQL when `databaseUrl` is
// set (several instances sharing one database), else SQLite, portal.sqlite in the data folder (one
// machine, zero set-up; the default). Either is migrated to the newest schema before it is used.
import path from 'node:path';
import { openDatabase } from '../../shared/node/sqlite.js';
import { portalMigrations } from '../db/migrations/index.js';
import { portalPgMigrations } from '../db/pg-migrations/index.js';
import { openPgDatabase, redactUrl } from './pg-db.js';
import { pgStore } from './pg-store.js';
import { sqliteStore } from './sqlite-store.js';
import { startWalCheckpointer } from './wal-checkpointer.js';
import { waitingForLocks } from './sqlite-lock-wait.js';
import type { PortalStore } from './store.js';

export interface DatabaseConfig {
  dataDir: string;
  databaseUrl?: string;
}

/** The database in words, for the start-up line and messages: a file, or the PostgreSQL address without its password. */
export const databaseName = (config: DatabaseConfig) => (config.databaseUrl ? redactUrl(config.databaseUrl) : path.join(config.dataDir, 'portal.sqlite'));

export async function openPortalStore(config: DatabaseConfig): Promise<PortalStore> {
  if (config.databaseUrl) return pgStore(await openPgDatabase(config.databaseUrl, portalPgMigrations));
  const file = path.join(config.dataDir, 'portal.sqlite');
  const db = openDatabase(file, portalMigrations);
  const checkpointer = startWalCheckpointer(db, file);
  const store = waitingForLocks(db, sqliteStore(db));
  return {
    ...store,
    close: () => {
      checkpointer.stop();
      store.close();
    },
  };
}
