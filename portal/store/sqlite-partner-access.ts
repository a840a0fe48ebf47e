// Customers and partner access on SQLite: see partner-access-store.ts. Every method that reads
// and then writes runs in one IMMEDIATE transaction, so two requests cannot both use one
// invitation or both reopen one link.
import type { Db } from '../../shared/node/sqlite.js';
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

const INVITATION_COLUMNS = `i.id, i.partner_org_id, i.organization_name, i.street, i.city, i.postal_code, i.country, i.contact_email, i.created_at, i.expires_at,
  i.accepted_at, i.accepted_org_id, i.revoked_at`;

/**
 * The end user of the registration a System ID belongs to, when the account's partner organization
 * holds Administrator access to that end user's organization; else null. Synchronous, so the
 * store's decide can read it inside its transaction.
 */
export function delegationQuery(db: Db): (accountId: number, systemId: string) => number | null {
  const statement = db
    .prepare(
      `SELECT r.end_user_id FROM system_ids x JOIN registrations r ON r.id = x.registration_id
       JOIN accounts e ON e.id = r.end_user_id JOIN organizations eo ON eo.id = e.organization_id AND eo.kind = 'customer'
       JOIN accounts c ON c.id = @accountId JOIN organizations co ON co.id = c.organization_id AND co.kind = 'partner'
       JOIN partner_access p ON p.customer_org_id = eo.id AND p.partner_org_id = co.id AND p.revoked_at IS NULL AND p.administrator = 1
       WHERE x.system_id = @systemId`,
    )
    .pluck();
  return (accountId, systemId) => (statement.get({ accountId, systemId }) as number | undefined) ?? null;
}

