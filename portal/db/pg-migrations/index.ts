// The portal's schema on PostgreSQL: the same tables, columns, constraints and indexes as the
// SQLite migrations (portal/db/migrations/), one file each, same numbers. Run by migratePg
// (portal/store/pg-db.ts). A change to the schema is a new migration in both folders.
import type { PgMigration } from '../../store/pg-db.js';
import { m0001 } from './0001-init.js';
import { m0002 } from './0002-accounts-systems.js';
import { m0003 } from './0003-issued-codes.js';
import { m0004 } from './0004-systems-inventory.js';
import { m0005 } from './0005-verified-email.js';
import { m0006 } from './0006-verification-replaced.js';
import { m0007 } from './0007-organizations.js';
import { m0008 } from './0008-licenses.js';
import { m0009 } from './0009-partner-id-check.js';
import { m0010 } from './0010-mail-queue-unsent.js';

export const portalPgMigrations: readonly PgMigration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010];
