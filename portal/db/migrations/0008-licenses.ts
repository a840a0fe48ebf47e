import type { Migration } from '../../../shared/node/sqlite.js';

// A customer's subscription as one timeline of periods (docs/partners.md, Licenses and credits):
// each period comes from a redeemed license or from credits spent, and is appended at the
// timeline's end, so periods never overlap. A license is redeemed once (its own row's claim, and
// UNIQUE here); a spending's period points at its ledger row.
export const m0008: Migration = {
  version: 8,
  name: 'licenses',
  up(db) {
    db.exec(`
      CREATE TABLE subscription_periods (
        id              INTEGER PRIMARY KEY,
        customer_org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        starts_on       TEXT NOT NULL,
        ends_on         TEXT NOT NULL CHECK (ends_on > starts_on),
        months          INTEGER NOT NULL CHECK (months BETWEEN 1 AND 120),
        source          TEXT NOT NULL CHECK (source IN ('license', 'credits')),
        license_id      INTEGER UNIQUE REFERENCES licenses(id),
        ledger_id       INTEGER UNIQUE REFERENCES credit_ledger(id),
        action          TEXT CHECK (action IS NULL OR action IN ('activate', 'renew', 'amend')),
        added_by        INTEGER REFERENCES accounts(id),
        added_at        TEXT NOT NULL,
        CHECK ((source = 'license') = (license_id IS NOT NULL)),
        CHECK ((source = 'credits') = (ledger_id IS NOT NULL AND action IS NOT NULL))
      ) STRICT;
      CREATE INDEX subscription_periods_customer ON subscription_periods(customer_org_id, starts_on);
      ALTER TABLE licenses ADD COLUMN key_end TEXT NOT NULL DEFAULT '';
      ALTER TABLE vouchers ADD COLUMN code_end TEXT NOT NULL DEFAULT '';
    `);
  },
};
