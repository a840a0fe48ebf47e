// Organizations on SQLite: see organization-store.ts. Each method that decides and writes runs in
// one IMMEDIATE transaction, so two requests cannot both pass a check (the last administrator,
// an open invitation, a free Partner ID) and both write.
import type { Db } from '../../shared/node/sqlite.js';
import { freePartnerId, proposePartnerId } from '../../shared/portal/partner-id.js';
import { accountKindOf, organizationKindOf, type OrganizationKind } from '../../shared/portal/organizations.js';
import type {
  CoworkerInvitationRow,
  CreatedAccount,
  JoinResult,
  MemberRow,
  MoveResult,
  NewAccountOrganization,
  OrganizationAuditInput,
  OrganizationStore,
  PartnerIdRequestRow,
} from './organization-store.js';
import type { AccountRow, MailInput } from './store.js';
import { person, toInvitation, toOrganization, toRequest, type InvitationDbRow, type OrganizationDbRow, type RequestDbRow } from './rows/organizations.js';

const INVITATION_SELECT = `SELECT i.id, i.organization_id, i.email, a.name AS inviter_name, a.email AS inviter_email, i.created_at, i.expires_at, i.sent_count, i.accepted_at, i.revoked_at
  FROM coworker_invitations i LEFT JOIN accounts a ON a.id = i.invited_by`;

const REQUEST_SELECT = `SELECT r.id, r.organization_id, o.name AS organization_name, r.current_id, r.requested_id, r.reason, a.name AS requester_name, a.email AS requester_email,
    r.requested_at, r.state, r.decided_at, r.note
  FROM partner_id_requests r JOIN organizations o ON o.id = r.organization_id LEFT JOIN accounts a ON a.id = r.requested_by`;

/** The statements and steps the account store's createAccount and this module share. */
function statements(db: Db) {
  const q = {
    organization: db.prepare('SELECT id, kind, name, partner_id, created_at FROM organizations WHERE id = ?'),
    insertOrganization: db.prepare('INSERT INTO organizations (kind, name, partner_id, created_at) VALUES (?, ?, ?, ?) RETURNING id, kind, name, partner_id, created_at'),
    deleteOrganization: db.prepare('DELETE FROM organizations WHERE id = ?'),
    partnerIdTaken: db.prepare('SELECT 1 FROM organizations WHERE partner_id = ?').pluck(),
    account: db.prepare('SELECT id, email, name, kind, organization_id, org_role FROM accounts WHERE id = ?'),
    placeAccount: db.prepare('UPDATE accounts SET organization_id = ?, org_role = ?, kind = ?, organization = ? WHERE id = ?'),
    verifyAccount: db.prepare('UPDATE accounts SET email_verified_at = coalesce(email_verified_at, ?) WHERE id = ?'),
    memberCount: db.prepare('SELECT count(*) FROM accounts WHERE organization_id = ?').pluck(),
    adminCount: db.prepare("SELECT count(*) FROM accounts WHERE organization_id = ? AND org_role = 'administrator'").pluck(),
    insertAudit: db.prepare('INSERT INTO audit_log (at, account_id, registration_id, action, detail, organization_id) VALUES (?, ?, NULL, ?, ?, ?)'),
    insertMail: db.prepare('INSERT INTO mail_queue (created_at, recipients, subject, body, registration_id) VALUES (?, ?, ?, ?, NULL)'),
    invitation: db.prepare(`${INVITATION_SELECT} WHERE i.id = ?`),
    acceptInvitation: db.prepare('UPDATE coworker_invitations SET accepted_at = ?, accepted_by = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?'),
  };
  const audit = (entry: OrganizationAuditInput | (Omit<OrganizationAuditInput, 'organizationId'> & { organizationId: null }), now: string) =>
    q.insertAudit.run(now, entry.accountId, entry.action, JSON.stringify(entry.detail), entry.organizationId);
  const mail = (m: MailInput | null, now: string) => {
    if (m && m.recipients.length) q.insertMail.run(now, JSON.stringify(m.recipients), m.subject, m.body);
  };
  const organization = (id: number) => {
    const row = q.organization.get(id) as OrganizationDbRow | undefined;
    return row ? toOrganization(row) : null;
  };
  const taken = (id: string) => q.partnerIdTaken.get(id) !== undefined;
  /** A new organization; a partner's without an ID given gets the one its name proposes, made free. */
  const createOrganization = (kind: OrganizationKind, name: string, partnerId: string | null, fallback: string, now: string) => {
    const id = kind === 'partner' ? (partnerId ?? freePartnerId(proposePartnerId(name) ?? fallback, taken)) : null;
    return toOrganization(q.insertOrganization.get(kind, name, id, now) as OrganizationDbRow);
  };
  const openInvitation = (id: number, now: string) => {
    const row = q.invitation.get(id) as InvitationDbRow | undefined;
    return row && row.accepted_at === null && row.revoked_at === null && row.expires_at > now ? toInvitation(row) : null;
  };
  return { q, audit, mail, organization, taken, createOrganization, openInvitation };
}

