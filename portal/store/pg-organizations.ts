// Organizations on PostgreSQL: see organization-store.ts and, for the same statements on SQLite,
// sqlite-organizations.ts. Each method that decides and writes runs in one SERIALIZABLE
// transaction (pg-db.ts), so two requests, from one instance or several, cannot both pass a check
// (the last administrator, an open invitation, a free Partner ID) and both write: one of them is
// run again and sees the other's write.
import { freePartnerId, proposePartnerId } from '../../shared/portal/partner-id.js';
import { accountKindOf, organizationKindOf, type OrganizationKind } from '../../shared/portal/organizations.js';
import type {
  CreatedAccount,
  JoinResult,
  MemberRow,
  MoveResult,
  NewAccountOrganization,
  OrganizationAuditInput,
  OrganizationStore,
} from './organization-store.js';
import type { PgDatabase, Sql } from './pg-db.js';
import type { AccountRow, MailInput } from './store.js';
import { person, toInvitation, toOrganization, toRequest, type InvitationDbRow, type OrganizationDbRow, type RequestDbRow } from './rows/organizations.js';

const INVITATION_SELECT = `SELECT i.id, i.organization_id, i.email, a.name AS inviter_name, a.email AS inviter_email, i.created_at, i.expires_at, i.sent_count, i.accepted_at, i.revoked_at
  FROM coworker_invitations i LEFT JOIN accounts a ON a.id = i.invited_by`;

const REQUEST_SELECT = `SELECT r.id, r.organization_id, o.name AS organization_name, r.current_id, r.requested_id, r.reason, a.name AS requester_name, a.email AS requester_email,
    r.requested_at, r.state, r.decided_at, r.note
  FROM partner_id_requests r JOIN organizations o ON o.id = r.organization_id LEFT JOIN accounts a ON a.id = r.requested_by`;

const ADMIN_COUNT = "SELECT count(*) AS n FROM accounts WHERE organization_id = $1 AND org_role = 'administrator'";
const PLACE_ACCOUNT = 'UPDATE accounts SET organization_id = $1, org_role = $2, kind = $3, organization = $4 WHERE id = $5';
const ACCEPT_INVITATION = 'UPDATE coworker_invitations SET accepted_at = $1, accepted_by = $2 WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $4';

/** freePartnerId (shared/portal/partner-id.ts) with the database asked: each ID it tries is looked up, then it runs again. */
async function freePartnerIdIn(sql: Sql, wanted: string): Promise<string> {
  const known = new Map<string, boolean>();
  for (;;) {
    let unknown: string | null = null;
    const free = freePartnerId(wanted, (id) => {
      if (known.has(id)) return known.get(id)!;
      unknown ??= id;
      return false;
    });
    if (unknown === null) return free;
    known.set(unknown, await partnerIdTakenIn(sql, unknown));
  }
}

const partnerIdTakenIn = async (sql: Sql, id: string) => (await sql.get('SELECT 1 FROM organizations WHERE partner_id = $1', [id])) !== undefined;

