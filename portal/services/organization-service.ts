// Organizations, their members, co-worker invitations and Partner ID change requests
// (docs/partners.md). Every check of who may do what is here, on the server, from the account as
// the session reads it now (its organization and role); every change is audited with its
// organization, in the store's transaction that makes it.
import type { z } from 'zod';
import { say } from '../../shared/messages/say.js';
import {
  COWORKER_INVITATION_DAYS,
  type AuditQuery,
  type CoworkerInvitationView,
  type OrganizationMembership,
  type OrganizationView,
  type PartnerIdRequestView,
  type PartnerIdProposalQuery,
} from '../../shared/portal/organizations.js';
import type { PortalRouteName } from '../../shared/portal/api.js';
import { freePartnerId, proposePartnerId } from '../../shared/portal/partner-id.js';
import { newLinkToken, sha256 } from '../auth/tokens.js';
import type { PortalHandlers } from '../http/bind-routes.js';
import { PortalHttpError, invalid } from '../http/errors.js';
import { coworkerInvitationMail, invitationLink, partnerIdDecisionMail, partnerIdRequestMail } from '../mail/organization-mail.js';
import type { CoworkerInvitationRow, OrganizationRow, PartnerIdRequestRow } from '../store/organization-store.js';
import type { AccountRow, PortalStore } from '../store/store.js';
import { chargeInvitationMail } from './invitation-limits.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Public look-ups (Partner ID proposals, invitation links) per minute, from one address and from everyone. */
const LOOKUPS_PER_MINUTE_PER_ADDRESS = 60;
const LOOKUPS_PER_MINUTE = 600;

type InvitationLinkRow = { invitation: CoworkerInvitationRow; organization: OrganizationRow };

/**
 * Refuses a co-worker invitation link that no longer works, saying why: unknown (never one, or
 * replaced by a newer link: 404), accepted, revoked or expired (409).
 */
export function refuseClosedInvitation(link: InvitationLinkRow | null, now: string): asserts link is InvitationLinkRow {
  if (!link) throw new PortalHttpError('not_found', say('organizations.invitationUnknown'));
  const { invitation } = link;
  if (invitation.acceptedAt) throw new PortalHttpError('conflict', say('organizations.invitationUsed'));
  if (invitation.revokedAt) throw new PortalHttpError('conflict', say('organizations.invitationRevoked'));
  if (invitation.expiresAt <= now) throw new PortalHttpError('conflict', say('organizations.invitationExpired', { date: invitation.expiresAt.slice(0, 10) }));
}

const membership = (organization: OrganizationRow, role: AccountRow['orgRole']): OrganizationMembership => ({
  id: organization.id,
  kind: organization.kind,
  name: organization.name,
  partnerId: organization.partnerId,
  role,
});

const requestView = (r: PartnerIdRequestRow): PartnerIdRequestView => ({ ...r });

export interface OrganizationServiceOptions {
  store: PortalStore;
  /** The portal's public address, for the links in mail (read when a link is made). */
  publicUrl: () => string;
  now?: () => number;
}

const notAdministrator = () => new PortalHttpError('forbidden', say('organizations.adminsOnly'));

export class OrganizationService {
  private readonly store: PortalStore;
  private readonly now: () => number;
  constructor(private readonly o: OrganizationServiceOptions) {
    this.store = o.store;
    this.now = o.now ?? Date.now;
  }

  private iso = () => new Date(this.now()).toISOString();

  /** Public look-ups are counted per address and overall, per minute (429 with Retry-After past the limit). */
  private async lookUp(address: string) {
    const limits = [
      { key: `lookup:address:${address}`, limit: LOOKUPS_PER_MINUTE_PER_ADDRESS, refusal: say('organizations.lookupsFromAddress') },
      { key: 'lookup:all', limit: LOOKUPS_PER_MINUTE, refusal: say('organizations.lookupsFromEveryone') },
    ];
    const now = this.now();
    const result = await this.store.chargeAttempt(limits, now - MINUTE_MS, now);
    if ('limited' in result) throw new PortalHttpError('rate_limited', limits.find((l) => l.key === result.limited)!.refusal, undefined, 60);
  }

  private async organizationOf(account: AccountRow): Promise<OrganizationRow> {
    const organization = await this.store.organization(account.organizationId);
    if (!organization) throw new PortalHttpError('internal', say('portal.internal'));
    return organization;
  }

  /** A first check from the session's account; the store checks the role again in the change's transaction. */
  private requireAdministrator(account: AccountRow) {
    if (account.orgRole !== 'administrator') throw notAdministrator();
  }

