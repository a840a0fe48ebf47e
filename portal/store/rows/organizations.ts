// The rows of organizations, co-worker invitations and Partner ID requests, as both engines read
// them, and the store's objects they become (organization-store.ts).
import type { OrganizationKind } from '../../../shared/portal/organizations.js';
import type { CoworkerInvitationRow, OrganizationRow, PartnerIdRequestRow } from '../organization-store.js';

export interface OrganizationDbRow {
  id: number;
  kind: OrganizationKind;
  name: string;
  partner_id: string | null;
  created_at: string;
}

export interface InvitationDbRow {
  id: number;
  organization_id: number;
  email: string;
  inviter_name: string | null;
  inviter_email: string | null;
  created_at: string;
  expires_at: string;
  sent_count: number;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface RequestDbRow {
  id: number;
  organization_id: number;
  organization_name: string;
  current_id: string;
  requested_id: string;
  reason: string;
  requester_name: string | null;
  requester_email: string | null;
  requested_at: string;
  state: PartnerIdRequestRow['state'];
  decided_at: string | null;
  note: string;
}

export const toOrganization = (r: OrganizationDbRow): OrganizationRow => ({ id: r.id, kind: r.kind, name: r.name, partnerId: r.partner_id, createdAt: r.created_at });

export const person = (name: string | null, email: string | null) => (name !== null && email !== null ? { name, email } : null);

export const toInvitation = (r: InvitationDbRow): CoworkerInvitationRow => ({
  id: r.id,
  organizationId: r.organization_id,
  email: r.email,
  invitedBy: person(r.inviter_name, r.inviter_email),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  sentCount: r.sent_count,
  acceptedAt: r.accepted_at,
  revokedAt: r.revoked_at,
});

export const toRequest = (r: RequestDbRow): PartnerIdRequestRow => ({
  id: r.id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  currentId: r.current_id,
  requestedId: r.requested_id,
  reason: r.reason,
  requestedBy: person(r.requester_name, r.requester_email),
  requestedAt: r.requested_at,
  state: r.state,
  decidedAt: r.decided_at,
  note: r.note,
});