/**
 * The organization part of createAccount, run inside its transaction: `check` before the account
 * row is written (a refusal then leaves nothing behind), `place` after.
 */

/**
 * The organization an account names to others (accounts.organization: the access answers, an
 * invitation's sender). A customer organization is often named after its person, and a person's
 * name is never shown to a stranger: a customer account names only what its person typed at
 * sign-up, and nothing once it moves.
 */
const shownOrganization = (kind: OrganizationKind, name: string, typed = ''): string => (kind === 'customer' ? typed.trim() : name);

export function newAccountOrganization(db: Db) {
  const s = statements(db);
  return {
    check(joining: NewAccountOrganization, now: string): Exclude<CreatedAccount, AccountRow | 'exists'> | null {
      if ('create' in joining) {
        const { partnerId, partnerIdGiven } = joining.create;
        if (partnerIdGiven && partnerId && s.taken(partnerId)) return { partnerIdTaken: freePartnerId(partnerId, s.taken) };
        return null;
      }
      const invitation = s.openInvitation(joining.invitationId, now);
      return invitation && invitation.email.toLowerCase() === joining.email.toLowerCase() ? null : { invitationClosed: true };
    },
    place(account: { id: number; name: string; email: string; organization: string }, joining: NewAccountOrganization, now: string) {
      if ('create' in joining) {
        const { kind, name, partnerId, partnerIdGiven } = joining.create;
        // Given: checked free above, in this transaction. Proposed from the name: made free here (ACME_INC_2).
        const org = s.createOrganization(kind, name, partnerIdGiven ? partnerId : null, `PARTNER_${account.id}`, now);
        s.q.placeAccount.run(org.id, 'administrator', accountKindOf(kind), shownOrganization(kind, name, account.organization), account.id);
        s.audit({ organizationId: org.id, accountId: account.id, action: 'organization.created', detail: { kind, name, partnerId: org.partnerId, via: 'sign-up' } }, now);
        return;
      }
      const invitation = s.openInvitation(joining.invitationId, now)!;
      const org = s.organization(invitation.organizationId)!;
      s.q.placeAccount.run(org.id, 'member', accountKindOf(org.kind), shownOrganization(org.kind, org.name), account.id);
      // The link was mailed to this address: following it proves the address is theirs.
      s.q.verifyAccount.run(now, account.id);
      s.q.acceptInvitation.run(now, account.id, invitation.id, now);
      s.audit({ organizationId: org.id, accountId: account.id, action: 'member.joined', detail: { email: account.email, name: account.name, invitationId: invitation.id, via: 'sign-up' } }, now);
    },
  };
}

