import type { PgMigration } from '../../store/pg-db.js';
import { ID, TEXT } from './sql.js';

// As SQLite's 0008: a customer's subscription as one timeline of periods, each from a redeemed
// license (UNIQUE: redeemed once) or from credits spent (pointing at its ledger row).
export const m0008: PgMigration = {
  version: 8,
  name: 'licenses',
  async up(sql) {
    await sql.run(`
      CREATE TABLE subscription_periods (
        id              ${ID},
        customer_org_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        starts_on       ${TEXT} NOT NULL,
        ends_on         ${TEXT} NOT NULL CHECK (ends_on > starts_on),
        months          integer NOT NULL CHECK (months BETWEEN 1 AND 120),
        source          ${TEXT} NOT NULL CHECK (source IN ('license', 'credits')),
        license_id      bigint UNIQUE REFERENCES licenses(id),
        ledger_id       bigint UNIQUE REFERENCES credit_ledger(id),
        action          ${TEXT} CHECK (action IS NULL OR action IN ('activate', 'renew', 'amend')),
        added_by        bigint REFERENCES accounts(id),
        added_at        ${TEXT} NOT NULL,
        CHECK ((source = 'license') = (license_id IS NOT NULL)),
        CHECK ((source = 'credits') = (ledger_id IS NOT NULL AND action IS NOT NULL))
      );
      CREATE INDEX subscription_periods_customer ON subscription_periods(customer_org_id, starts_on);
      ALTER TABLE licenses ADD COLUMN key_end ${TEXT} NOT NULL DEFAULT '';
      ALTER TABLE vouchers ADD COLUMN code_end ${TEXT} NOT NULL DEFAULT '';
    `);
  },
};
