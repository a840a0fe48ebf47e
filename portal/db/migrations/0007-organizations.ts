import type { Migration } from '../../../shared/node/sqlite.js';
import { freePartnerId, proposePartnerId } from '../../../shared/portal/partner-id.js';

// Organizations (docs/partners.md): every account belongs to one, as administrator or member.
// Partners have a unique Partner ID; customers grant partners access; co-workers and customers
// are invited by single-use links (only token hashes are stored); license keys and vouchers are
// kept by hash. Accounts made before this version get an organization each, as its
// administrator, named after their free-text organization or else their own name; partners get
// the Partner ID that name proposes, made unique.
export const m0007: Migration = {
  version: 7,
  name: 'organizations',
  up(db) {
    db.exec(`
      CREATE TABLE organizations (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('partner', 'customer', 'branch')),
        name        TEXT NOT NULL,
        partner_id  TEXT UNIQUE CHECK (partner_id IS NULL OR (kind = 'partner' AND partner_id GLOB '[A-Z0-9_]*' AND length(partner_id) BETWEEN 1 AND 32)),
        street      TEXT NOT NULL DEFAULT '',
        city        TEXT NOT NULL DEFAULT '',
        postal_code TEXT NOT NULL DEFAULT '',
        country     TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL
      ) STRICT;

      ALTER TABLE accounts ADD COLUMN organization_id INTEGER REFERENCES organizations(id);
      ALTER TABLE accounts ADD COLUMN org_role TEXT NOT NULL DEFAULT 'administrator' CHECK (org_role IN ('administrator', 'member'));
      ALTER TABLE accounts ADD COLUMN portal_admin INTEGER NOT NULL DEFAULT 0 CHECK (portal_admin IN (0, 1));
      CREATE INDEX accounts_organization ON accounts(organization_id);

      CREATE TABLE partner_id_requests (
        id              INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        current_id      TEXT NOT NULL,
        requested_id    TEXT NOT NULL,
        reason          TEXT NOT NULL DEFAULT '',
        requested_by    INTEGER NOT NULL REFERENCES accounts(id),
        requested_at    TEXT NOT NULL,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'withdrawn')),
        decided_by      INTEGER REFERENCES accounts(id),
        decided_at      TEXT,
        note            TEXT NOT NULL DEFAULT ''
      ) STRICT;
      -- One request waiting per organization.
      CREATE UNIQUE INDEX partner_id_requests_pending ON partner_id_requests(organization_id) WHERE state = 'pending';

      CREATE TABLE coworker_invitations (
        id              INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email           TEXT NOT NULL COLLATE NOCASE,
        token_hash      TEXT NOT NULL UNIQUE,
        invited_by      INTEGER NOT NULL REFERENCES accounts(id),
        created_at      TEXT NOT NULL,
        expires_at      TEXT NOT NULL,
        sent_count      INTEGER NOT NULL DEFAULT 1,
        accepted_at     TEXT,
        accepted_by     INTEGER REFERENCES accounts(id),
        revoked_at      TEXT
      ) STRICT;
      -- One open invitation per address and organization.
      CREATE UNIQUE INDEX coworker_invitations_open ON coworker_invitations(organization_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

      CREATE TABLE customer_invitations (
        id                  INTEGER PRIMARY KEY,
        partner_org_id      INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        organization_name   TEXT NOT NULL,
        street              TEXT NOT NULL DEFAULT '',
        city                TEXT NOT NULL DEFAULT '',
        postal_code         TEXT NOT NULL DEFAULT '',
        country             TEXT NOT NULL DEFAULT '',
        contact_email       TEXT NOT NULL COLLATE NOCASE,
        token_hash          TEXT NOT NULL UNIQUE,
        invited_by          INTEGER NOT NULL REFERENCES accounts(id),
        created_at          TEXT NOT NULL,
        expires_at          TEXT NOT NULL,
        accepted_at         TEXT,
        accepted_org_id     INTEGER REFERENCES organizations(id),
        revoked_at          TEXT
      ) STRICT;
      CREATE INDEX customer_invitations_partner ON customer_invitations(partner_org_id);

      -- A customer's partners and what each may do. A revoked link keeps its row (history) with
      -- revoked_at set; adding the partner again opens it anew, read-only.
      CREATE TABLE partner_access (
        customer_org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        partner_org_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        administrator   INTEGER NOT NULL DEFAULT 0 CHECK (administrator IN (0, 1)),
        api             INTEGER NOT NULL DEFAULT 0 CHECK (api IN (0, 1)),
        added_at        TEXT NOT NULL,
        added_by        INTEGER REFERENCES accounts(id),
        updated_at      TEXT NOT NULL,
        revoked_at      TEXT,
        PRIMARY KEY (customer_org_id, partner_org_id)
      ) STRICT;
      CREATE INDEX partner_access_partner ON partner_access(partner_org_id) WHERE revoked_at IS NULL;

      CREATE TABLE api_keys (
        id              INTEGER PRIMARY KEY,
        partner_org_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        customer_org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        key_hash        TEXT NOT NULL UNIQUE,
        -- The key's first characters, to tell keys apart in a list.
        prefix          TEXT NOT NULL,
        created_by      INTEGER NOT NULL REFERENCES accounts(id),
        created_at      TEXT NOT NULL,
        last_used_at    TEXT,
        revoked_at      TEXT
      ) STRICT;
      CREATE INDEX api_keys_pair ON api_keys(partner_org_id, customer_org_id);

      CREATE TABLE licenses (
        id              INTEGER PRIMARY KEY,
        key_hash        TEXT NOT NULL UNIQUE,
        months          INTEGER NOT NULL CHECK (months BETWEEN 1 AND 120),
        created_by      INTEGER NOT NULL REFERENCES accounts(id),
        created_at      TEXT NOT NULL,
        redeemed_at     TEXT,
        redeemed_by     INTEGER REFERENCES accounts(id),
        customer_org_id INTEGER REFERENCES organizations(id),
        starts_on       TEXT,
        ends_on         TEXT
      ) STRICT;
      CREATE INDEX licenses_customer ON licenses(customer_org_id, starts_on) WHERE customer_org_id IS NOT NULL;

      CREATE TABLE vouchers (
        id              INTEGER PRIMARY KEY,
        code_hash       TEXT NOT NULL UNIQUE,
        credits         INTEGER NOT NULL CHECK (credits > 0),
        created_by      INTEGER NOT NULL REFERENCES accounts(id),
        created_at      TEXT NOT NULL,
        redeemed_at     TEXT,
        redeemed_by     INTEGER REFERENCES accounts(id),
        organization_id INTEGER REFERENCES organizations(id)
      ) STRICT;

      -- Credits in and out: the balance is the sum; nothing is updated in place.
      CREATE TABLE credit_ledger (
        id              INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        at              TEXT NOT NULL,
        account_id      INTEGER REFERENCES accounts(id),
        change          INTEGER NOT NULL CHECK (change <> 0),
        reason          TEXT NOT NULL CHECK (reason IN ('voucher', 'activation', 'renewal', 'amendment')),
        voucher_id      INTEGER REFERENCES vouchers(id),
        customer_org_id INTEGER REFERENCES organizations(id),
        note            TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX credit_ledger_organization ON credit_ledger(organization_id, id);

      ALTER TABLE audit_log ADD COLUMN organization_id INTEGER REFERENCES organizations(id);
      CREATE INDEX audit_log_organization ON audit_log(organization_id, id) WHERE organization_id IS NOT NULL;
    `);

    // Existing accounts: an organization each, as its administrator.
    const accounts = db.prepare(`SELECT id, kind, name, organization, created_at FROM accounts ORDER BY id`).all() as { id: number; kind: 'branch' | 'partner' | 'end-user'; name: string; organization: string; created_at: string }[];
    const taken = new Set<string>();
    const insert = db.prepare(`INSERT INTO organizations (kind, name, partner_id, created_at) VALUES (?, ?, ?, ?)`);
    const join = db.prepare(`UPDATE accounts SET organization_id = ?, org_role = 'administrator' WHERE id = ?`);
    for (const account of accounts) {
      const { kind, name, partnerId } = backfilledOrganization(account, taken);
      const org = insert.run(kind, name, partnerId, account.created_at);
      join.run(Number(org.lastInsertRowid), account.id);
    }
  },
};

/**
 * The organization an account made before this version gets (also pg-migrations/0007): named after
 * its free-text organization or else its own name; a partner's with the Partner ID that name
 * proposes, made unique among those in `taken`, which it joins.
 */
export function backfilledOrganization(account: { id: number; kind: 'branch' | 'partner' | 'end-user'; name: string; organization: string }, taken: Set<string>) {
  const name = account.organization.trim() || account.name;
  const kind = account.kind === 'end-user' ? 'customer' : account.kind;
  let partnerId: string | null = null;
  if (kind === 'partner') {
    partnerId = freePartnerId(proposePartnerId(name) ?? `PARTNER_${account.id}`, (id) => taken.has(id));
    taken.add(partnerId);
  }
  return { kind, name, partnerId };
}