  /** The account's organization and its role there (AccountView.org). */
  async membership(account: AccountRow): Promise<OrganizationMembership> {
    return membership(await this.organizationOf(account), account.orgRole);
  }

  async view(account: AccountRow): Promise<OrganizationView> {
    const organization = await this.organizationOf(account);
    const [members, pending] = await Promise.all([this.store.members(organization.id), this.store.pendingPartnerIdRequest(organization.id)]);
    return { ...membership(organization, account.orgRole), members, pendingPartnerIdRequest: pending ? requestView(pending) : null };
  }

  /** What a name proposes (or a typed ID), and whether it is free; taken: the first free one after it. */
  async proposal(query: z.output<typeof PartnerIdProposalQuery>, address: string) {
    await this.lookUp(address);
    const partnerId = query.partnerId ?? proposePartnerId(query.name ?? '');
    if (!partnerId) return { partnerId: null, free: false, alternative: null, message: say('organizations.partnerIdNeeded') };
    const alternative = await this.proposalFree(partnerId);
    if (!alternative) return { partnerId, free: true, alternative: null, message: say('organizations.partnerIdFree', { partnerId }) };
    return { partnerId, free: false, alternative, message: say('organizations.partnerIdTaken', { partnerId, free: alternative }) };
  }

  // Members.

  async setRole(caller: AccountRow, accountId: number, role: AccountRow['orgRole']): Promise<OrganizationView> {
    this.requireAdministrator(caller);
    const result = await this.store.setMemberRole({ organizationId: caller.organizationId, accountId, role, actorId: caller.id }, this.iso());
    if (result === 'not-administrator') throw notAdministrator();
    if (result === 'not-member') throw new PortalHttpError('not_found', say('organizations.notMember', { id: accountId }));
    if (result === 'last-administrator') {
      const organization = await this.organizationOf(caller);
      throw new PortalHttpError('conflict', say('organizations.lastAdminDemote', { organization: organization.name }), [{ path: 'role', message: say('organizations.lastAdminDemote', { organization: organization.name }) }]);
    }
    // The caller may have changed their own role: the view says it as it is now.
    const now = await this.store.accountByEmail(caller.email);
    return this.view(now ?? caller);
  }

  async remove(caller: AccountRow, accountId: number): Promise<OrganizationView> {
    this.requireAdministrator(caller);
    if (accountId === caller.id) throw new PortalHttpError('invalid_input', say('organizations.removeSelf'), [{ path: 'accountId', message: say('organizations.removeSelf') }]);
    const result = await this.store.moveToOwnOrganization({ organizationId: caller.organizationId, accountId, actorId: caller.id, how: 'removed' }, this.iso());
    if (result === 'not-administrator') throw notAdministrator();
    if (result === 'not-member') throw new PortalHttpError('not_found', say('organizations.notMember', { id: accountId }));
    if (result === 'last-administrator') {
      const organization = await this.organizationOf(caller);
      throw new PortalHttpError('conflict', say('organizations.lastAdminDemote', { organization: organization.name }));
    }
    return this.view(caller);
  }

  async leave(caller: AccountRow) {
    const from = await this.organizationOf(caller);
    const result = await this.store.moveToOwnOrganization({ organizationId: caller.organizationId, accountId: caller.id, actorId: caller.id, how: 'left' }, this.iso());
    // Only if the account moved since its session was read (a race with another request).
    if (result === 'not-member') throw new PortalHttpError('conflict', say('organizations.notMember', { id: caller.id }));
    if (result === 'last-administrator') throw new PortalHttpError('conflict', say('organizations.lastAdminLeave', { organization: from.name }));
    // Only a removal is checked for the actor's role: never the case here.
    if (result === 'not-administrator') throw notAdministrator();
    return { message: say('organizations.left', { organization: from.name, name: result.organization.name }), organization: membership(result.organization, 'administrator') };
  }

  // Co-workers.

  private invitationView = (i: CoworkerInvitationRow): CoworkerInvitationView => ({
    id: i.id,
    email: i.email,
    invitedBy: i.invitedBy,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    sentCount: i.sentCount,
    expired: i.expiresAt <= this.iso(),
  });

  private sent(invitation: CoworkerInvitationRow) {
    return { title: say('organizations.invitationSentTitle'), message: say('organizations.invitationSent'), invitation: this.invitationView(invitation) };
  }

