import type { Migration } from '../../../../shared/node/sqlite.js';

// Every wipe case right (docs/architecture.md, Wipes): a wipe of a server that held no registration
// needs no re-association, only a word that its System ID is new.
export const m0005: Migration = {
  version: 5,
  name: 'wipe-cases',
  up(db) {
    db.exec(`
      -- Whether the server held a registration when its System ID changed.
      ALTER TABLE reassociations ADD COLUMN was_registered INTEGER NOT NULL DEFAULT 1;
    `);
  },
};
