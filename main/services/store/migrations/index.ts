import type { Migration } from '../../../../shared/node/sqlite.js';
import { m0001 } from './0001-site.js';

export const companionMigrations: readonly Migration[] = [m0001];
