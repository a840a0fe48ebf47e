import type { PgMigration } from '../../store/pg-db.js';
import { backfilledOrganization } from '../migrations/0007-organizations.js';
import { ID, NOCASE, TEXT } from './sql.js';

// As SQLite's 0007: organizations (docs/partners.md), every account in one as administrator or
// member; Partner IDs unique; customers grant partners access; co-worker and customer invitations
// by single-use links; license keys and vouchers by hash; the credit ledger. Accounts made before
// get an organization each (none in a database the portal made on PostgreSQL).
export const m0007: PgMigration = {
  version: 7,
  name: 'organizations',
  async up(sql) {
    await sql.run(`
      CREATE TABLE organizations (
        id          ${ID},
        kind        ${TEXT} NOT NULL CHECK (kind IN ('partner', 'customer', 'branch')),
        name        ${TEXT} NOT NULL,
        -- SQLite's check is GLOB '[A-Z0-9_]*', which looks at the first character only: the same here.
        partner_id  ${TEXT} UNIQUE CHECK (partner_id IS NULL OR (kind = 'partner' AND partner_id ~ '^[A-Z0-9_]' AND length(partner_id) BETWEEN 1 AND 32)),
        street      ${TEXT} NOT NULL DEFAULT '',
        city        ${TEXT} NOT NULL DEFAULT '',
        postal_code ${TEXT} NOT NULL DEFAULT '',
        country     ${TEXT} NOT NULL DEFAULT '',
        created_at  ${TEXT} NOT NULL
      );

      ALTER TABLE accounts ADD COLUMN organization_id bigint REFERENCES organizations(id);
      ALTER TABLE accounts ADD COLUMN org_role ${TEXT} NOT NULL DEFAULT 'administrator' CHECK (org_role IN ('administrator', 'member'));
      ALTER TABLE accounts ADD COLUMN portal_admin boolean NOT NULL DEFAULT false;
      CREATE INDEX accounts_organization ON accounts(organization_id);

      CREATE TABLE partner_id_requests (
        id              ${ID},
        organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        current_id      ${TEXT} NOT NULL,
        requested_id    ${TEXT} NOT NULL,
        reason          ${TEXT} NOT NULL DEFAULT '',
        requested_by    bigint NOT NULL REFERENCES accounts(id),
        requested_at    ${TEXT} NOT NULL,
        state           ${TEXT} NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'withdrawn')),
        decided_by      bigint REFERENCES accounts(id),
        decided_at      ${TEXT},
        note            ${TEXT} NOT NULL DEFAULT ''
      );
      -- One request waiting per organization.
      CREATE UNIQUE INDEX partner_id_requests_pending ON partner_id_requests(organization_id) WHERE state = 'pending';

      CREATE TABLE coworker_invitations (
        id              ${ID},
        organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email           ${NOCASE} NOT NULL,
        token_hash      ${TEXT} NOT NULL UNIQUE,
        invited_by      bigint NOT NULL REFERENCES accounts(id),
        created_at      ${TEXT} NOT NULL,
        expires_at      ${TEXT} NOT NULL,
        sent_count      integer NOT NULL DEFAULT 1,
        accepted_at     ${TEXT},
        accepted_by     bigint REFERENCES accounts(id),
        revoked_at      ${TEXT}
      );
      -- One open invitation per address and organization.
      CREATE UNIQUE INDEX coworker_invitations_open ON coworker_invitations(organization_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

      CREATE TABLE customer_invitations (
        id                ${ID},
        partner_org_id    bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        organization_name ${TEXT} NOT NULL,
        street            ${TEXT} NOT NULL DEFAULT '',
        city              ${TEXT} NOT NULL DEFAULT '',
        postal_code       ${TEXT} NOT NULL DEFAULT '',
        country           ${TEXT} NOT NULL DEFAULT '',
        contact_email     ${NOCASE} NOT NULL,
        token_hash        ${TEXT} NOT NULL UNIQUE,
        invited_by        bigint NOT NULL REFERENCES accounts(id),
        created_at        ${TEXT} NOT NULL,
        expires_at        ${TEXT} NOT NULL,
        accepted_at       ${TEXT},
        accepted_org_id   bigint REFERENCES organizations(id),
        revoked_at        ${TEXT}
      );
      CREATE INDEX customer_invitations_partner ON customer_invitations(partner_org_id);

      -- A customer's partners and what each may do; a revoked link keeps its row with revoked_at set.
      CREATE TABLE partner_access (
        customer_org_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        partner_org_id  bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        administrator   boolean NOT NULL DEFAULT false,
        api             boolean NOT NULL DEFAULT false,
        added_at        ${TEXT} NOT NULL,
        added_by        bigint REFERENCES accounts(id),
        updated_at      ${TEXT} NOT NULL,
        revoked_at      ${TEXT},
        PRIMARY KEY (customer_org_id, partner_org_id)
      );
      CREATE INDEX partner_access_partner ON partner_access(partner_org_id) WHERE revoked_at IS NULL;

      CREATE TABLE api_keys (
        id              ${ID},
        partner_org_id  bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        customer_org_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        key_hash        ${TEXT} NOT NULL UNIQUE,
        -- The key's first characters, to tell keys apart in a list.
        prefix          ${TEXT} NOT NULL,
        created_by      bigint NOT NULL REFERENCES accounts(id),
        created_at      ${TEXT} NOT NULL,
        last_used_at    ${TEXT},
        revoked_at      ${TEXT}
      );
      CREATE INDEX api_keys_pair ON api_keys(partner_org_id, customer_org_id);

      CREATE TABLE licenses (
        id              ${ID},
        key_hash        ${TEXT} NOT NULL UNIQUE,
        months          integer NOT NULL CHECK (months BETWEEN 1 AND 120),
        created_by      bigint NOT NULL REFERENCES accounts(id),
        created_at      ${TEXT} NOT NULL,
        redeemed_at     ${TEXT},
        redeemed_by     bigint REFERENCES accounts(id),
        customer_org_id bigint REFERENCES organizations(id),
        starts_on       ${TEXT},
        ends_on         ${TEXT}
      );
      CREATE INDEX licenses_customer ON licenses(customer_org_id, starts_on) WHERE customer_org_id IS NOT NULL;

      CREATE TABLE vouchers (
        id              ${ID},
        code_hash       ${TEXT} NOT NULL UNIQUE,
        credits         integer NOT NULL CHECK (credits > 0),
        created_by      bigint NOT NULL REFERENCES accounts(id),
        created_at      ${TEXT} NOT NULL,
        redeemed_at     ${TEXT},
        redeemed_by     bigint REFERENCES accounts(id),
        organization_id bigint REFERENCES organizations(id)
      );

      -- Credits in and out: the balance is the sum; nothing is updated in place.
      CREATE TABLE credit_ledger (
        id              ${ID},
        organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        at              ${TEXT} NOT NULL,
        account_id      bigint REFERENCES accounts(id),
        change          integer NOT NULL CHECK (change <> 0),
        reason          ${TEXT} NOT NULL CHECK (reason IN ('voucher', 'activation', 'renewal', 'amendment')),
        voucher_id      bigint REFERENCES vouchers(id),
        customer_org_id bigint REFERENCES organizations(id),
        note            ${TEXT} NOT NULL DEFAULT ''
      );
      CREATE INDEX credit_ledger_organization ON credit_ledger(organization_id, id);

      ALTER TABLE audit_log ADD COLUMN organization_id bigint REFERENCES organizations(id);
      CREATE INDEX audit_log_organization ON audit_log(organization_id, id) WHERE organization_id IS NOT NULL;
    `);

    // Existing accounts: an organization each, as its administrator.
    const accounts = await sql.all<{ id: number; kind: 'branch' | 'partner' | 'end-user'; name: string; organization: string; created_at: string }>(
      'SELECT id, kind, name, organization, created_at FROM accounts ORDER BY id',
    );
    const taken = new Set<string>();
    for (const account of accounts) {
      const { kind, name, partnerId } = backfilledOrganization(account, taken);
      const org = await sql.get<{ id: number }>('INSERT INTO organizations (kind, name, partner_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [kind, name, partnerId, account.created_at]);
      await sql.run(`UPDATE accounts SET organization_id = $1, org_role = 'administrator' WHERE id = $2`, [org!.id, account.id]);
    }
  },
};
