// Customers and partner access on PostgreSQL: see partner-access-store.ts and, for the same
// statements on SQLite, sqlite-partner-access.ts. Every method that reads and then writes runs in
// one SERIALIZABLE transaction (pg-db.ts), so two requests, from one instance or several, cannot
// both use one invitation or both reopen one link.
import type { MailInput } from './store.js';
import type {
  ApiKeyCheck,
  Membership,
  OrgAudit,
  PartnerAccessStore,
} from './partner-access-store.js';
import {
  toAccess,
  toAdministered,
  toApiKey,
  toCustomer,
  toInvitation,
  toInvitationLink,
  toLink,
  toSharedSystems,
  type AccessDbRow,
  type AdministeredDbRow,
  type ApiKeyDbRow,
  type CustomerDbRow,
  type InvitationDbRow,
  type InvitationLinkDbRow,
  type LinkDbRow,
  type SharedServerDbRow,
} from './rows/partner-access.js';
import type { PgDatabase, Sql, Statement } from './pg-db.js';

const INVITATION_COLUMNS = `i.id, i.partner_org_id, i.organization_name, i.street, i.city, i.postal_code, i.country, i.contact_email, i.created_at, i.expires_at,
  i.accepted_at, i.accepted_org_id, i.revoked_at`;

/**
 * The end user of the registration a System ID belongs to, when the account's partner organization
 * holds Administrator access to that end user's organization (a row with end_user_id; else none).
 * A statement, so the store's decide reads it inside its transaction, in its opening round trip.
 */
export const delegatedEndUserStatement = (accountId: number, systemId: string): Statement => ({
  text: `SELECT r.end_user_id FROM system_ids x JOIN registrations r ON r.id = x.registration_id
     JOIN accounts e ON e.id = r.end_user_id JOIN organizations eo ON eo.id = e.organization_id AND eo.kind = 'customer'
     JOIN accounts c ON c.id = $1 JOIN organizations co ON co.id = c.organization_id AND co.kind = 'partner'
     JOIN partner_access p ON p.customer_org_id = eo.id AND p.partner_org_id = co.id AND p.revoked_at IS NULL AND p.administrator
     WHERE x.system_id = $2`,
  values: [accountId, systemId],
});

const INVITATION_BY_TOKEN = `SELECT ${INVITATION_COLUMNS}, o.partner_id, o.name AS partner_name FROM customer_invitations i JOIN organizations o ON o.id = i.partner_org_id WHERE i.token_hash = $1`;
const REVOKE_PAIR_KEYS = 'UPDATE api_keys SET revoked_at = $1 WHERE partner_org_id = $2 AND customer_org_id = $3 AND revoked_at IS NULL';
const API_KEY = 'SELECT * FROM api_keys WHERE id = $1 AND partner_org_id = $2 AND customer_org_id = $3';

/** Organizations' audit entries, in the caller's transaction (pg-licenses.ts writes its own with it). */
export const writeAudit = async (sql: Sql, entries: OrgAudit[], now: string) => {
  for (const e of entries) {
    await sql.run('INSERT INTO audit_log (at, account_id, registration_id, action, detail, organization_id) VALUES ($1, $2, NULL, $3, $4, $5)', [
      now,
      e.accountId,
      e.action,
      JSON.stringify(e.detail),
      e.organizationId,
    ]);
  }
};
const queueMail = (sql: Sql, mail: MailInput, now: string) =>
  sql.run('INSERT INTO mail_queue (created_at, recipients, subject, body, registration_id) VALUES ($1, $2, $3, $4, NULL)', [now, JSON.stringify(mail.recipients), mail.subject, mail.body]);

const link = async (sql: Sql, customerOrgId: number, partnerOrgId: number) =>
  toLink(
    (await sql.get<LinkDbRow>(
      `SELECT p.*, o.partner_id, o.name AS partner_name FROM partner_access p JOIN organizations o ON o.id = p.partner_org_id
       WHERE p.customer_org_id = $1 AND p.partner_org_id = $2`,
      [customerOrgId, partnerOrgId],
    ))!,
  );
const accessRow = async (sql: Sql, customerOrgId: number, partnerOrgId: number) => {
  const row = await sql.get<AccessDbRow>('SELECT * FROM partner_access WHERE customer_org_id = $1 AND partner_org_id = $2', [customerOrgId, partnerOrgId]);
  return row ? toAccess(row) : null;
};