  async invite(caller: AccountRow, email: string) {
    this.requireAdministrator(caller);
    const organization = await this.organizationOf(caller);
    await chargeInvitationMail(this.store, organization.id, email, this.now());
    const token = newLinkToken();
    const now = this.iso();
    const expiresAt = new Date(this.now() + COWORKER_INVITATION_DAYS * DAY_MS).toISOString();
    const result = await this.store.createCoworkerInvitation(
      { organizationId: organization.id, email, tokenHash: sha256(token), invitedBy: caller.id, expiresAt },
      () => coworkerInvitationMail(organization, caller, email, invitationLink(this.o.publicUrl(), token), expiresAt),
      now,
    );
    if (result === 'not-administrator') throw notAdministrator();
    if (result === 'member') throw new PortalHttpError('conflict', say('organizations.alreadyMember'), [{ path: 'email', message: say('organizations.alreadyMember') }]);
    if (result === 'invited') throw new PortalHttpError('conflict', say('organizations.alreadyInvited'), [{ path: 'email', message: say('organizations.alreadyInvited') }]);
    return this.sent(result);
  }

  async invitations(caller: AccountRow) {
    this.requireAdministrator(caller);
    return (await this.store.coworkerInvitations(caller.organizationId)).map(this.invitationView);
  }

  async resend(caller: AccountRow, invitationId: number) {
    this.requireAdministrator(caller);
    const organization = await this.organizationOf(caller);
    const token = newLinkToken();
    const expiresAt = new Date(this.now() + COWORKER_INVITATION_DAYS * DAY_MS).toISOString();
    const open = (await this.store.coworkerInvitations(organization.id)).find((i) => i.id === invitationId);
    if (open) await chargeInvitationMail(this.store, organization.id, open.email, this.now());
    const result = await this.store.resendCoworkerInvitation(
      { organizationId: organization.id, invitationId, tokenHash: sha256(token), expiresAt, actorId: caller.id },
      (invitation) => coworkerInvitationMail(organization, caller, invitation.email, invitationLink(this.o.publicUrl(), token), expiresAt),
      this.iso(),
    );
    if (result === 'not-administrator') throw notAdministrator();
    if (!result) throw new PortalHttpError('not_found', say('organizations.invitationNotOpen', { id: invitationId }));
    return this.sent(result);
  }

  async revoke(caller: AccountRow, invitationId: number) {
    this.requireAdministrator(caller);
    const result = await this.store.revokeCoworkerInvitation({ organizationId: caller.organizationId, invitationId, actorId: caller.id }, this.iso());
    if (result === 'not-administrator') throw notAdministrator();
    if (!result) throw new PortalHttpError('not_found', say('organizations.invitationNotOpen', { id: invitationId }));
    return { message: say('organizations.invitationWithdrawn', { email: result.email }) };
  }

  /** What a link stands for, for the page that opens it (public, counted per address). */
  async invitationLink(token: string, address: string) {
    await this.lookUp(address);
    const link = await this.store.coworkerInvitationByToken(sha256(token));
    refuseClosedInvitation(link, this.iso());
    return {
      organizationName: link.organization.name,
      organizationKind: link.organization.kind,
      email: link.invitation.email,
      expiresAt: link.invitation.expiresAt,
      invitedBy: link.invitation.invitedBy?.name ?? '',
    };
  }

  /** An existing account joins through the link: the invited address, alone in an organization that holds nothing. */
  async accept(caller: AccountRow, token: string) {
    const tokenHash = sha256(token);
    const link = await this.store.coworkerInvitationByToken(tokenHash);
    refuseClosedInvitation(link, this.iso());
    const forOther = () => new PortalHttpError('forbidden', say('organizations.invitationForOther', { invited: link.invitation.email, email: caller.email }));
    if (link.invitation.email.toLowerCase() !== caller.email.toLowerCase()) throw forOther();
    const result = await this.store.joinByInvitation({ invitationId: link.invitation.id, accountId: caller.id }, this.iso());
    if (result === 'closed') {
      refuseClosedInvitation(await this.store.coworkerInvitationByToken(tokenHash), this.iso());
      throw new PortalHttpError('not_found', say('organizations.invitationUnknown'));
    }
    if (result === 'other-address') throw forOther();
    if (result === 'same-organization') throw new PortalHttpError('conflict', say('organizations.memberAlready', { organization: link.organization.name }));
    if ('notAlone' in result) throw new PortalHttpError('conflict', say('organizations.leaveFirst', { organization: result.notAlone.name }));
    return { message: say('organizations.joined', { organization: result.organization.name }), organization: membership(result.organization, 'member') };
  }

  // Partner IDs.