export function sqliteOrganizations(db: Db): OrganizationStore {
  const s = statements(db);
  const { q, audit, mail, organization, taken } = s;
  const o = {
    members: db.prepare(
      `SELECT a.id AS accountId, a.name, a.email, a.org_role AS role,
              coalesce((SELECT max(i.accepted_at) FROM coworker_invitations i WHERE i.accepted_by = a.id AND i.organization_id = a.organization_id), max(o.created_at, a.created_at)) AS joinedAt
       FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.organization_id = ? ORDER BY joinedAt, a.id`,
    ),
    auditPage: db.prepare(
      `SELECT l.id, l.at, a.name AS actor_name, a.email AS actor_email, l.action, l.detail FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
       WHERE l.organization_id = ? ORDER BY l.id DESC LIMIT ? OFFSET ?`,
    ),
    auditCount: db.prepare('SELECT count(*) FROM audit_log WHERE organization_id = ?').pluck(),
    setRole: db.prepare('UPDATE accounts SET org_role = ? WHERE id = ?'),
    memberByEmail: db.prepare('SELECT 1 FROM accounts WHERE organization_id = ? AND email = ?').pluck(),
    openByEmail: db.prepare(`${INVITATION_SELECT} WHERE i.organization_id = ? AND i.email = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL`),
    openOf: db.prepare(`${INVITATION_SELECT} WHERE i.organization_id = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL ORDER BY i.id DESC`),
    insertInvitation: db.prepare('INSERT INTO coworker_invitations (organization_id, email, token_hash, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id'),
    closeInvitation: db.prepare('UPDATE coworker_invitations SET revoked_at = ? WHERE id = ?'),
    renewInvitation: db.prepare('UPDATE coworker_invitations SET token_hash = ?, expires_at = ?, sent_count = sent_count + 1 WHERE id = ?'),
    invitationByToken: db.prepare(`${INVITATION_SELECT} WHERE i.token_hash = ?`),
    // What an organization holds that joining another would strand (docs/partners.md, Co-workers).
    holds: db.prepare(
      `SELECT EXISTS (SELECT 1 FROM registrations WHERE integrator_id = @account OR end_user_id = @account)
           -- An open link only: a link a customer made and revoked (the partner cannot remove it) holds nothing.
           OR EXISTS (SELECT 1 FROM partner_access WHERE (customer_org_id = @org OR partner_org_id = @org) AND revoked_at IS NULL)
           OR EXISTS (SELECT 1 FROM customer_invitations WHERE partner_org_id = @org OR accepted_org_id = @org)
           OR EXISTS (SELECT 1 FROM api_keys WHERE partner_org_id = @org OR customer_org_id = @org)
           OR EXISTS (SELECT 1 FROM licenses WHERE customer_org_id = @org)
           OR EXISTS (SELECT 1 FROM vouchers WHERE organization_id = @org)
           OR EXISTS (SELECT 1 FROM credit_ledger WHERE organization_id = @org OR customer_org_id = @org)`,
    ).pluck(),
    forgetOrganization: db.prepare('UPDATE audit_log SET organization_id = NULL WHERE organization_id = ?'),
    request: db.prepare(`${REQUEST_SELECT} WHERE r.id = ?`),
    pendingOf: db.prepare(`${REQUEST_SELECT} WHERE r.organization_id = ? AND r.state = 'pending'`),
    requestsIn: db.prepare(`${REQUEST_SELECT} WHERE r.state = ? ORDER BY r.id`),
    insertRequest: db.prepare('INSERT INTO partner_id_requests (organization_id, current_id, requested_id, reason, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id'),
    decideRequest: db.prepare("UPDATE partner_id_requests SET state = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ? AND state = 'pending'"),
    setPartnerId: db.prepare('UPDATE organizations SET partner_id = ? WHERE id = ?'),
    adminEmails: db.prepare("SELECT email FROM accounts WHERE organization_id = ? AND org_role = 'administrator' ORDER BY id").pluck(),
    portalAdminEmails: db.prepare('SELECT email FROM accounts WHERE portal_admin = 1 ORDER BY id').pluck(),
    setPortalAdmin: db.prepare('UPDATE accounts SET portal_admin = ? WHERE email = ? RETURNING id, organization_id'),
    accountRow: db.prepare('SELECT id, email, name, totp_secret_sealed FROM accounts WHERE id = ?'),
    isAdministrator: db.prepare("SELECT 1 FROM accounts WHERE id = ? AND organization_id = ? AND org_role = 'administrator'").pluck(),
    revokeKeysMadeBy: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE created_by = ? AND partner_org_id = ? AND revoked_at IS NULL'),
  };
  /** Whether the actor is an administrator of the organization now, read in the caller's transaction. */
  const administers = (actorId: number, organizationId: number) => o.isAdministrator.get(actorId, organizationId) !== undefined;

  type AccountLite = { id: number; email: string; name: string; kind: AccountRow['kind']; organization_id: number; org_role: 'administrator' | 'member' };
  const accountLite = (id: number) => q.account.get(id) as AccountLite | undefined;
  const invitation = (id: number) => toInvitation(q.invitation.get(id) as InvitationDbRow);
  const request = (id: number) => toRequest(o.request.get(id) as RequestDbRow);
  /** The last administrator of an organization, who would leave it with nobody to manage it. */
  const lastAdmin = (a: AccountLite) => a.org_role === 'administrator' && (q.adminCount.get(a.organization_id) as number) <= 1;

  const moveTx = db.transaction((input: Parameters<OrganizationStore['moveToOwnOrganization']>[0], now: string): MoveResult => {
    const a = accountLite(input.accountId);
    if (input.how === 'removed' && !administers(input.actorId, input.organizationId)) return 'not-administrator';
    if (!a || a.organization_id !== input.organizationId) return 'not-member';
    if (lastAdmin(a)) return 'last-administrator';
    const from = organization(a.organization_id)!;
    // Vendor staff is a membership of the branch organization: out of it, a person is a partner.
    const kind = from.kind === 'branch' ? 'partner' : organizationKindOf(a.kind);
    const own = s.createOrganization(kind, a.name, null, `PARTNER_${a.id}`, now);
    q.placeAccount.run(own.id, 'administrator', accountKindOf(kind), shownOrganization(kind, own.name), a.id);
    const apiKeysRevoked = o.revokeKeysMadeBy.run(now, a.id, from.id).changes;
    const who = { accountId: a.id, email: a.email, name: a.name, ...(apiKeysRevoked ? { apiKeysRevoked } : {}), ...(kind !== organizationKindOf(a.kind) ? { nowKind: accountKindOf(kind) } : {}) };
    audit({ organizationId: from.id, accountId: input.actorId, action: input.how === 'left' ? 'member.left' : 'member.removed', detail: who }, now);
    audit({ organizationId: own.id, accountId: input.actorId, action: 'organization.created', detail: { kind, name: own.name, partnerId: own.partnerId, via: input.how, from: from.name } }, now);
    return { organization: own, apiKeysRevoked };
  });

  const setRoleTx = db.transaction((input: Parameters<OrganizationStore['setMemberRole']>[0], now: string) => {
    if (!administers(input.actorId, input.organizationId)) return 'not-administrator' as const;
    const a = accountLite(input.accountId);
    if (!a || a.organization_id !== input.organizationId) return 'not-member' as const;
    if (a.org_role === input.role) return 'done' as const;
    if (input.role === 'member' && lastAdmin(a)) return 'last-administrator' as const;
    o.setRole.run(input.role, a.id);
    audit({ organizationId: input.organizationId, accountId: input.actorId, action: 'member.role-changed', detail: { accountId: a.id, email: a.email, from: a.org_role, to: input.role } }, now);
    return 'done' as const;
  });

  const inviteTx = db.transaction((input: Parameters<OrganizationStore['createCoworkerInvitation']>[0], makeMail: (i: CoworkerInvitationRow) => MailInput, now: string) => {
    if (!administers(input.invitedBy, input.organizationId)) return 'not-administrator' as const;
    if (o.memberByEmail.get(input.organizationId, input.email) !== undefined) return 'member' as const;
    const open = o.openByEmail.get(input.organizationId, input.email) as InvitationDbRow | undefined;
    if (open && open.expires_at > now) return 'invited' as const;
    // One past its time no longer counts: it is closed, and the new one takes its place.
    if (open) o.closeInvitation.run(now, open.id);
    const { id } = o.insertInvitation.get(input.organizationId, input.email, input.tokenHash, input.invitedBy, now, input.expiresAt) as { id: number };
    const row = invitation(id);
    mail(makeMail(row), now);
    audit({ organizationId: input.organizationId, accountId: input.invitedBy, action: 'invitation.sent', detail: { invitationId: id, email: input.email, expiresAt: input.expiresAt } }, now);
    return row;
  });

  const resendTx = db.transaction((input: Parameters<OrganizationStore['resendCoworkerInvitation']>[0], makeMail: (i: CoworkerInvitationRow) => MailInput, now: string) => {
    if (!administers(input.actorId, input.organizationId)) return 'not-administrator' as const;
    const row = q.invitation.get(input.invitationId) as InvitationDbRow | undefined;
    if (!row || row.organization_id !== input.organizationId || row.accepted_at !== null || row.revoked_at !== null) return null;
    o.renewInvitation.run(input.tokenHash, input.expiresAt, row.id);
    const renewed = invitation(row.id);
    mail(makeMail(renewed), now);
    audit({ organizationId: input.organizationId, accountId: input.actorId, action: 'invitation.resent', detail: { invitationId: row.id, email: row.email, expiresAt: input.expiresAt, sentCount: renewed.sentCount } }, now);
    return renewed;
  });

  const revokeTx = db.transaction((input: Parameters<OrganizationStore['revokeCoworkerInvitation']>[0], now: string) => {
    if (!administers(input.actorId, input.organizationId)) return 'not-administrator' as const;
    const row = q.invitation.get(input.invitationId) as InvitationDbRow | undefined;
    if (!row || row.organization_id !== input.organizationId || row.accepted_at !== null || row.revoked_at !== null) return null;
    o.closeInvitation.run(now, row.id);
    audit({ organizationId: input.organizationId, accountId: input.actorId, action: 'invitation.revoked', detail: { invitationId: row.id, email: row.email } }, now);
    return invitation(row.id);
  });

  const joinTx = db.transaction((input: Parameters<OrganizationStore['joinByInvitation']>[0], now: string): JoinResult => {
    const open = s.openInvitation(input.invitationId, now);
    if (!open) return 'closed';
    const a = accountLite(input.accountId)!;
    if (a.email.toLowerCase() !== open.email.toLowerCase()) return 'other-address';
    if (a.organization_id === open.organizationId) return 'same-organization';
    const from = organization(a.organization_id)!;
    if ((q.memberCount.get(from.id) as number) > 1 || o.holds.get({ account: a.id, org: from.id })) return { notAlone: from };
    const to = organization(open.organizationId)!;
    q.placeAccount.run(to.id, 'member', accountKindOf(to.kind), shownOrganization(to.kind, to.name), a.id);
    q.acceptInvitation.run(now, a.id, open.id, now);
    // The empty organization goes; its history stays in the log, under the person.
    o.forgetOrganization.run(from.id);
    q.deleteOrganization.run(from.id);
    audit({ organizationId: null, accountId: a.id, action: 'organization.removed', detail: { organizationId: from.id, name: from.name, partnerId: from.partnerId, reason: 'joined another organization', joined: to.id } }, now);
    audit({ organizationId: to.id, accountId: a.id, action: 'member.joined', detail: { email: a.email, name: a.name, invitationId: open.id, via: 'log-on' } }, now);
    return { organization: to };
  });

  const requestTx = db.transaction(
    (input: Parameters<OrganizationStore['createPartnerIdRequest']>[0], makeMail: (r: PartnerIdRequestRow, admins: string[]) => MailInput | null, now: string) => {
      const org = organization(input.organizationId)!;
      if (org.partnerId === input.requestedId) return 'same' as const;
      if (taken(input.requestedId)) return 'taken' as const;
      if (o.pendingOf.get(org.id)) return 'pending' as const;
      const { id } = o.insertRequest.get(org.id, org.partnerId ?? '', input.requestedId, input.reason, input.requestedBy, now) as { id: number };
      const row = request(id);
      mail(makeMail(row, o.portalAdminEmails.all() as string[]), now);
      audit({ organizationId: org.id, accountId: input.requestedBy, action: 'partner-id.requested', detail: { requestId: id, from: org.partnerId, to: input.requestedId, reason: input.reason } }, now);
      return row;
    },
  );

  const decideTx = db.transaction(
    (input: Parameters<OrganizationStore['decidePartnerIdRequest']>[0], makeMail: Parameters<OrganizationStore['decidePartnerIdRequest']>[1], now: string) => {
      const before = o.request.get(input.requestId) as RequestDbRow | undefined;
      if (!before) return 'not-found' as const;
      if (before.state !== 'pending') return 'decided' as const;
      if (input.approve) {
        // Checked again here, in the transaction that sets it: another organization may have it by now.
        if (taken(before.requested_id)) return { taken: before.requested_id };
        o.setPartnerId.run(before.requested_id, before.organization_id);
      }
      o.decideRequest.run(input.approve ? 'approved' : 'rejected', input.adminId, now, input.note, before.id);
      const after = request(before.id);
      const org = organization(before.organization_id)!;
      mail(makeMail(after, org, o.adminEmails.all(org.id) as string[]), now);
      audit(
        {
          organizationId: org.id,
          // The organization's log says the portal decided, not which of its staff: the staff
          // member is in partner_id_requests.decided_by, for the portal's own administrators.
          accountId: null,
          action: input.approve ? 'partner-id.approved' : 'partner-id.rejected',
          detail: { requestId: before.id, from: before.current_id, to: before.requested_id, note: input.note },
        },
        now,
      );
      return { request: after, organization: org };
    },
  );

  const portalAdminTx = db.transaction((email: string, on: boolean, now: string) => {
    const row = o.setPortalAdmin.get(Number(on), email) as { id: number; organization_id: number } | undefined;
    if (!row) return null;
    audit({ organizationId: row.organization_id, accountId: null, action: on ? 'portal-admin.granted' : 'portal-admin.revoked', detail: { accountId: row.id, email } }, now);
    const a = o.accountRow.get(row.id) as { id: number; email: string; name: string; totp_secret_sealed: string | null };
    return { id: a.id, email: a.email, name: a.name, mfaEnabled: a.totp_secret_sealed !== null };
  });

  return {
    organization: async (id) => organization(id),
    members: async (organizationId) => o.members.all(organizationId) as MemberRow[],
    partnerIdTaken: async (partnerId) => taken(partnerId),
    auditOrganization: async (entry, now) => void audit(entry, now),
    organizationAudit: async (organizationId, offset, limit) =>
      db.transaction(() => ({
        total: o.auditCount.get(organizationId) as number,
        items: (o.auditPage.all(organizationId, limit, offset) as { id: number; at: string; actor_name: string | null; actor_email: string | null; action: string; detail: string }[]).map((r) => ({
          id: r.id,
          at: r.at,
          actor: person(r.actor_name, r.actor_email),
          action: r.action,
          detail: JSON.parse(r.detail) as Record<string, unknown>,
        })),
      }))(),
    setMemberRole: async (input, now) => setRoleTx.immediate(input, now),
    moveToOwnOrganization: async (input, now) => moveTx.immediate(input, now),
    createCoworkerInvitation: async (input, makeMail, now) => inviteTx.immediate(input, makeMail, now),
    coworkerInvitations: async (organizationId) => (o.openOf.all(organizationId) as InvitationDbRow[]).map(toInvitation),
    resendCoworkerInvitation: async (input, makeMail, now) => resendTx.immediate(input, makeMail, now),
    revokeCoworkerInvitation: async (input, now) => revokeTx.immediate(input, now),
    async coworkerInvitationByToken(tokenHash) {
      const row = o.invitationByToken.get(tokenHash) as InvitationDbRow | undefined;
      if (!row) return null;
      return { invitation: toInvitation(row), organization: organization(row.organization_id)! };
    },
    joinByInvitation: async (input, now) => joinTx.immediate(input, now),
    createPartnerIdRequest: async (input, makeMail, now) => requestTx.immediate(input, makeMail, now),
    async pendingPartnerIdRequest(organizationId) {
      const row = o.pendingOf.get(organizationId) as RequestDbRow | undefined;
      return row ? toRequest(row) : null;
    },
    partnerIdRequests: async (state) => (o.requestsIn.all(state) as RequestDbRow[]).map(toRequest),
    decidePartnerIdRequest: async (input, makeMail, now) => decideTx.immediate(input, makeMail, now),
    setPortalAdmin: async (email, on, now) => portalAdminTx.immediate(email, on, now),
  };
}