/** The steps the account store's createAccount and this module share, on a transaction's connection. */
const steps = {
  audit: (sql: Sql, entry: OrganizationAuditInput | (Omit<OrganizationAuditInput, 'organizationId'> & { organizationId: null }), now: string) =>
    sql.run('INSERT INTO audit_log (at, account_id, registration_id, action, detail, organization_id) VALUES ($1, $2, NULL, $3, $4, $5)', [
      now,
      entry.accountId,
      entry.action,
      JSON.stringify(entry.detail),
      entry.organizationId,
    ]),
  async mail(sql: Sql, m: MailInput | null, now: string) {
    if (m && m.recipients.length) await sql.run('INSERT INTO mail_queue (created_at, recipients, subject, body, registration_id) VALUES ($1, $2, $3, $4, NULL)', [now, JSON.stringify(m.recipients), m.subject, m.body]);
  },
  async organization(sql: Sql, id: number) {
    const row = await sql.get<OrganizationDbRow>('SELECT id, kind, name, partner_id, created_at FROM organizations WHERE id = $1', [id]);
    return row ? toOrganization(row) : null;
  },
  /** A new organization; a partner's without an ID given gets the one its name proposes, made free. */
  async createOrganization(sql: Sql, kind: OrganizationKind, name: string, partnerId: string | null, fallback: string, now: string) {
    const id = kind === 'partner' ? (partnerId ?? (await freePartnerIdIn(sql, proposePartnerId(name) ?? fallback))) : null;
    return toOrganization(
      (await sql.get<OrganizationDbRow>('INSERT INTO organizations (kind, name, partner_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id, kind, name, partner_id, created_at', [
        kind,
        name,
        id,
        now,
      ]))!,
    );
  },
  async openInvitation(sql: Sql, id: number, now: string) {
    const row = await sql.get<InvitationDbRow>(`${INVITATION_SELECT} WHERE i.id = $1`, [id]);
    return row && row.accepted_at === null && row.revoked_at === null && row.expires_at > now ? toInvitation(row) : null;
  },
};

/**
 * The organization an account names to others (accounts.organization): a customer account names
 * only what its person typed at sign-up, and nothing once it moves (sqlite-organizations.ts).
 */
const shownOrganization = (kind: OrganizationKind, name: string, typed = ''): string => (kind === 'customer' ? typed.trim() : name);

/**
 * The organization part of createAccount, run inside its transaction: `check` before the account
 * row is written (a refusal then leaves nothing behind), `place` after.
 */
export function newAccountOrganizationPg() {
  return {
    async check(sql: Sql, joining: NewAccountOrganization, now: string): Promise<Exclude<CreatedAccount, AccountRow | 'exists'> | null> {
      if ('create' in joining) {
        const { partnerId, partnerIdGiven } = joining.create;
        if (partnerIdGiven && partnerId && (await partnerIdTakenIn(sql, partnerId))) return { partnerIdTaken: await freePartnerIdIn(sql, partnerId) };
        return null;
      }
      const invitation = await steps.openInvitation(sql, joining.invitationId, now);
      return invitation && invitation.email.toLowerCase() === joining.email.toLowerCase() ? null : { invitationClosed: true };
    },
    async place(sql: Sql, account: { id: number; name: string; email: string; organization: string }, joining: NewAccountOrganization, now: string) {
      if ('create' in joining) {
        const { kind, name, partnerId, partnerIdGiven } = joining.create;
        // Given: checked free above, in this transaction. Proposed from the name: made free here (ACME_INC_2).
        const org = await steps.createOrganization(sql, kind, name, partnerIdGiven ? partnerId : null, `PARTNER_${account.id}`, now);
        await sql.run(PLACE_ACCOUNT, [org.id, 'administrator', accountKindOf(kind), shownOrganization(kind, name, account.organization), account.id]);
        await steps.audit(sql, { organizationId: org.id, accountId: account.id, action: 'organization.created', detail: { kind, name, partnerId: org.partnerId, via: 'sign-up' } }, now);
        return;
      }
      const invitation = (await steps.openInvitation(sql, joining.invitationId, now))!;
      const org = (await steps.organization(sql, invitation.organizationId))!;
      await sql.run(PLACE_ACCOUNT, [org.id, 'member', accountKindOf(org.kind), shownOrganization(org.kind, org.name), account.id]);
      // The link was mailed to this address: following it proves the address is theirs.
      await sql.run('UPDATE accounts SET email_verified_at = coalesce(email_verified_at, $1) WHERE id = $2', [now, account.id]);
      await sql.run(ACCEPT_INVITATION, [now, account.id, invitation.id, now]);
      await steps.audit(sql, { organizationId: org.id, accountId: account.id, action: 'member.joined', detail: { email: account.email, name: account.name, invitationId: invitation.id, via: 'sign-up' } }, now);
    },
  };
}

type AccountLite = { id: number; email: string; name: string; kind: AccountRow['kind']; organization_id: number; org_role: 'administrator' | 'member' };

