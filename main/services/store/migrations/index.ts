import type { Migration } from '../../../../shared/node/sqlite.js';
import { m0001 } from './0001-site.js';
import { m0002 } from './0002-propagation.js';
import { m0003 } from './0003-offline.js';
import { m0004 } from './0004-read-keeps-knowledge.js';
import { m0005 } from './0005-wipe-cases.js';
import { m0006 } from './0006-online-registrations.js';
import { m0007 } from './0007-offline-inventory.js';

export const companionMigrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007];
