// The rows of partner access, API keys and customer invitations, as both engines read them, and the
// store's objects they become (partner-access-store.ts). Access's flags are 0/1 on SQLite and
// booleans on PostgreSQL (`Flag`).
import type { Flag } from './accounts-systems.js';
import type { AdministeredSystemRow, ApiKeyRow, CustomerInvitationLinkRow, CustomerInvitationRow, CustomerRow, PartnerAccessRow, PartnerLinkRow, SharedSystemRow } from '../partner-access-store.js';

export interface AccessDbRow {
  customer_org_id: number;
  partner_org_id: number;
  administrator: Flag;
  api: Flag;
  added_at: string;
  updated_at: string;
  revoked_at: string | null;
}

export const toAccess = (r: AccessDbRow): PartnerAccessRow => ({
  customerOrgId: r.customer_org_id,
  partnerOrgId: r.partner_org_id,
  administrator: Boolean(r.administrator),
  api: Boolean(r.api),
  addedAt: r.added_at,
  updatedAt: r.updated_at,
  revokedAt: r.revoked_at,
});

export interface ApiKeyDbRow {
  id: number;
  partner_org_id: number;
  customer_org_id: number;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export const toApiKey = (r: ApiKeyDbRow): ApiKeyRow => ({
  id: r.id,
  partnerOrgId: r.partner_org_id,
  customerOrgId: r.customer_org_id,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export interface InvitationDbRow {
  id: number;
  partner_org_id: number;
  organization_name: string;
  street: string;
  city: string;
  postal_code: string;
  country: string;
  contact_email: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_org_id: number | null;
  revoked_at: string | null;
}

export const toInvitation = (r: InvitationDbRow): CustomerInvitationRow => ({
  id: r.id,
  partnerOrgId: r.partner_org_id,
  organizationName: r.organization_name,
  street: r.street,
  city: r.city,
  postalCode: r.postal_code,
  country: r.country,
  contactEmail: r.contact_email,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at,
  acceptedOrgId: r.accepted_org_id,
  revokedAt: r.revoked_at,
});

export type LinkDbRow = AccessDbRow & { partner_id: string; partner_name: string };
export const toLink = (r: LinkDbRow): PartnerLinkRow => ({ ...toAccess(r), partnerId: r.partner_id, partnerName: r.partner_name });
export type InvitationLinkDbRow = InvitationDbRow & { partner_id: string; partner_name: string };
export const toInvitationLink = (r: InvitationLinkDbRow): CustomerInvitationLinkRow => ({ ...toInvitation(r), partnerId: r.partner_id, partnerName: r.partner_name });
export type CustomerDbRow = AccessDbRow & { customer_name: string; country: string; systems: number };
export const toCustomer = (r: CustomerDbRow): CustomerRow => ({ ...toAccess(r), customerName: r.customer_name, country: r.country, systems: r.systems });

/** One server of a customer's system in the read-only view, a row per server (none: a system without a report). */
export interface SharedServerDbRow {
  registration_id: number;
  status: SharedSystemRow['status'];
  country: string;
  reported_at: string | null;
  server_index: number | null;
  name: string | null;
  model: string | null;
  serial_number: string | null;
  firmware_version: string | null;
  ip_address: string | null;
}

/** The rows, ordered by system then server, grouped into systems with their servers. */
export function toSharedSystems(rows: SharedServerDbRow[]): SharedSystemRow[] {
  const systems = new Map<number, SharedSystemRow>();
  for (const r of rows) {
    let system = systems.get(r.registration_id);
    if (!system) {
      system = { registrationId: r.registration_id, status: r.status, country: r.country, reportedAt: r.reported_at, servers: [] };
      systems.set(r.registration_id, system);
    }
    if (r.server_index !== null) {
      system.servers.push({ name: r.name ?? '', model: r.model, serialNumber: r.serial_number, firmwareVersion: r.firmware_version, ipAddress: r.ip_address });
    }
  }
  return [...systems.values()];
}

export interface AdministeredDbRow {
  registration_id: number;
  system_id: string;
  site_name: string;
  status: AdministeredSystemRow['status'];
  updated_at: string;
}
export const toAdministered = (r: AdministeredDbRow): AdministeredSystemRow => ({ registrationId: r.registration_id, systemId: r.system_id, siteName: r.site_name, status: r.status, updatedAt: r.updated_at });
