import type { Migration } from '../../../../shared/node/sqlite.js';

// The site's servers as they were when an offline request was made: the request file carries them
// to the portal under a MAC (docs/codes.md, Inventory), however the site changes before it is saved.
export const m0007: Migration = {
  version: 7,
  name: 'offline-inventory',
  up(db) {
    db.exec(`
      -- The canonical JSON of { servers } (shared/node/codes/inventory-mac.ts); null for a request
      -- made before, or one whose list is too large for a request file.
      ALTER TABLE offline_requests ADD COLUMN inventory_json TEXT;
    `);
  },
};
