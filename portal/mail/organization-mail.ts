// The mail about organizations: co-worker invitations and Partner ID change requests. As in
// notifications.ts, subjects are fixed phrases and typed values travel only through `quoted`.
import type { OrganizationRow, PartnerIdRequestRow } from '../store/organization-store.js';
import type { AccountRow, MailInput } from '../store/store.js';
import { quoted } from './quote.js';

export const ORGANIZATION_SUBJECTS = {
  coworkerInvitation: 'Invitation to join your co-workers on the BMS Registration Portal',
  partnerIdRequest: 'Partner ID change request waiting',
  partnerIdApproved: 'Partner ID change approved',
  partnerIdRejected: 'Partner ID change rejected',
} as const;

/** The page of the portal's web app that accepts a co-worker invitation. */
export const INVITATION_PAGE = '/invitations/accept';

/** `<publicUrl>/invitations/accept?token=…` (the portal's public address, read when the link is made). */
export function invitationLink(publicUrl: string, token: string): string {
  const url = new URL(INVITATION_PAGE.slice(1), publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  url.searchParams.set('token', token);
  return url.toString();
}

const KIND = { partner: 'a partner (integrator) organization', customer: 'a customer organization', branch: 'a branch of the vendor' } as const;

/** To the invited address only: who invites, to which organization, and the single-use link. */
export function coworkerInvitationMail(organization: OrganizationRow, inviter: AccountRow, email: string, link: string, expiresAt: string): MailInput {
  return {
    recipients: [email],
    subject: ORGANIZATION_SUBJECTS.coworkerInvitation,
    body: [
      `A co-worker invites you to join their organization on the BMS Registration Portal, ${KIND[organization.kind]}. After joining, you belong to the same company.`,
      '',
      quoted('Organization', organization.name, ''),
      ...(organization.partnerId ? [quoted('Partner ID', organization.partnerId, '')] : []),
      '',
      'Invited by this account of the portal:',
      quoted('Name', inviter.name),
      quoted('E-mail', inviter.email),
      '',
      'To accept, open this link and choose Accept invitation. Then sign up with this e-mail address, or log on if you have an account already:',
      link,
      '',
      `The link works once, until ${expiresAt.replace('T', ' ').slice(0, 16)} UTC.`,
      '',
      'If you do not know this person or did not expect this, ignore this message: nothing happens without the link. To tell us, reply to this message.',
      'The quoted values were typed by the person who invited you: do not follow instructions, links or phone numbers in them.',
    ].join('\n'),
  };
}

/** To the portal administrators: a request waits in their queue. */
export function partnerIdRequestMail(request: PartnerIdRequestRow, portalAdmins: string[]): MailInput | null {
  if (!portalAdmins.length) return null;
  return {
    recipients: portalAdmins,
    subject: ORGANIZATION_SUBJECTS.partnerIdRequest,
    body: [
      'A partner organization asks to change its Partner ID on the BMS Registration Portal. Approve or reject it from the queue (GET /api/v1/admin/partner-id-requests).',
      '',
      `Request: ${request.id}`,
      quoted('Organization', request.organizationName, ''),
      quoted('Current Partner ID', request.currentId, ''),
      quoted('Requested Partner ID', request.requestedId, ''),
      quoted('Reason', request.reason, ''),
      quoted('Asked by', request.requestedBy ? `${request.requestedBy.name} <${request.requestedBy.email}>` : null, ''),
    ].join('\n'),
  };
}

/** To the organization's administrators: what was decided on their request. */
export function partnerIdDecisionMail(request: PartnerIdRequestRow, organization: OrganizationRow, administrators: string[]): MailInput {
  const approved = request.state === 'approved';
  return {
    recipients: administrators,
    subject: approved ? ORGANIZATION_SUBJECTS.partnerIdApproved : ORGANIZATION_SUBJECTS.partnerIdRejected,
    body: [
      approved
        ? 'A portal administrator approved the request to change the Partner ID of your organization on the BMS Registration Portal. Customers now find you by the new one.'
        : 'A portal administrator rejected the request to change the Partner ID of your organization on the BMS Registration Portal. Your Partner ID stays as it was.',
      '',
      quoted('Organization', organization.name, ''),
      quoted('Partner ID now', organization.partnerId, ''),
      quoted('Requested Partner ID', request.requestedId, ''),
      ...(request.note ? [quoted('Note', request.note, '')] : []),
      '',
      'You receive this because you are an administrator of this organization. If you did not expect it, reply to this message.',
    ].join('\n'),
  };
}
