// The store's part for customers and partner access, API keys, licenses and credits
// (docs/partners.md). The SQLite engine is sqlite-partner-access.ts. Like the rest of PortalStore,
// every method is one unit of work (one transaction); nothing here is cached: partner access is
// read as it is on every request.
import type { AuditInput, MailInput } from './store.js';

export type OrganizationKind = 'partner' | 'customer' | 'branch';

/** An account's organization and its place in it, as the database says now. */
export interface Membership {
  accountId: number;
  organizationId: number;
  role: 'administrator' | 'member';
  kind: OrganizationKind;
  name: string;
  partnerId: string | null;
  portalAdmin: boolean;
}

export interface PartnerRow {
  organizationId: number;
  partnerId: string;
  name: string;
  /** The partner's first administrator (oldest account that is one); null if it has none. */
  contact: { name: string; email: string } | null;
}

/** A link between a customer and a partner, open or revoked. */
export interface PartnerAccessRow {
  customerOrgId: number;
  partnerOrgId: number;
  administrator: boolean;
  api: boolean;
  addedAt: string;
  updatedAt: string;
  revokedAt: string | null;
}

/** An open link, from the customer's side: with the partner's ID and name. */
export interface PartnerLinkRow extends PartnerAccessRow {
  partnerId: string;
  partnerName: string;
}

/** An open link, from the partner's side: with the customer's name and country, and its system count. */
export interface CustomerRow extends PartnerAccessRow {
  customerName: string;
  country: string;
  systems: number;
}

/**
 * A customer's system, as the read-only view needs it and no more: the store reads only these
 * columns and, of each server of the latest report, only these fields.
 */
export interface SharedSystemRow {
  registrationId: number;
  status: 'confirmed' | 'pending-consent';
  country: string;
  reportedAt: string | null;
  servers: { name: string; model: string | null; serialNumber: string | null; firmwareVersion: string | null; ipAddress: string | null }[];
}

/** A customer's system by System ID, for a partner with Administrator access. */
export interface AdministeredSystemRow {
  registrationId: number;
  systemId: string;
  siteName: string;
  status: 'confirmed' | 'pending-consent';
  updatedAt: string;
}

export interface ApiKeyRow {
  id: number;
  partnerOrgId: number;
  customerOrgId: number;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What a presented API key may read, checked as things are now. */
export type ApiKeyCheck =
  | { ok: true; key: ApiKeyRow }
  | { ok: false; reason: 'unknown' | 'revoked' | 'access-revoked' | 'api-off' };

export interface CustomerInvitationRow {
  id: number;
  partnerOrgId: number;
  organizationName: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
  contactEmail: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedOrgId: number | null;
  revokedAt: string | null;
}

/** A customer invitation found by its link, with the partner that sent it. */
export interface CustomerInvitationLinkRow extends CustomerInvitationRow {
  partnerId: string;
  partnerName: string;
}

/** An audit entry about an organization (audit_log.organization_id). */
export type OrgAudit = AuditInput & { organizationId: number };

export interface PartnerAccessStore {
  membershipOf(accountId: number): Promise<Membership | null>;
  partnerByPartnerId(partnerId: string): Promise<PartnerRow | null>;

  /**
   * Links a partner to a customer read-only, or reopens a revoked link read-only; an open link
   * stays as it is ('exists'). With its audit entries, atomically.
   */
  addPartner(
    input: { customerOrgId: number; partnerOrgId: number; accountId: number },
    audit: (outcome: 'added' | 'reopened') => OrgAudit[],
    now: string,
  ): Promise<{ outcome: 'added' | 'reopened' | 'exists'; link: PartnerLinkRow }>;
  /** A customer's open links, oldest first. */
  partnerLinks(customerOrgId: number): Promise<PartnerLinkRow[]>;
  /** The open link between them, as it is now; null when there is none (never made, or revoked). */
  openLink(customerOrgId: number, partnerOrgId: number): Promise<PartnerAccessRow | null>;
  /**
   * Sets an open link's flags; turning API access off revokes the pair's API keys. Null when the
   * link is not open. With its audit entry (made from the flags before), atomically.
   */
  setPartnerAccess(
    input: { customerOrgId: number; partnerOrgId: number; administrator: boolean; api: boolean },
    audit: (before: PartnerAccessRow, keysRevoked: number) => OrgAudit[],
    now: string,
  ): Promise<{ before: PartnerAccessRow; after: PartnerLinkRow } | null>;
  /** Revokes an open link and the pair's API keys; null when it was not open. */
  revokePartner(input: { customerOrgId: number; partnerOrgId: number }, audit: (keysRevoked: number) => OrgAudit[], now: string): Promise<{ keysRevoked: number } | null>;