  async requestPartnerId(caller: AccountRow, requestedId: string, reason: string) {
    const organization = await this.organizationOf(caller);
    if (organization.kind !== 'partner') throw new PortalHttpError('forbidden', say('organizations.partnersOnlyHaveId'));
    this.requireAdministrator(caller);
    const result = await this.store.createPartnerIdRequest({ organizationId: organization.id, requestedId, reason, requestedBy: caller.id }, partnerIdRequestMail, this.iso());
    if (result === 'same') throw invalid(say('organizations.partnerIdSame'), [{ path: 'partnerId', message: say('organizations.partnerIdSame') }]);
    if (result === 'taken') {
      const free = (await this.proposalFree(requestedId)) ?? requestedId;
      throw new PortalHttpError('conflict', say('organizations.partnerIdTaken', { partnerId: requestedId, free }), [{ path: 'partnerId', message: say('organizations.partnerIdTakenIssue', { free }) }]);
    }
    if (result === 'pending') {
      const pending = await this.store.pendingPartnerIdRequest(organization.id);
      throw new PortalHttpError('conflict', say('organizations.requestPending', { partnerId: pending?.requestedId ?? requestedId }));
    }
    return requestView(result);
  }

  /** Null when the ID is free; else the first free one after it (looked up one at a time: a handful at most in practice). */
  private async proposalFree(partnerId: string): Promise<string | null> {
    const taken = new Set<string>();
    let candidate = partnerId;
    while (await this.store.partnerIdTaken(candidate)) {
      taken.add(candidate);
      candidate = freePartnerId(partnerId, (id) => taken.has(id));
    }
    return candidate === partnerId ? null : candidate;
  }

  async requests(state: PartnerIdRequestRow['state']) {
    return (await this.store.partnerIdRequests(state)).map(requestView);
  }

  async decide(admin: AccountRow, requestId: number, approve: boolean, note: string) {
    const result = await this.store.decidePartnerIdRequest({ requestId, approve, adminId: admin.id, note }, partnerIdDecisionMail, this.iso());
    if (result === 'not-found') throw new PortalHttpError('not_found', say('organizations.requestNotFound', { id: requestId }));
    if (result === 'decided') throw new PortalHttpError('conflict', say('organizations.requestDecided'));
    if ('taken' in result) throw new PortalHttpError('conflict', say('organizations.approvalTaken', { partnerId: result.taken }));
    return requestView(result.request);
  }

  // Audit.

  async audit(caller: AccountRow, query: z.output<typeof AuditQuery>) {
    this.requireAdministrator(caller);
    const page = await this.store.organizationAudit(caller.organizationId, query.offset, query.limit);
    return { total: page.total, offset: query.offset, limit: query.limit, items: page.items };
  }
}

type OrganizationRoutes =
  | 'partnerIdProposal'
  | 'organization'
  | 'setMemberRole'
  | 'removeMember'
  | 'leaveOrganization'
  | 'inviteCoworker'
  | 'coworkerInvitations'
  | 'resendCoworkerInvitation'
  | 'revokeCoworkerInvitation'
  | 'coworkerInvitationLink'
  | 'acceptCoworkerInvitation'
  | 'requestPartnerId'
  | 'organizationAudit'
  | 'partnerIdRequests'
  | 'approvePartnerIdRequest'
  | 'rejectPartnerIdRequest';

/** The handlers of the organization routes (shared/portal/api.ts), for buildPortal. */
export function organizationHandlers(organizations: OrganizationService): Pick<PortalHandlers, OrganizationRoutes & PortalRouteName> {
  return {
    partnerIdProposal: async ({ query, address }) => organizations.proposal(query, address),
    organization: async ({ session }) => organizations.view(session.account),
    setMemberRole: async ({ session, params, body }) => organizations.setRole(session.account, params.accountId, body.role),
    removeMember: async ({ session, params }) => organizations.remove(session.account, params.accountId),
    leaveOrganization: async ({ session }) => organizations.leave(session.account),
    inviteCoworker: async ({ session, body }) => organizations.invite(session.account, body.email),
    coworkerInvitations: async ({ session }) => organizations.invitations(session.account),
    resendCoworkerInvitation: async ({ session, params }) => organizations.resend(session.account, params.invitationId),
    revokeCoworkerInvitation: async ({ session, params }) => organizations.revoke(session.account, params.invitationId),
    coworkerInvitationLink: async ({ params, address }) => organizations.invitationLink(params.token, address),
    acceptCoworkerInvitation: async ({ session, params }) => organizations.accept(session.account, params.token),
    requestPartnerId: async ({ session, body }) => organizations.requestPartnerId(session.account, body.partnerId, body.reason),
    organizationAudit: async ({ session, query }) => organizations.audit(session.account, query),
    partnerIdRequests: async ({ query }) => organizations.requests(query.state),
    approvePartnerIdRequest: async ({ session, params }) => organizations.decide(session.account, params.requestId, true, ''),
    rejectPartnerIdRequest: async ({ session, params, body }) => organizations.decide(session.account, params.requestId, false, body.note),
  };
}
