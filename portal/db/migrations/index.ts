import type { Migration } from '../../../shared/node/sqlite.js';
import { m0001 } from './0001-init.js';

export const portalMigrations: readonly Migration[] = [m0001];
