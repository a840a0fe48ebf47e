// The store's part for organizations, their people, Partner IDs and co-worker invitations
// (docs/partners.md). The SQLite engine is sqlite-organizations.ts. Every method is one unit of
// work (one transaction), its audit entries and mail written with it.
import type { OrganizationKind, OrganizationRole, PARTNER_ID_REQUEST_STATES } from '../../shared/portal/organizations.js';
import type { AccountRow, MailInput } from './store.js';

export interface OrganizationRow {
  id: number;
  kind: OrganizationKind;
  name: string;
  partnerId: string | null;
  createdAt: string;
}

export interface MemberRow {
  accountId: number;
  name: string;
  email: string;
  role: OrganizationRole;
  joinedAt: string;
}

export interface Person {
  name: string;
  email: string;
}

export interface CoworkerInvitationRow {
  id: number;
  organizationId: number;
  email: string;
  invitedBy: Person | null;
  createdAt: string;
  expiresAt: string;
  sentCount: number;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export type PartnerIdRequestState = (typeof PARTNER_ID_REQUEST_STATES)[number];

export interface PartnerIdRequestRow {
  id: number;
  organizationId: number;
  organizationName: string;
  currentId: string;
  requestedId: string;
  reason: string;
  requestedBy: Person | null;
  requestedAt: string;
  state: PartnerIdRequestState;
  decidedAt: string | null;
  note: string;
}

export interface OrganizationAuditInput {
  organizationId: number;
  accountId: number | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface OrganizationAuditRow {
  id: number;
  at: string;
  actor: Person | null;
  action: string;
  detail: Record<string, unknown>;
}

/**
 * Where a new account goes: a new organization of its own, as its administrator (a partner's
 * Partner ID given by the person, or proposed from the name and made free), or the organization
 * of a co-worker invitation, as a member, its address verified by the link.
 */
export type NewAccountOrganization =
  | { create: { kind: OrganizationKind; name: string; partnerId: string | null; partnerIdGiven: boolean } }
  | { invitationId: number; email: string };

export interface NewAccountInput {
  email: string;
  kind: AccountRow['kind'];
  name: string;
  organization: string;
  passwordHash: string;
  createdAt: string;
  joining: NewAccountOrganization;
}

/**
 * What a sign-up came to: the account; 'exists' (the address has one); the Partner ID given is
 * taken (with the first free one after it); the invitation is no longer open.
 */
export type CreatedAccount = AccountRow | 'exists' | { partnerIdTaken: string } | { invitationClosed: true };

/** 'not-administrator': the actor of a removal is no longer an administrator of the organization (checked in the move's transaction). */
export type MoveResult = { organization: OrganizationRow; apiKeysRevoked: number } | 'not-member' | 'last-administrator' | 'not-administrator';

export type JoinResult = { organization: OrganizationRow } | 'closed' | 'other-address' | 'same-organization' | { notAlone: OrganizationRow };

export type DecideResult = { request: PartnerIdRequestRow; organization: OrganizationRow } | 'not-found' | 'decided' | { taken: string };

export interface OrganizationStore {
  organization(organizationId: number): Promise<OrganizationRow | null>;
  members(organizationId: number): Promise<MemberRow[]>;
  partnerIdTaken(partnerId: string): Promise<boolean>;

  /** An audit entry about an organization (and the account that acted). */
  auditOrganization(entry: OrganizationAuditInput, now: string): Promise<void>;
  /** Newest first, one page, with the total. */
  organizationAudit(organizationId: number, offset: number, limit: number): Promise<{ total: number; items: OrganizationAuditRow[] }>;

  /**
   * Changes a member's role; the last administrator stays one. The actor's own role is checked in
   * the same transaction: an administrator demoted meanwhile gets 'not-administrator'.
   */
  setMemberRole(input: { organizationId: number; accountId: number; role: OrganizationRole; actorId: number }, now: string): Promise<'done' | 'not-member' | 'last-administrator' | 'not-administrator'>;
  /**
   * Takes an account out of its organization (it left, or an administrator removed it) into a new
   * organization of its own, named after the person, as its administrator; refused for the last
   * administrator. Audited in both organizations. The API keys the account made for its old
   * organization are revoked with it (a key must not outlive its maker's membership), and a
   * person leaving a branch (vendor) organization becomes a partner: vendor staff is a membership,
   * not something a person takes along.
   */
  moveToOwnOrganization(input: { organizationId: number; accountId: number; actorId: number; how: 'left' | 'removed' }, now: string): Promise<MoveResult>;

  /**
   * Records an invitation and queues its mail, unless the address is a member already or has an
   * open invitation in time (one past its time is closed and replaced).
   */
  createCoworkerInvitation(
    input: { organizationId: number; email: string; tokenHash: string; invitedBy: number; expiresAt: string },
    mail: (invitation: CoworkerInvitationRow) => MailInput,
    now: string,
  ): Promise<CoworkerInvitationRow | 'member' | 'invited' | 'not-administrator'>;
  /** Open invitations (neither accepted nor revoked), newest first. */
  coworkerInvitations(organizationId: number): Promise<CoworkerInvitationRow[]>;
  /** A new link for an open invitation (the old one stops working), its time started again, its mail queued. */
  resendCoworkerInvitation(
    input: { organizationId: number; invitationId: number; tokenHash: string; expiresAt: string; actorId: number },
    mail: (invitation: CoworkerInvitationRow) => MailInput,
    now: string,
  ): Promise<CoworkerInvitationRow | null | 'not-administrator'>;
  revokeCoworkerInvitation(input: { organizationId: number; invitationId: number; actorId: number }, now: string): Promise<CoworkerInvitationRow | null | 'not-administrator'>;
  coworkerInvitationByToken(tokenHash: string): Promise<{ invitation: CoworkerInvitationRow; organization: OrganizationRow } | null>;
  /**
   * An existing account takes up an invitation: the invitation still open and in time, for the
   * account's address; the account alone in an organization that holds nothing, which is removed.
   */
  joinByInvitation(input: { invitationId: number; accountId: number }, now: string): Promise<JoinResult>;

  /** Files a request, unless one waits already or the ID is another organization's; mail to the portal administrators with it. */
  createPartnerIdRequest(
    input: { organizationId: number; requestedId: string; reason: string; requestedBy: number },
    mail: (request: PartnerIdRequestRow, portalAdmins: string[]) => MailInput | null,
    now: string,
  ): Promise<PartnerIdRequestRow | 'pending' | 'taken' | 'same'>;
  pendingPartnerIdRequest(organizationId: number): Promise<PartnerIdRequestRow | null>;
  partnerIdRequests(state: PartnerIdRequestState): Promise<PartnerIdRequestRow[]>;
  /** Approves (the ID checked free again, and set) or rejects a waiting request; mail to the organization's administrators with it. */
  decidePartnerIdRequest(
    input: { requestId: number; approve: boolean; adminId: number; note: string },
    mail: (request: PartnerIdRequestRow, organization: OrganizationRow, administrators: string[]) => MailInput,
    now: string,
  ): Promise<DecideResult>;

  /** Makes an account a portal administrator or not; null when no account has the address. */
  setPortalAdmin(email: string, on: boolean, now: string): Promise<{ id: number; email: string; name: string; mfaEnabled: boolean } | null>;
}