/** Opens the link read-only (new or reopened), or leaves an open one as it is. */
const open = async (sql: Sql, customerOrgId: number, partnerOrgId: number, accountId: number, now: string): Promise<'added' | 'reopened' | 'exists'> => {
  const before = await accessRow(sql, customerOrgId, partnerOrgId);
  if (!before) {
    await sql.run(
      `INSERT INTO partner_access (customer_org_id, partner_org_id, administrator, api, added_at, added_by, updated_at)
       VALUES ($1, $2, false, false, $3, $4, $3)`,
      [customerOrgId, partnerOrgId, now, accountId],
    );
    return 'added';
  }
  if (before.revokedAt === null) return 'exists';
  await sql.run(
    `UPDATE partner_access SET administrator = false, api = false, added_at = $1, added_by = $2, updated_at = $1, revoked_at = NULL
     WHERE customer_org_id = $3 AND partner_org_id = $4 AND revoked_at IS NOT NULL`,
    [now, accountId, customerOrgId, partnerOrgId],
  );
  return 'reopened';
};

export function pgPartnerAccess(db: PgDatabase): PartnerAccessStore {
  const { sql } = db;
  return {
    async membershipOf(accountId) {
      const row = await sql.get<{ account_id: number; organization_id: number; org_role: Membership['role']; portal_admin: boolean; kind: Membership['kind']; name: string; partner_id: string | null }>(
        `SELECT a.id AS account_id, a.organization_id, a.org_role, a.portal_admin, o.kind, o.name, o.partner_id
         FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.id = $1`,
        [accountId],
      );
      return row
        ? { accountId: row.account_id, organizationId: row.organization_id, role: row.org_role, kind: row.kind, name: row.name, partnerId: row.partner_id, portalAdmin: row.portal_admin }
        : null;
    },
    partnerByPartnerId: async (partnerId) =>
      db.transaction(
        async (tx) => {
          const row = await tx.get<{ id: number; partner_id: string; name: string }>(`SELECT id, partner_id, name FROM organizations WHERE partner_id = $1 AND kind = 'partner'`, [partnerId]);
          if (!row) return null;
          const contact = await tx.get<{ name: string; email: string }>(
            `SELECT name, email FROM accounts WHERE organization_id = $1 AND org_role = 'administrator' ORDER BY created_at, id LIMIT 1`,
            [row.id],
          );
          return { organizationId: row.id, partnerId: row.partner_id, name: row.name, contact: contact ?? null };
        },
        { readOnly: true },
      ),

    addPartner: async (input, audit, now) =>
      db.transaction(async (tx) => {
        const outcome = await open(tx, input.customerOrgId, input.partnerOrgId, input.accountId, now);
        if (outcome !== 'exists') await writeAudit(tx, audit(outcome), now);
        return { outcome, link: await link(tx, input.customerOrgId, input.partnerOrgId) };
      }),
    partnerLinks: async (customerOrgId) =>
      (
        await sql.all<LinkDbRow>(
          `SELECT p.*, o.partner_id, o.name AS partner_name FROM partner_access p JOIN organizations o ON o.id = p.partner_org_id
           WHERE p.customer_org_id = $1 AND p.revoked_at IS NULL ORDER BY p.added_at, p.partner_org_id`,
          [customerOrgId],
        )
      ).map(toLink),
    async openLink(customerOrgId, partnerOrgId) {
      const row = await accessRow(sql, customerOrgId, partnerOrgId);
      return row && row.revokedAt === null ? row : null;
    },
    setPartnerAccess: async (input, audit, now) =>
      db.transaction(async (tx) => {
        const before = await accessRow(tx, input.customerOrgId, input.partnerOrgId);
        if (!before || before.revokedAt !== null) return null;
        await tx.run(
          `UPDATE partner_access SET administrator = $1, api = $2, updated_at = $3
           WHERE customer_org_id = $4 AND partner_org_id = $5 AND revoked_at IS NULL`,
          [input.administrator, input.api, now, input.customerOrgId, input.partnerOrgId],
        );
        const keysRevoked = input.api ? 0 : await tx.run(REVOKE_PAIR_KEYS, [now, input.partnerOrgId, input.customerOrgId]);
        await writeAudit(tx, audit(before, keysRevoked), now);
        return { before, after: await link(tx, input.customerOrgId, input.partnerOrgId) };
      }),
    revokePartner: async (input, audit, now) =>
      db.transaction(async (tx) => {
        const revoked = await tx.run('UPDATE partner_access SET revoked_at = $1, updated_at = $1 WHERE customer_org_id = $2 AND partner_org_id = $3 AND revoked_at IS NULL', [
          now,
          input.customerOrgId,
          input.partnerOrgId,
        ]);
        if (revoked !== 1) return null;
        const keysRevoked = await tx.run(REVOKE_PAIR_KEYS, [now, input.partnerOrgId, input.customerOrgId]);
        await writeAudit(tx, audit(keysRevoked), now);
        return { keysRevoked };
      }),

    customersOf: async (partnerOrgId) =>
      (
        await sql.all<CustomerDbRow>(
          `SELECT p.*, o.name AS customer_name, o.country,
                  (SELECT count(*) FROM system_summaries s JOIN accounts a ON a.id = s.end_user_id WHERE a.organization_id = p.customer_org_id) AS systems
           FROM partner_access p JOIN organizations o ON o.id = p.customer_org_id
           WHERE p.partner_org_id = $1 AND p.revoked_at IS NULL ORDER BY p.added_at, p.customer_org_id`,
          [partnerOrgId],
        )
      ).map(toCustomer),
    organizationName: async (organizationId) => (await sql.get<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [organizationId]))?.name ?? null,
    async sharedSystems(customerOrgId) {
      // Only what the read-only view shows: of each server, five fields of its JSON, nothing else.
      const rows = await sql.all<SharedServerDbRow>(
        `SELECT s.registration_id, s.status, s.country, i.reported_at, j.idx AS server_index,
                j.value ->> 'name' AS name, j.value ->> 'model' AS model, j.value ->> 'serialNumber' AS serial_number,
                j.value ->> 'firmwareVersion' AS firmware_version, j.value ->> 'ipAddress' AS ip_address
         FROM system_summaries s JOIN accounts a ON a.id = s.end_user_id
         LEFT JOIN inventories i ON i.registration_id = s.registration_id
         LEFT JOIN LATERAL jsonb_array_elements(i.servers::jsonb) WITH ORDINALITY AS j(value, idx) ON true
         WHERE a.organization_id = $1 ORDER BY s.registration_id, j.idx`,
        [customerOrgId],
      );
      return toSharedSystems(rows);
    },
    administeredSystems: async (customerOrgId) =>
      (
        await sql.all<AdministeredDbRow>(
          `SELECT s.registration_id, s.system_id, s.site_name, s.status, s.updated_at FROM system_summaries s JOIN accounts a ON a.id = s.end_user_id
           WHERE a.organization_id = $1 ORDER BY s.registration_id`,
          [customerOrgId],
        )
      ).map(toAdministered),
    isCustomerSystem: async (customerOrgId, systemId) =>
      (await sql.get(
        `SELECT 1 FROM system_ids x JOIN registrations r ON r.id = x.registration_id JOIN accounts a ON a.id = r.end_user_id
         WHERE x.system_id = $1 AND a.organization_id = $2`,
        [systemId, customerOrgId],
      )) !== undefined,
    delegatedEndUser: async (accountId, systemId) => {
      const { text, values } = delegatedEndUserStatement(accountId, systemId);
      return (await sql.get<{ end_user_id: number }>(text, values))?.end_user_id ?? null;
    },

    createApiKey: async (input, audit, now) =>
      db.transaction(async (tx) => {
        const inserted = await tx.get<ApiKeyDbRow>(
          `INSERT INTO api_keys (partner_org_id, customer_org_id, key_hash, prefix, created_by, created_at)
           SELECT $1, $2, $3, $4, $5, $6
           WHERE EXISTS (SELECT 1 FROM partner_access WHERE customer_org_id = $2 AND partner_org_id = $1 AND revoked_at IS NULL AND api)
             AND EXISTS (SELECT 1 FROM accounts WHERE id = $5 AND organization_id = $1 AND org_role = 'administrator')
           RETURNING *`,
          [input.partnerOrgId, input.customerOrgId, input.keyHash, input.prefix, input.accountId, now],
        );
        if (!inserted) return null;
        await writeAudit(tx, [audit], now);
        return toApiKey(inserted);
      }),
    apiKeysOf: async (partnerOrgId, customerOrgId) =>
      (await sql.all<ApiKeyDbRow>('SELECT * FROM api_keys WHERE partner_org_id = $1 AND customer_org_id = $2 ORDER BY id DESC', [partnerOrgId, customerOrgId])).map(toApiKey),
    revokeApiKey: async (input, audit, now) =>
      db.transaction(async (tx) => {
        const row = await tx.get<ApiKeyDbRow>(API_KEY, [input.id, input.partnerOrgId, input.customerOrgId]);
        if (!row) return null;
        const revokedNow = (await tx.run('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, input.id])) === 1;
        if (revokedNow) await writeAudit(tx, [audit], now);
        return { key: toApiKey((await tx.get<ApiKeyDbRow>(API_KEY, [input.id, input.partnerOrgId, input.customerOrgId]))!), revokedNow };
      }),
    useApiKey: async (keyHash, now) =>
      db.transaction(async (tx): Promise<ApiKeyCheck> => {
        const row = await tx.get<ApiKeyDbRow & { access_revoked_at: string | null; access_api: boolean | null }>(
          `SELECT k.*, p.revoked_at AS access_revoked_at, p.api AS access_api FROM api_keys k
           LEFT JOIN partner_access p ON p.customer_org_id = k.customer_org_id AND p.partner_org_id = k.partner_org_id WHERE k.key_hash = $1`,
          [keyHash],
        );
        if (!row) return { ok: false, reason: 'unknown' };
        // The customer's decision first: a key whose access was taken back says so (403), though
        // taking it back revoked the key too; a key revoked on its own is just not valid (401).
        if (row.access_api === null || row.access_revoked_at !== null) return { ok: false, reason: 'access-revoked' };
        if (row.access_api !== true) return { ok: false, reason: 'api-off' };
        if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
        await tx.run('UPDATE api_keys SET last_used_at = $1 WHERE id = $2', [now, row.id]);
        return { ok: true, key: { ...toApiKey(row), lastUsedAt: now } };
      }),

    createCustomerInvitation: async (input, mail, audit, now) =>
      db.transaction(async (tx) => {
        const openRow = await tx.get<InvitationDbRow>(
          `SELECT ${INVITATION_COLUMNS} FROM customer_invitations i WHERE i.partner_org_id = $1 AND i.contact_email = $2 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $3`,
          [input.partnerOrgId, input.contactEmail, now],
        );
        if (openRow) return { openAlready: toInvitation(openRow) };
        const row = toInvitation(
          (await tx.get<InvitationDbRow>(
            `INSERT INTO customer_invitations (partner_org_id, organization_name, street, city, postal_code, country, contact_email, token_hash, invited_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             RETURNING id, partner_org_id, organization_name, street, city, postal_code, country, contact_email, created_at, expires_at, accepted_at, accepted_org_id, revoked_at`,
            [input.partnerOrgId, input.organizationName, input.street, input.city, input.postalCode, input.country, input.contactEmail, input.tokenHash, input.accountId, now, input.expiresAt],
          ))!,
        );
        await queueMail(tx, mail, now);
        await writeAudit(tx, [audit(row.id)], now);
        return row;
      }),
    customerInvitationsOf: async (partnerOrgId) =>
      (await sql.all<InvitationDbRow>(`SELECT ${INVITATION_COLUMNS} FROM customer_invitations i WHERE i.partner_org_id = $1 ORDER BY i.id DESC`, [partnerOrgId])).map(toInvitation),
    revokeCustomerInvitation: async (input, audit, now) =>
      db.transaction(async (tx) => {
        const row = await tx.get<InvitationDbRow>(`SELECT ${INVITATION_COLUMNS} FROM customer_invitations i WHERE i.id = $1 AND i.partner_org_id = $2`, [input.id, input.partnerOrgId]);
        if (!row) return null;
        const revoked = (await tx.run('UPDATE customer_invitations SET revoked_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL', [now, input.id])) === 1;
        if (revoked) await writeAudit(tx, [audit], now);
        return { before: toInvitation(row), revoked };
      }),
    async customerInvitationByToken(tokenHash) {
      const row = await sql.get<InvitationLinkDbRow>(INVITATION_BY_TOKEN, [tokenHash]);
      return row ? toInvitationLink(row) : null;
    },
    acceptCustomerInvitation: async (input, audit, now) =>
      db.transaction(async (tx) => {
        const row = await tx.get<InvitationLinkDbRow>(INVITATION_BY_TOKEN, [input.tokenHash]);
        if (!row) return { refused: 'unknown' as const };
        const invitation = toInvitationLink(row);
        if (invitation.acceptedAt !== null) return { refused: 'accepted' as const };
        if (invitation.revokedAt !== null) return { refused: 'revoked' as const };
        if (invitation.expiresAt <= now) return { refused: 'expired' as const };
        await tx.run('UPDATE customer_invitations SET accepted_at = $1, accepted_org_id = $2 WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL', [now, input.customerOrgId, invitation.id]);
        const outcome = await open(tx, input.customerOrgId, invitation.partnerOrgId, input.accountId, now);
        const current = (await tx.get<{ name: string; country: string }>('SELECT name, street, city, postal_code, country FROM organizations WHERE id = $1', [input.customerOrgId]))!;
        const renamed = input.rename(current);
        if (renamed) await tx.run('UPDATE organizations SET name = $1 WHERE id = $2', [invitation.organizationName, input.customerOrgId]);
        await tx.run(`UPDATE organizations SET street = $1, city = $2, postal_code = $3, country = $4 WHERE id = $5 AND street = '' AND city = '' AND postal_code = '' AND country = ''`, [
          invitation.street,
          invitation.city,
          invitation.postalCode,
          invitation.country,
          input.customerOrgId,
        ]);
        await writeAudit(tx, audit(invitation, outcome), now);
        return { link: await link(tx, input.customerOrgId, invitation.partnerOrgId), invitation: { ...invitation, acceptedAt: now, acceptedOrgId: input.customerOrgId }, renamed };
      }),
  };
}