  /** A partner's customers with an open link, oldest link first. */
  customersOf(partnerOrgId: number): Promise<CustomerRow[]>;
  /** The customer's name, for the read-only view's heading. */
  organizationName(organizationId: number): Promise<string | null>;
  /** The systems whose end user belongs to the customer, by registration id. */
  sharedSystems(customerOrgId: number): Promise<SharedSystemRow[]>;
  administeredSystems(customerOrgId: number): Promise<AdministeredSystemRow[]>;
  /** Whether the registration a System ID (current or replaced) belongs to has its end user in the customer organization. */
  isCustomerSystem(customerOrgId: number, systemId: string): Promise<boolean>;
  /**
   * The end user account of the registration a System ID belongs to, when `accountId` is a member
   * of a partner organization with an open link with Administrator access to that end user's
   * (customer) organization; else null.
   */
  delegatedEndUser(accountId: number, systemId: string): Promise<number | null>;

  /**
   * Makes a key only if, in the same transaction, the link is open with API access and the account
   * is still an administrator of the partner organization; else null, and nothing is written (a
   * key made while access was being revoked would outlive the revocation).
   */
  createApiKey(input: { partnerOrgId: number; customerOrgId: number; keyHash: string; prefix: string; accountId: number }, audit: OrgAudit, now: string): Promise<ApiKeyRow | null>;
  apiKeysOf(partnerOrgId: number, customerOrgId: number): Promise<ApiKeyRow[]>;
  /** Null when the pair has no such key; a revoked one is returned as it is, not revoked again. */
  revokeApiKey(input: { id: number; partnerOrgId: number; customerOrgId: number }, audit: OrgAudit, now: string): Promise<{ key: ApiKeyRow; revokedNow: boolean } | null>;
  /** Checks a key by its hash against the key, its link and the link's API flag as they are now; a good key's use is recorded. */
  useApiKey(keyHash: string, now: string): Promise<ApiKeyCheck>;

  /**
   * Records a customer invitation and queues its mail, atomically; 'open-already' when the partner
   * has an open one to that address.
   */
  createCustomerInvitation(
    input: Omit<CustomerInvitationRow, 'id' | 'createdAt' | 'acceptedAt' | 'acceptedOrgId' | 'revokedAt'> & { tokenHash: string; accountId: number },
    mail: MailInput,
    audit: (id: number) => OrgAudit,
    now: string,
  ): Promise<CustomerInvitationRow | { openAlready: CustomerInvitationRow }>;
  customerInvitationsOf(partnerOrgId: number): Promise<CustomerInvitationRow[]>;
  /** Null when the partner has no such invitation; else the row as it was, and whether this call revoked it. */
  revokeCustomerInvitation(input: { id: number; partnerOrgId: number }, audit: OrgAudit, now: string): Promise<{ before: CustomerInvitationRow; revoked: boolean } | null>;
  customerInvitationByToken(tokenHash: string): Promise<CustomerInvitationLinkRow | null>;
  /**
   * Uses an invitation once: checked again inside the transaction (unused, not revoked, in time),
   * then the partner linked read-only (an open link is kept as it is, a revoked one reopened), the
   * organization named after the invitation when `rename` says so, with the audit entries.
   */
  acceptCustomerInvitation(
    input: { tokenHash: string; customerOrgId: number; accountId: number; rename: (current: { name: string; country: string }) => boolean },
    audit: (invitation: CustomerInvitationLinkRow, outcome: 'added' | 'reopened' | 'exists') => OrgAudit[],
    now: string,
  ): Promise<{ refused: 'unknown' | 'accepted' | 'revoked' | 'expired' } | { link: PartnerLinkRow; invitation: CustomerInvitationLinkRow; renamed: boolean }>;
}