export function pgOrganizations(db: PgDatabase): OrganizationStore {
  const { audit, mail, organization } = steps;
  /** Whether the actor is an administrator of the organization now, read in the caller's transaction. */
  const administers = async (sql: Sql, actorId: number, organizationId: number) =>
    (await sql.get("SELECT 1 FROM accounts WHERE id = $1 AND organization_id = $2 AND org_role = 'administrator'", [actorId, organizationId])) !== undefined;
  const accountLite = (sql: Sql, id: number) => sql.get<AccountLite>('SELECT id, email, name, kind, organization_id, org_role FROM accounts WHERE id = $1', [id]);
  const invitation = async (sql: Sql, id: number) => toInvitation((await sql.get<InvitationDbRow>(`${INVITATION_SELECT} WHERE i.id = $1`, [id]))!);
  const request = async (sql: Sql, id: number) => toRequest((await sql.get<RequestDbRow>(`${REQUEST_SELECT} WHERE r.id = $1`, [id]))!);
  /** The last administrator of an organization, who would leave it with nobody to manage it. */
  const lastAdmin = async (sql: Sql, a: AccountLite) => a.org_role === 'administrator' && (await sql.get<{ n: number }>(ADMIN_COUNT, [a.organization_id]))!.n <= 1;
  const pendingOf = (sql: Sql, organizationId: number) => sql.get<RequestDbRow>(`${REQUEST_SELECT} WHERE r.organization_id = $1 AND r.state = 'pending'`, [organizationId]);

  return {
    organization: async (id) => organization(db.sql, id),
    members: async (organizationId) =>
      db.sql.all<MemberRow>(
        `SELECT a.id AS "accountId", a.name, a.email, a.org_role AS role,
                coalesce((SELECT max(i.accepted_at) FROM coworker_invitations i WHERE i.accepted_by = a.id AND i.organization_id = a.organization_id), greatest(o.created_at, a.created_at)) AS "joinedAt"
         FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.organization_id = $1 ORDER BY "joinedAt", a.id`,
        [organizationId],
      ),
    partnerIdTaken: async (partnerId) => partnerIdTakenIn(db.sql, partnerId),
    auditOrganization: async (entry, now) => void (await audit(db.sql, entry, now)),
    organizationAudit: async (organizationId, offset, limit) =>
      db.transaction(
        async (tx) => ({
          total: (await tx.get<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE organization_id = $1', [organizationId]))!.n,
          items: (
            await tx.all<{ id: number; at: string; actor_name: string | null; actor_email: string | null; action: string; detail: string }>(
              `SELECT l.id, l.at, a.name AS actor_name, a.email AS actor_email, l.action, l.detail FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
               WHERE l.organization_id = $1 ORDER BY l.id DESC LIMIT $2 OFFSET $3`,
              [organizationId, limit, offset],
            )
          ).map((r) => ({ id: r.id, at: r.at, actor: person(r.actor_name, r.actor_email), action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> })),
        }),
        { readOnly: true },
      ),

    setMemberRole: async (input, now) =>
      db.transaction(async (tx) => {
        if (!(await administers(tx, input.actorId, input.organizationId))) return 'not-administrator' as const;
        const a = await accountLite(tx, input.accountId);
        if (!a || a.organization_id !== input.organizationId) return 'not-member' as const;
        if (a.org_role === input.role) return 'done' as const;
        if (input.role === 'member' && (await lastAdmin(tx, a))) return 'last-administrator' as const;
        await tx.run('UPDATE accounts SET org_role = $1 WHERE id = $2', [input.role, a.id]);
        await audit(tx, { organizationId: input.organizationId, accountId: input.actorId, action: 'member.role-changed', detail: { accountId: a.id, email: a.email, from: a.org_role, to: input.role } }, now);
        return 'done' as const;
      }),

    moveToOwnOrganization: async (input, now) =>
      db.transaction(async (tx): Promise<MoveResult> => {
        const a = await accountLite(tx, input.accountId);
        if (input.how === 'removed' && !(await administers(tx, input.actorId, input.organizationId))) return 'not-administrator';
        if (!a || a.organization_id !== input.organizationId) return 'not-member';
        if (await lastAdmin(tx, a)) return 'last-administrator';
        const from = (await organization(tx, a.organization_id))!;
        // Vendor staff is a membership of the branch organization: out of it, a person is a partner.
        const kind = from.kind === 'branch' ? 'partner' : organizationKindOf(a.kind);
        const own = await steps.createOrganization(tx, kind, a.name, null, `PARTNER_${a.id}`, now);
        await tx.run(PLACE_ACCOUNT, [own.id, 'administrator', accountKindOf(kind), shownOrganization(kind, own.name), a.id]);
        const apiKeysRevoked = await tx.run('UPDATE api_keys SET revoked_at = $1 WHERE created_by = $2 AND partner_org_id = $3 AND revoked_at IS NULL', [now, a.id, from.id]);
        const who = { accountId: a.id, email: a.email, name: a.name, ...(apiKeysRevoked ? { apiKeysRevoked } : {}), ...(kind !== organizationKindOf(a.kind) ? { nowKind: accountKindOf(kind) } : {}) };
        await audit(tx, { organizationId: from.id, accountId: input.actorId, action: input.how === 'left' ? 'member.left' : 'member.removed', detail: who }, now);
        await audit(tx, { organizationId: own.id, accountId: input.actorId, action: 'organization.created', detail: { kind, name: own.name, partnerId: own.partnerId, via: input.how, from: from.name } }, now);
        return { organization: own, apiKeysRevoked };
      }),

    createCoworkerInvitation: async (input, makeMail, now) =>
      db.transaction(async (tx) => {
        if (!(await administers(tx, input.invitedBy, input.organizationId))) return 'not-administrator' as const;
        if ((await tx.get('SELECT 1 FROM accounts WHERE organization_id = $1 AND email = $2', [input.organizationId, input.email])) !== undefined) return 'member' as const;
        const open = await tx.get<InvitationDbRow>(`${INVITATION_SELECT} WHERE i.organization_id = $1 AND i.email = $2 AND i.accepted_at IS NULL AND i.revoked_at IS NULL`, [
          input.organizationId,
          input.email,
        ]);
        if (open && open.expires_at > now) return 'invited' as const;
        // One past its time no longer counts: it is closed, and the new one takes its place.
        if (open) await tx.run('UPDATE coworker_invitations SET revoked_at = $1 WHERE id = $2', [now, open.id]);
        const { id } = (await tx.get<{ id: number }>('INSERT INTO coworker_invitations (organization_id, email, token_hash, invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id', [
          input.organizationId,
          input.email,
          input.tokenHash,
          input.invitedBy,
          now,
          input.expiresAt,
        ]))!;
        const row = await invitation(tx, id);
        await mail(tx, makeMail(row), now);
        await audit(tx, { organizationId: input.organizationId, accountId: input.invitedBy, action: 'invitation.sent', detail: { invitationId: id, email: input.email, expiresAt: input.expiresAt } }, now);
        return row;
      }),
    coworkerInvitations: async (organizationId) =>
      (await db.sql.all<InvitationDbRow>(`${INVITATION_SELECT} WHERE i.organization_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL ORDER BY i.id DESC`, [organizationId])).map(toInvitation),
    resendCoworkerInvitation: async (input, makeMail, now) =>
      db.transaction(async (tx) => {
        if (!(await administers(tx, input.actorId, input.organizationId))) return 'not-administrator' as const;
        const row = await tx.get<InvitationDbRow>(`${INVITATION_SELECT} WHERE i.id = $1`, [input.invitationId]);
        if (!row || row.organization_id !== input.organizationId || row.accepted_at !== null || row.revoked_at !== null) return null;
        await tx.run('UPDATE coworker_invitations SET token_hash = $1, expires_at = $2, sent_count = sent_count + 1 WHERE id = $3', [input.tokenHash, input.expiresAt, row.id]);
        const renewed = await invitation(tx, row.id);
        await mail(tx, makeMail(renewed), now);
        await audit(
          tx,
          { organizationId: input.organizationId, accountId: input.actorId, action: 'invitation.resent', detail: { invitationId: row.id, email: row.email, expiresAt: input.expiresAt, sentCount: renewed.sentCount } },
          now,
        );
        return renewed;
      }),
    revokeCoworkerInvitation: async (input, now) =>
      db.transaction(async (tx) => {
        if (!(await administers(tx, input.actorId, input.organizationId))) return 'not-administrator' as const;
        const row = await tx.get<InvitationDbRow>(`${INVITATION_SELECT} WHERE i.id = $1`, [input.invitationId]);
        if (!row || row.organization_id !== input.organizationId || row.accepted_at !== null || row.revoked_at !== null) return null;
        await tx.run('UPDATE coworker_invitations SET revoked_at = $1 WHERE id = $2', [now, row.id]);
        await audit(tx, { organizationId: input.organizationId, accountId: input.actorId, action: 'invitation.revoked', detail: { invitationId: row.id, email: row.email } }, now);
        return invitation(tx, row.id);
      }),
    coworkerInvitationByToken: async (tokenHash) =>
      db.transaction(
        async (tx) => {
          const row = await tx.get<InvitationDbRow>(`${INVITATION_SELECT} WHERE i.token_hash = $1`, [tokenHash]);
          if (!row) return null;
          return { invitation: toInvitation(row), organization: (await organization(tx, row.organization_id))! };
        },
        { readOnly: true },
      ),
    joinByInvitation: async (input, now) =>
      db.transaction(async (tx): Promise<JoinResult> => {
        const open = await steps.openInvitation(tx, input.invitationId, now);
        if (!open) return 'closed';
        const a = (await accountLite(tx, input.accountId))!;
        if (a.email.toLowerCase() !== open.email.toLowerCase()) return 'other-address';
        if (a.organization_id === open.organizationId) return 'same-organization';
        const from = (await organization(tx, a.organization_id))!;
        const members = (await tx.get<{ n: number }>('SELECT count(*) AS n FROM accounts WHERE organization_id = $1', [from.id]))!.n;
        // What an organization holds that joining another would strand (docs/partners.md, Co-workers).
        const holds = (await tx.get<{ holds: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM registrations WHERE integrator_id = $1 OR end_user_id = $1)
               -- An open link only: a link a customer made and revoked (the partner cannot remove it) holds nothing.
               OR EXISTS (SELECT 1 FROM partner_access WHERE (customer_org_id = $2 OR partner_org_id = $2) AND revoked_at IS NULL)
               OR EXISTS (SELECT 1 FROM customer_invitations WHERE partner_org_id = $2 OR accepted_org_id = $2)
               OR EXISTS (SELECT 1 FROM api_keys WHERE partner_org_id = $2 OR customer_org_id = $2)
               OR EXISTS (SELECT 1 FROM licenses WHERE customer_org_id = $2)
               OR EXISTS (SELECT 1 FROM vouchers WHERE organization_id = $2)
               OR EXISTS (SELECT 1 FROM credit_ledger WHERE organization_id = $2 OR customer_org_id = $2) AS holds`,
          [a.id, from.id],
        ))!.holds;
        if (members > 1 || holds) return { notAlone: from };
        const to = (await organization(tx, open.organizationId))!;
        await tx.run(PLACE_ACCOUNT, [to.id, 'member', accountKindOf(to.kind), shownOrganization(to.kind, to.name), a.id]);
        await tx.run(ACCEPT_INVITATION, [now, a.id, open.id, now]);
        // The empty organization goes; its history stays in the log, under the person.
        await tx.run('UPDATE audit_log SET organization_id = NULL WHERE organization_id = $1', [from.id]);
        await tx.run('DELETE FROM organizations WHERE id = $1', [from.id]);
        await audit(
          tx,
          { organizationId: null, accountId: a.id, action: 'organization.removed', detail: { organizationId: from.id, name: from.name, partnerId: from.partnerId, reason: 'joined another organization', joined: to.id } },
          now,
        );
        await audit(tx, { organizationId: to.id, accountId: a.id, action: 'member.joined', detail: { email: a.email, name: a.name, invitationId: open.id, via: 'log-on' } }, now);
        return { organization: to };
      }),

    createPartnerIdRequest: async (input, makeMail, now) =>
      db.transaction(async (tx) => {
        const org = (await organization(tx, input.organizationId))!;
        if (org.partnerId === input.requestedId) return 'same' as const;
        if (await partnerIdTakenIn(tx, input.requestedId)) return 'taken' as const;
        if (await pendingOf(tx, org.id)) return 'pending' as const;
        const { id } = (await tx.get<{ id: number }>(
          'INSERT INTO partner_id_requests (organization_id, current_id, requested_id, reason, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [org.id, org.partnerId ?? '', input.requestedId, input.reason, input.requestedBy, now],
        ))!;
        const row = await request(tx, id);
        const portalAdmins = (await tx.all<{ email: string }>('SELECT email FROM accounts WHERE portal_admin ORDER BY id')).map((r) => r.email);
        await mail(tx, makeMail(row, portalAdmins), now);
        await audit(tx, { organizationId: org.id, accountId: input.requestedBy, action: 'partner-id.requested', detail: { requestId: id, from: org.partnerId, to: input.requestedId, reason: input.reason } }, now);
        return row;
      }),
    async pendingPartnerIdRequest(organizationId) {
      const row = await pendingOf(db.sql, organizationId);
      return row ? toRequest(row) : null;
    },
    partnerIdRequests: async (state) => (await db.sql.all<RequestDbRow>(`${REQUEST_SELECT} WHERE r.state = $1 ORDER BY r.id`, [state])).map(toRequest),
    decidePartnerIdRequest: async (input, makeMail, now) =>
      db.transaction(async (tx) => {
        const before = await tx.get<RequestDbRow>(`${REQUEST_SELECT} WHERE r.id = $1`, [input.requestId]);
        if (!before) return 'not-found' as const;
        if (before.state !== 'pending') return 'decided' as const;
        if (input.approve) {
          // Checked again here, in the transaction that sets it: another organization may have it by now.
          if (await partnerIdTakenIn(tx, before.requested_id)) return { taken: before.requested_id };
          await tx.run('UPDATE organizations SET partner_id = $1 WHERE id = $2', [before.requested_id, before.organization_id]);
        }
        await tx.run("UPDATE partner_id_requests SET state = $1, decided_by = $2, decided_at = $3, note = $4 WHERE id = $5 AND state = 'pending'", [
          input.approve ? 'approved' : 'rejected',
          input.adminId,
          now,
          input.note,
          before.id,
        ]);
        const after = await request(tx, before.id);
        const org = (await organization(tx, before.organization_id))!;
        const administrators = (await tx.all<{ email: string }>("SELECT email FROM accounts WHERE organization_id = $1 AND org_role = 'administrator' ORDER BY id", [org.id])).map((r) => r.email);
        await mail(tx, makeMail(after, org, administrators), now);
        await audit(
          tx,
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
      }),

    setPortalAdmin: async (email, on, now) =>
      db.transaction(async (tx) => {
        const row = await tx.get<{ id: number; organization_id: number }>('UPDATE accounts SET portal_admin = $1 WHERE email = $2 RETURNING id, organization_id', [on, email]);
        if (!row) return null;
        await audit(tx, { organizationId: row.organization_id, accountId: null, action: on ? 'portal-admin.granted' : 'portal-admin.revoked', detail: { accountId: row.id, email } }, now);
        const a = (await tx.get<{ id: number; email: string; name: string; totp_secret_sealed: string | null }>('SELECT id, email, name, totp_secret_sealed FROM accounts WHERE id = $1', [row.id]))!;
        return { id: a.id, email: a.email, name: a.name, mfaEnabled: a.totp_secret_sealed !== null };
      }),
  };
}