export function sqlitePartnerAccess(db: Db): PartnerAccessStore {
  const q = {
    membership: db.prepare(
      `SELECT a.id AS account_id, a.organization_id, a.org_role, a.portal_admin, o.kind, o.name, o.partner_id
       FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.id = ?`,
    ),
    partnerById: db.prepare(`SELECT id, partner_id, name FROM organizations WHERE partner_id = ? AND kind = 'partner'`),
    firstAdministrator: db.prepare(`SELECT name, email FROM accounts WHERE organization_id = ? AND org_role = 'administrator' ORDER BY created_at, id LIMIT 1`),
    access: db.prepare('SELECT * FROM partner_access WHERE customer_org_id = ? AND partner_org_id = ?'),
    insertAccess: db.prepare(
      `INSERT INTO partner_access (customer_org_id, partner_org_id, administrator, api, added_at, added_by, updated_at)
       VALUES (@customerOrgId, @partnerOrgId, 0, 0, @now, @accountId, @now)`,
    ),
    reopenAccess: db.prepare(
      `UPDATE partner_access SET administrator = 0, api = 0, added_at = @now, added_by = @accountId, updated_at = @now, revoked_at = NULL
       WHERE customer_org_id = @customerOrgId AND partner_org_id = @partnerOrgId AND revoked_at IS NOT NULL`,
    ),
    setAccess: db.prepare(
      `UPDATE partner_access SET administrator = @administrator, api = @api, updated_at = @now
       WHERE customer_org_id = @customerOrgId AND partner_org_id = @partnerOrgId AND revoked_at IS NULL`,
    ),
    revokeAccess: db.prepare('UPDATE partner_access SET revoked_at = ?, updated_at = ? WHERE customer_org_id = ? AND partner_org_id = ? AND revoked_at IS NULL'),
    revokePairKeys: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE partner_org_id = ? AND customer_org_id = ? AND revoked_at IS NULL'),
    linkOfCustomer: db.prepare(
      `SELECT p.*, o.partner_id, o.name AS partner_name FROM partner_access p JOIN organizations o ON o.id = p.partner_org_id
       WHERE p.customer_org_id = ? AND p.partner_org_id = ?`,
    ),
    linksOfCustomer: db.prepare(
      `SELECT p.*, o.partner_id, o.name AS partner_name FROM partner_access p JOIN organizations o ON o.id = p.partner_org_id
       WHERE p.customer_org_id = ? AND p.revoked_at IS NULL ORDER BY p.added_at, p.partner_org_id`,
    ),
    customersOf: db.prepare(
      `SELECT p.*, o.name AS customer_name, o.country,
              (SELECT count(*) FROM system_summaries s JOIN accounts a ON a.id = s.end_user_id WHERE a.organization_id = p.customer_org_id) AS systems
       FROM partner_access p JOIN organizations o ON o.id = p.customer_org_id
       WHERE p.partner_org_id = ? AND p.revoked_at IS NULL ORDER BY p.added_at, p.customer_org_id`,
    ),
    organizationName: db.prepare('SELECT name FROM organizations WHERE id = ?').pluck(),
    // Only what the read-only view shows: of each server, five fields of its JSON, nothing else.
    sharedSystems: db.prepare(
      `SELECT s.registration_id, s.status, s.country, i.reported_at, j.key AS server_index,
              j.value ->> '$.name' AS name, j.value ->> '$.model' AS model, j.value ->> '$.serialNumber' AS serial_number,
              j.value ->> '$.firmwareVersion' AS firmware_version, j.value ->> '$.ipAddress' AS ip_address
       FROM system_summaries s JOIN accounts a ON a.id = s.end_user_id
       LEFT JOIN inventories i ON i.registration_id = s.registration_id
       LEFT JOIN json_each(i.servers) j
       WHERE a.organization_id = ? ORDER BY s.registration_id, j.key`,
    ),
    administeredSystems: db.prepare(
      `SELECT s.registration_id, s.system_id, s.site_name, s.status, s.updated_at FROM system_summaries s JOIN accounts a ON a.id = s.end_user_id
       WHERE a.organization_id = ? ORDER BY s.registration_id`,
    ),
    isCustomerSystem: db
      .prepare(
        `SELECT 1 FROM system_ids x JOIN registrations r ON r.id = x.registration_id JOIN accounts a ON a.id = r.end_user_id
         WHERE x.system_id = ? AND a.organization_id = ?`,
      )
      .pluck(),
    delegatedEndUser: delegationQuery(db),
    insertApiKey: db.prepare(
      `INSERT INTO api_keys (partner_org_id, customer_org_id, key_hash, prefix, created_by, created_at)
       SELECT @partnerOrgId, @customerOrgId, @keyHash, @prefix, @accountId, @now
       WHERE EXISTS (SELECT 1 FROM partner_access WHERE customer_org_id = @customerOrgId AND partner_org_id = @partnerOrgId AND revoked_at IS NULL AND api = 1)
         AND EXISTS (SELECT 1 FROM accounts WHERE id = @accountId AND organization_id = @partnerOrgId AND org_role = 'administrator')
       RETURNING *`,
    ),
    apiKeysOf: db.prepare('SELECT * FROM api_keys WHERE partner_org_id = ? AND customer_org_id = ? ORDER BY id DESC'),
    apiKey: db.prepare('SELECT * FROM api_keys WHERE id = ? AND partner_org_id = ? AND customer_org_id = ?'),
    revokeApiKey: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    apiKeyByHash: db.prepare(
      `SELECT k.*, p.revoked_at AS access_revoked_at, p.api AS access_api FROM api_keys k
       LEFT JOIN partner_access p ON p.customer_org_id = k.customer_org_id AND p.partner_org_id = k.partner_org_id WHERE k.key_hash = ?`,
    ),
    useApiKey: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
    openInvitationTo: db.prepare(
      `SELECT ${INVITATION_COLUMNS} FROM customer_invitations i WHERE i.partner_org_id = ? AND i.contact_email = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?`,
    ),
    insertInvitation: db.prepare(
      `INSERT INTO customer_invitations (partner_org_id, organization_name, street, city, postal_code, country, contact_email, token_hash, invited_by, created_at, expires_at)
       VALUES (@partnerOrgId, @organizationName, @street, @city, @postalCode, @country, @contactEmail, @tokenHash, @accountId, @now, @expiresAt)
       RETURNING id, partner_org_id, organization_name, street, city, postal_code, country, contact_email, created_at, expires_at, accepted_at, accepted_org_id, revoked_at`,
    ),
    invitationsOf: db.prepare(`SELECT ${INVITATION_COLUMNS} FROM customer_invitations i WHERE i.partner_org_id = ? ORDER BY i.id DESC`),
    invitation: db.prepare(`SELECT ${INVITATION_COLUMNS} FROM customer_invitations i WHERE i.id = ? AND i.partner_org_id = ?`),
    revokeInvitation: db.prepare('UPDATE customer_invitations SET revoked_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL'),
    invitationByToken: db.prepare(
      `SELECT ${INVITATION_COLUMNS}, o.partner_id, o.name AS partner_name FROM customer_invitations i JOIN organizations o ON o.id = i.partner_org_id WHERE i.token_hash = ?`,
    ),
    acceptInvitation: db.prepare('UPDATE customer_invitations SET accepted_at = ?, accepted_org_id = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL'),
    organization: db.prepare('SELECT name, street, city, postal_code, country FROM organizations WHERE id = ?'),
    renameOrganization: db.prepare('UPDATE organizations SET name = ? WHERE id = ?'),
    fillAddress: db.prepare(
      `UPDATE organizations SET street = ?, city = ?, postal_code = ?, country = ? WHERE id = ? AND street = '' AND city = '' AND postal_code = '' AND country = ''`,
    ),
    insertAudit: db.prepare('INSERT INTO audit_log (at, account_id, registration_id, action, detail, organization_id) VALUES (?, ?, NULL, ?, ?, ?)'),
    insertMail: db.prepare('INSERT INTO mail_queue (created_at, recipients, subject, body, registration_id) VALUES (?, ?, ?, ?, NULL)'),
  };

  const writeAudit = (entries: OrgAudit[], now: string) => {
    for (const e of entries) q.insertAudit.run(now, e.accountId, e.action, JSON.stringify(e.detail), e.organizationId);
  };
  const queueMail = (mail: MailInput, now: string) => q.insertMail.run(now, JSON.stringify(mail.recipients), mail.subject, mail.body);

  const link = (customerOrgId: number, partnerOrgId: number) => toLink(q.linkOfCustomer.get(customerOrgId, partnerOrgId) as LinkDbRow);
  const accessRow = (customerOrgId: number, partnerOrgId: number) => {
    const row = q.access.get(customerOrgId, partnerOrgId) as AccessDbRow | undefined;
    return row ? toAccess(row) : null;
  };

  /** Opens the link read-only (new or reopened), or leaves an open one as it is. */
  const open = (customerOrgId: number, partnerOrgId: number, accountId: number, now: string): 'added' | 'reopened' | 'exists' => {
    const before = accessRow(customerOrgId, partnerOrgId);
    if (!before) {
      q.insertAccess.run({ customerOrgId, partnerOrgId, accountId, now });
      return 'added';
    }
    if (before.revokedAt === null) return 'exists';
    q.reopenAccess.run({ now, accountId, customerOrgId, partnerOrgId });
    return 'reopened';
  };

  return {
    async membershipOf(accountId) {
      const row = q.membership.get(accountId) as
        | { account_id: number; organization_id: number; org_role: Membership['role']; portal_admin: number; kind: Membership['kind']; name: string; partner_id: string | null }
        | undefined;
      return row
        ? { accountId: row.account_id, organizationId: row.organization_id, role: row.org_role, kind: row.kind, name: row.name, partnerId: row.partner_id, portalAdmin: row.portal_admin === 1 }
        : null;
    },
    partnerByPartnerId: async (partnerId) =>
      db.transaction(() => {
        const row = q.partnerById.get(partnerId) as { id: number; partner_id: string; name: string } | undefined;
        if (!row) return null;
        const contact = q.firstAdministrator.get(row.id) as { name: string; email: string } | undefined;
        return { organizationId: row.id, partnerId: row.partner_id, name: row.name, contact: contact ?? null };
      })(),

    addPartner: async (input, audit, now) =>
      db
        .transaction(() => {
          const outcome = open(input.customerOrgId, input.partnerOrgId, input.accountId, now);
          if (outcome !== 'exists') writeAudit(audit(outcome), now);
          return { outcome, link: link(input.customerOrgId, input.partnerOrgId) };
        })
        .immediate(),
    partnerLinks: async (customerOrgId) => (q.linksOfCustomer.all(customerOrgId) as LinkDbRow[]).map(toLink),
    async openLink(customerOrgId, partnerOrgId) {
      const row = accessRow(customerOrgId, partnerOrgId);
      return row && row.revokedAt === null ? row : null;
    },
    setPartnerAccess: async (input, audit, now) =>
      db
        .transaction(() => {
          const before = accessRow(input.customerOrgId, input.partnerOrgId);
          if (!before || before.revokedAt !== null) return null;
          q.setAccess.run({ ...input, administrator: Number(input.administrator), api: Number(input.api), now });
          const keysRevoked = input.api ? 0 : q.revokePairKeys.run(now, input.partnerOrgId, input.customerOrgId).changes;
          writeAudit(audit(before, keysRevoked), now);
          return { before, after: link(input.customerOrgId, input.partnerOrgId) };
        })
        .immediate(),
    revokePartner: async (input, audit, now) =>
      db
        .transaction(() => {
          if (q.revokeAccess.run(now, now, input.customerOrgId, input.partnerOrgId).changes !== 1) return null;
          const keysRevoked = q.revokePairKeys.run(now, input.partnerOrgId, input.customerOrgId).changes;
          writeAudit(audit(keysRevoked), now);
          return { keysRevoked };
        })
        .immediate(),

    customersOf: async (partnerOrgId) =>
      (q.customersOf.all(partnerOrgId) as CustomerDbRow[]).map(toCustomer),
    organizationName: async (organizationId) => (q.organizationName.get(organizationId) as string | undefined) ?? null,
    async sharedSystems(customerOrgId) {
      const rows = q.sharedSystems.all(customerOrgId) as SharedServerDbRow[];
      return toSharedSystems(rows);
    },
    administeredSystems: async (customerOrgId) =>
      (q.administeredSystems.all(customerOrgId) as AdministeredDbRow[]).map(toAdministered),
    isCustomerSystem: async (customerOrgId, systemId) => q.isCustomerSystem.get(systemId, customerOrgId) !== undefined,
    delegatedEndUser: async (accountId, systemId) => q.delegatedEndUser(accountId, systemId),

    createApiKey: async (input, audit, now) =>
      db.transaction(() => {
        const inserted = q.insertApiKey.get({ ...input, now }) as ApiKeyDbRow | undefined;
        if (!inserted) return null;
        writeAudit([audit], now);
        return toApiKey(inserted);
      })(),
    apiKeysOf: async (partnerOrgId, customerOrgId) => (q.apiKeysOf.all(partnerOrgId, customerOrgId) as ApiKeyDbRow[]).map(toApiKey),
    revokeApiKey: async (input, audit, now) =>
      db
        .transaction(() => {
          const row = q.apiKey.get(input.id, input.partnerOrgId, input.customerOrgId) as ApiKeyDbRow | undefined;
          if (!row) return null;
          const revokedNow = q.revokeApiKey.run(now, input.id).changes === 1;
          if (revokedNow) writeAudit([audit], now);
          return { key: toApiKey(q.apiKey.get(input.id, input.partnerOrgId, input.customerOrgId) as ApiKeyDbRow), revokedNow };
        })
        .immediate(),
    useApiKey: async (keyHash, now) =>
      db.transaction((): ApiKeyCheck => {
        const row = q.apiKeyByHash.get(keyHash) as (ApiKeyDbRow & { access_revoked_at: string | null; access_api: number | null }) | undefined;
        if (!row) return { ok: false, reason: 'unknown' };
        // The customer's decision first: a key whose access was taken back says so (403), though
        // taking it back revoked the key too; a key revoked on its own is just not valid (401).
        if (row.access_api === null || row.access_revoked_at !== null) return { ok: false, reason: 'access-revoked' };
        if (row.access_api !== 1) return { ok: false, reason: 'api-off' };
        if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
        q.useApiKey.run(now, row.id);
        return { ok: true, key: { ...toApiKey(row), lastUsedAt: now } };
      })(),

    createCustomerInvitation: async (input, mail, audit, now) =>
      db
        .transaction(() => {
          const open = q.openInvitationTo.get(input.partnerOrgId, input.contactEmail, now) as InvitationDbRow | undefined;
          if (open) return { openAlready: toInvitation(open) };
          const row = toInvitation(q.insertInvitation.get({ ...input, now }) as InvitationDbRow);
          queueMail(mail, now);
          writeAudit([audit(row.id)], now);
          return row;
        })
        .immediate(),
    customerInvitationsOf: async (partnerOrgId) => (q.invitationsOf.all(partnerOrgId) as InvitationDbRow[]).map(toInvitation),
    revokeCustomerInvitation: async (input, audit, now) =>
      db
        .transaction(() => {
          const row = q.invitation.get(input.id, input.partnerOrgId) as InvitationDbRow | undefined;
          if (!row) return null;
          const revoked = q.revokeInvitation.run(now, input.id).changes === 1;
          if (revoked) writeAudit([audit], now);
          return { before: toInvitation(row), revoked };
        })
        .immediate(),
    async customerInvitationByToken(tokenHash) {
      const row = q.invitationByToken.get(tokenHash) as InvitationLinkDbRow | undefined;
      return row ? toInvitationLink(row) : null;
    },
    acceptCustomerInvitation: async (input, audit, now) =>
      db
        .transaction(() => {
          const row = q.invitationByToken.get(input.tokenHash) as InvitationLinkDbRow | undefined;
          if (!row) return { refused: 'unknown' as const };
          const invitation = toInvitationLink(row);
          if (invitation.acceptedAt !== null) return { refused: 'accepted' as const };
          if (invitation.revokedAt !== null) return { refused: 'revoked' as const };
          if (invitation.expiresAt <= now) return { refused: 'expired' as const };
          q.acceptInvitation.run(now, input.customerOrgId, invitation.id);
          const outcome = open(input.customerOrgId, invitation.partnerOrgId, input.accountId, now);
          const current = q.organization.get(input.customerOrgId) as { name: string; country: string };
          const renamed = input.rename(current);
          if (renamed) q.renameOrganization.run(invitation.organizationName, input.customerOrgId);
          q.fillAddress.run(invitation.street, invitation.city, invitation.postalCode, invitation.country, input.customerOrgId);
          writeAudit(audit(invitation, outcome), now);
          return { link: link(input.customerOrgId, invitation.partnerOrgId), invitation: { ...invitation, acceptedAt: now, acceptedOrgId: input.customerOrgId }, renamed };
        })
        .immediate(),
  };
}
