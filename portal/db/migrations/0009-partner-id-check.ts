import type { Migration } from '../../../shared/node/sqlite.js';

// Migration 7's CHECK on a Partner ID tested only its first character (GLOB '[A-Z0-9_]*': the star
// matches anything after it). The rule is every character (shared/portal/partner-id.ts). SQLite
// cannot change a table's CHECK without rebuilding the table, which the organizations' references
// make costly: triggers refuse the same rows, with the same message as a failed CHECK.
export const m0009: Migration = {
  version: 9,
  name: 'partner-id-check',
  up(db) {
    const refuse = `WHEN NEW.partner_id IS NOT NULL AND (NEW.partner_id GLOB '*[^A-Z0-9_]*' OR length(NEW.partner_id) NOT BETWEEN 1 AND 32)
      BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: partner_id'); END;`;
    db.exec(`
      CREATE TRIGGER organizations_partner_id_insert BEFORE INSERT ON organizations ${refuse}
      CREATE TRIGGER organizations_partner_id_update BEFORE UPDATE OF partner_id ON organizations ${refuse}
    `);
  },
};
