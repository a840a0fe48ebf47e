// Customers and partner access (docs/partners.md): a customer organization's administrators add
// partners (by Partner ID or by accepting a partner's invitation), grant them Administrator and
// API device data access and revoke any of it; a partner's people see their customers, each
// customer's systems in the read-only view, and with Administrator access the full registration,
// editable as the system's integrator (RegistrationService's own check); with API access a partner
// administrator makes API keys that read the same view.
//
// Every rule is checked here on every request against the database as it is then: the caller's
// organization and role (accounts), and the link (partner_access). Nothing is cached, so a revoked
// partner is refused on its very next request. Every change is audited with the organization it
// concerns: the customer's for access changes, the partner's for its own actions.
import crypto from 'node:crypto';
import { say } from '../../shared/messages/say.js';
import { maskIpAddress } from '../../shared/node/ip-mask.js';
import {
  AdministeredSystem,
  ApiKeyView,
  CustomerInvitationLink,
  CustomerInvitationView,
  CustomerView,
  NewApiKey,
  PartnerFound,
  PartnerLink,
  SERVER_MAKE,
  SharedSystems,
  type AccessInput,
  type CustomerInvitationInput,
} from '../../shared/portal/partner-access.js';
import type { RegisterInput, RegistrationView } from '../../shared/portal/systems.js';
import { newLinkToken, sha256 } from '../auth/tokens.js';
import { PortalHttpError } from '../http/errors.js';
import { customerAcceptLink, customerInvitationMail } from '../mail/customer-invitation.js';
import type { ApiKeyRow, CustomerInvitationRow, Membership, PartnerLinkRow, SharedSystemRow } from '../store/partner-access-store.js';
import type { PortalStore, SessionRow } from '../store/store.js';
import type { RegistrationService } from './registration-service.js';
import { chargeInvitationMail } from './invitation-limits.js';
import { customerMember, partnerMember } from './membership.js';

const INVITATION_DAYS = 30;
const DAY = 86_400_000;
const HOUR = 3_600_000;
export const PARTNER_LOOKUPS_PER_HOUR = 30;

/** What an API key may read: one customer's read-only view, for one partner. */
export interface ApiKeyGrant {
  keyId: number;
  partnerOrgId: number;
  customerOrgId: number;
}

/** `bmsk_` + 8 letters or digits (the prefix, shown in lists) + `_` + 32 random bytes in base64url. */
const API_KEY = /^bmsk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;
const PREFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newApiKey(): { key: string; prefix: string } {
  const prefix = `bmsk_${Array.from({ length: 8 }, () => PREFIX_ALPHABET[crypto.randomInt(PREFIX_ALPHABET.length)]).join('')}`;
  return { key: `${prefix}_${crypto.randomBytes(32).toString('base64url')}`, prefix };
}

const linkView = (l: PartnerLinkRow): PartnerLink =>
  PartnerLink.parse({ partnerId: l.partnerId, name: l.partnerName, administrator: l.administrator, api: l.api, addedAt: l.addedAt, updatedAt: l.updatedAt });

const keyView = (k: ApiKeyRow): ApiKeyView => ApiKeyView.parse({ id: k.id, prefix: k.prefix, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt });

function invitationState(i: CustomerInvitationRow, now: string): CustomerInvitationView['state'] {
  if (i.acceptedAt !== null) return 'accepted';
  if (i.revokedAt !== null) return 'revoked';
  return i.expiresAt <= now ? 'expired' : 'open';
}

/**
 * The read-only view (docs/partners.md, What read-only shares), made field by field from the rows
 * the store read for it and checked against its strict schema: per system its registration status
 * and country, per server of the latest report its name, make, model, serial number, firmware
 * version and masked IP address. Never a fuller view with fields taken out.
 */
export function sharedView(customerId: number, name: string, rows: SharedSystemRow[]): SharedSystems {
  return SharedSystems.parse({
    customerId,
    name,
    systems: rows.map((row) => ({
      registrationId: row.registrationId,
      status: row.status,
      country: row.country,
      reportedAt: row.reportedAt,
      servers: row.servers.map((server) => ({
        name: server.name,
        make: SERVER_MAKE,
        model: server.model,
        serialNumber: server.serialNumber,
        firmwareVersion: server.firmwareVersion,
        ipAddress: maskIpAddress(server.ipAddress),
      })),
    })),
  });
}

export class PartnerAccessService {
  constructor(
    private readonly store: PortalStore,
    private readonly registrations: RegistrationService,
    /** The portal's public address, for the links in mail (read when a link is made). */
    private readonly publicUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  private iso = () => new Date(this.now()).toISOString();

  private customer = (session: SessionRow, administrator: boolean) => customerMember(this.store, session, administrator);
  private partner = (session: SessionRow, administrator: boolean) => partnerMember(this.store, session, administrator);

  /** The open link between the partner and the customer, as it is now; refused when there is none. */
  private async link(partner: Membership, customerId: number) {
    const link = await this.store.openLink(customerId, partner.organizationId);
    if (!link) throw new PortalHttpError('forbidden', say('partners.notYourCustomer'));
    return link;
  }

  private async partnerOrRefuse(partnerId: string) {
    const found = await this.store.partnerByPartnerId(partnerId);
    if (!found) throw new PortalHttpError('not_found', say('partners.partnerNotFound', { partnerId }));
    return found;
  }

  // The customer's side.

  /**
   * Find shows a partner's contact person: bounded per customer organization, counted in the
   * database, so a flood of sign-ups cannot harvest partners' contacts by trying Partner IDs.
   */
  async findPartner(session: SessionRow, partnerId: string): Promise<PartnerFound> {
    const customer = await this.customer(session, true);
    const key = `partner-lookup:organization:${customer.organizationId}`;
    const now = this.now();
    const charged = await this.store.chargeAttempt([{ key, limit: PARTNER_LOOKUPS_PER_HOUR }], now - HOUR, now);
    if ('limited' in charged) throw new PortalHttpError('rate_limited', say('partners.lookupsLimited', { count: PARTNER_LOOKUPS_PER_HOUR }), undefined, 3600);
    const found = await this.partnerOrRefuse(partnerId);
    return PartnerFound.parse({ partnerId: found.partnerId, name: found.name, contact: found.contact && { name: found.contact.name, email: found.contact.email } });
  }

  /** Links the partner read-only; a revoked link is reopened read-only; an open one is refused as there already. */
  async addPartner(session: SessionRow, partnerId: string): Promise<PartnerLink> {
    const customer = await this.customer(session, true);
    const partner = await this.partnerOrRefuse(partnerId);
    const { outcome, link } = await this.store.addPartner(
      { customerOrgId: customer.organizationId, partnerOrgId: partner.organizationId, accountId: session.account.id },
      (done) => [
        { organizationId: customer.organizationId, accountId: session.account.id, action: 'partner.added', detail: { partnerId, via: 'partner-id', reopened: done === 'reopened' } },
        // The partner's log names the customer organization, never its person (accountId null).
        { organizationId: partner.organizationId, accountId: null, action: 'customer.added', detail: { customerId: customer.organizationId, customer: customer.name, via: 'partner-id' } },
      ],
      this.iso(),
    );
    if (outcome === 'exists') throw new PortalHttpError('conflict', say('partners.partnerAlready', { name: partner.name, partnerId }));
    return linkView(link);
  }

  async listPartners(session: SessionRow): Promise<PartnerLink[]> {
    const customer = await this.customer(session, false);
    return (await this.store.partnerLinks(customer.organizationId)).map(linkView);
  }

  async setAccess(session: SessionRow, partnerId: string, access: AccessInput): Promise<PartnerLink> {
    const customer = await this.customer(session, true);
    const partner = await this.partnerOrRefuse(partnerId);
    const changed = await this.store.setPartnerAccess(
      { customerOrgId: customer.organizationId, partnerOrgId: partner.organizationId, ...access },
      (before, keysRevoked) => [
        {
          organizationId: customer.organizationId,
          accountId: session.account.id,
          action: 'partner.access-changed',
          detail: { partnerId, administrator: access.administrator, api: access.api, before: { administrator: before.administrator, api: before.api }, apiKeysRevoked: keysRevoked },
        },
      ],
      this.iso(),
    );
    if (!changed) throw new PortalHttpError('not_found', say('partners.notYourPartner', { partnerId }));
    return linkView(changed.after);
  }

  /** Revokes the whole link, and the partner's API keys for this customer with it. */
  async revokePartner(session: SessionRow, partnerId: string): Promise<{ done: true }> {
    const customer = await this.customer(session, true);
    const partner = await this.partnerOrRefuse(partnerId);
    const revoked = await this.store.revokePartner(
      { customerOrgId: customer.organizationId, partnerOrgId: partner.organizationId },
      (keysRevoked) => [{ organizationId: customer.organizationId, accountId: session.account.id, action: 'partner.revoked', detail: { partnerId, apiKeysRevoked: keysRevoked } }],
      this.iso(),
    );
    if (!revoked) throw new PortalHttpError('not_found', say('partners.notYourPartner', { partnerId }));
    return { done: true };
  }

  // The partner's side.

  async listCustomers(session: SessionRow): Promise<CustomerView[]> {
    const partner = await this.partner(session, false);
    return (await this.store.customersOf(partner.organizationId)).map((c) =>
      CustomerView.parse({ customerId: c.customerOrgId, name: c.customerName, country: c.country, administrator: c.administrator, api: c.api, addedAt: c.addedAt, systems: c.systems }),
    );
  }

  private async shared(customerId: number): Promise<SharedSystems> {
    const [name, rows] = await Promise.all([this.store.organizationName(customerId), this.store.sharedSystems(customerId)]);
    return sharedView(customerId, name ?? '', rows);
  }

  /** The read-only view of a customer that gave the caller's organization access (any level). */
  async customerSystems(session: SessionRow, customerId: number): Promise<SharedSystems> {
    const partner = await this.partner(session, false);
    await this.link(partner, customerId);
    return this.shared(customerId);
  }

  /** With Administrator access: the link's flag, as it is now. */
  private async administrator(session: SessionRow, customerId: number) {
    const partner = await this.partner(session, false);
    const link = await this.link(partner, customerId);
    if (!link.administrator) throw new PortalHttpError('forbidden', say('partners.administratorAccessNeeded'));
    return partner;
  }

  async customerRegistrations(session: SessionRow, customerId: number) {
    await this.administrator(session, customerId);
    return (await this.store.administeredSystems(customerId)).map((s) => AdministeredSystem.parse(s));
  }

  /** A system of this customer (its end user belongs to the customer organization), else 404. */
  private async customerSystem(customerId: number, systemId: string) {
    if (!(await this.store.isCustomerSystem(customerId, systemId))) throw new PortalHttpError('not_found', say('partners.notCustomerSystem', { systemId }));
  }

  /** The full registration: RegistrationService checks Administrator access again, as it does for every caller. */
  async registration(session: SessionRow, customerId: number, systemId: string): Promise<RegistrationView> {
    await this.administrator(session, customerId);
    await this.customerSystem(customerId, systemId);
    return this.registrations.get(systemId, session.account);
  }

  async editRegistration(session: SessionRow, customerId: number, systemId: string, input: RegisterInput): Promise<RegistrationView> {
    await this.administrator(session, customerId);
    await this.customerSystem(customerId, systemId);
    return this.registrations.register(systemId, input, session.account);
  }

  // API keys.

  private async apiPartner(session: SessionRow, customerId: number, administrator: boolean) {
    const partner = await this.partner(session, administrator);
    const link = await this.link(partner, customerId);
    if (!link.api) throw new PortalHttpError('forbidden', say('partners.apiAccessNeeded'));
    return partner;
  }

  async createApiKey(session: SessionRow, customerId: number) {
    const partner = await this.apiPartner(session, customerId, true);
    const { key, prefix } = newApiKey();
    const row = await this.store.createApiKey(
      { partnerOrgId: partner.organizationId, customerOrgId: customerId, keyHash: sha256(key), prefix, accountId: session.account.id },
      { organizationId: partner.organizationId, accountId: session.account.id, action: 'api-key.created', detail: { customerId, prefix } },
      this.iso(),
    );
    if (!row) {
      // Access or role changed since the check above: the refusal says which, as it is now.
      await this.apiPartner(session, customerId, true);
      throw new PortalHttpError('conflict', say('partners.accessChangedRetry'));
    }
    return NewApiKey.parse({ ...keyView(row), key });
  }

  async listApiKeys(session: SessionRow, customerId: number): Promise<ApiKeyView[]> {
    const partner = await this.partner(session, false);
    await this.link(partner, customerId);
    return (await this.store.apiKeysOf(partner.organizationId, customerId)).map(keyView);
  }

  async revokeApiKey(session: SessionRow, customerId: number, keyId: number): Promise<{ done: true }> {
    const partner = await this.partner(session, true);
    await this.link(partner, customerId);
    const result = await this.store.revokeApiKey(
      { id: keyId, partnerOrgId: partner.organizationId, customerOrgId: customerId },
      { organizationId: partner.organizationId, accountId: session.account.id, action: 'api-key.revoked', detail: { customerId, keyId } },
      this.iso(),
    );
    if (!result) throw new PortalHttpError('not_found', say('partners.apiKeyNotFound', { id: keyId }));
    if (!result.revokedNow) throw new PortalHttpError('conflict', say('partners.apiKeyRevokedAlready', { prefix: result.key.prefix }));
    return { done: true };
  }

  /**
   * The bearer of an API key: known, not revoked, its link open and its API flag on, all as they
   * are now (one read per request). Unknown or revoked keys: 401; access taken back: 403.
   */
  async apiKey(token: string | undefined): Promise<ApiKeyGrant> {
    if (!token) throw new PortalHttpError('unauthorized', say('partners.apiKeyMissing'));
    if (!API_KEY.test(token)) throw new PortalHttpError('unauthorized', say('partners.apiKeyInvalid'));
    const check = await this.store.useApiKey(sha256(token), this.iso());
    if (!check.ok) {
      if (check.reason === 'access-revoked') throw new PortalHttpError('forbidden', say('partners.apiKeyAccessRevoked'));
      if (check.reason === 'api-off') throw new PortalHttpError('forbidden', say('partners.apiKeyApiOff'));
      throw new PortalHttpError('unauthorized', say('partners.apiKeyInvalid'));
    }
    return { keyId: check.key.id, partnerOrgId: check.key.partnerOrgId, customerOrgId: check.key.customerOrgId };
  }

  async deviceData(grant: ApiKeyGrant): Promise<SharedSystems> {
    return this.shared(grant.customerOrgId);
  }

  // Customer invitations.

  async inviteCustomer(session: SessionRow, input: CustomerInvitationInput): Promise<CustomerInvitationView> {
    const partner = await this.partner(session, true);
    await chargeInvitationMail(this.store, partner.organizationId, input.contactEmail, this.now());
    const token = newLinkToken();
    const now = this.iso();
    const expiresAt = new Date(this.now() + INVITATION_DAYS * DAY).toISOString();
    const result = await this.store.createCustomerInvitation(
      { partnerOrgId: partner.organizationId, ...input, expiresAt, tokenHash: sha256(token), accountId: session.account.id },
      customerInvitationMail({
        contactEmail: input.contactEmail,
        organizationName: input.organizationName,
        partner: { name: partner.name, partnerId: partner.partnerId ?? '' },
        inviter: { name: session.account.name, email: session.account.email },
        link: customerAcceptLink(this.publicUrl(), token),
        expiresAt,
      }),
      (id) => ({
        organizationId: partner.organizationId,
        accountId: session.account.id,
        action: 'customer.invited',
        detail: { invitationId: id, organizationName: input.organizationName, contactEmail: input.contactEmail },
      }),
      now,
    );
    if ('openAlready' in result) {
      throw new PortalHttpError('conflict', say('partners.customerInvitedAlready', { email: input.contactEmail, date: result.openAlready.expiresAt.slice(0, 10) }), [
        { path: 'contactEmail', message: say('partners.customerInvitedAlreadyIssue') },
      ]);
    }
    return this.invitationView(result, now);
  }

  private invitationView(i: CustomerInvitationRow, now: string): CustomerInvitationView {
    return CustomerInvitationView.parse({
      id: i.id,
      organizationName: i.organizationName,
      street: i.street,
      city: i.city,
      postalCode: i.postalCode,
      country: i.country,
      contactEmail: i.contactEmail,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
      state: invitationState(i, now),
      acceptedAt: i.acceptedAt,
      revokedAt: i.revokedAt,
    });
  }

  async listCustomerInvitations(session: SessionRow): Promise<CustomerInvitationView[]> {
    const partner = await this.partner(session, false);
    const now = this.iso();
    return (await this.store.customerInvitationsOf(partner.organizationId)).map((i) => this.invitationView(i, now));
  }

  async revokeCustomerInvitation(session: SessionRow, invitationId: number): Promise<CustomerInvitationView> {
    const partner = await this.partner(session, true);
    const now = this.iso();
    const result = await this.store.revokeCustomerInvitation(
      { id: invitationId, partnerOrgId: partner.organizationId },
      { organizationId: partner.organizationId, accountId: session.account.id, action: 'customer.invitation-revoked', detail: { invitationId } },
      now,
    );
    if (!result) throw new PortalHttpError('not_found', say('partners.invitationNotFound', { id: invitationId }));
    if (!result.revoked) {
      throw new PortalHttpError('conflict', say(result.before.acceptedAt !== null ? 'partners.invitationAcceptedNoRevoke' : 'partners.invitationRevokedAlready'));
    }
    return this.invitationView({ ...result.before, revokedAt: now }, now);
  }

  /** What a link stands for, to anyone who has it; the invitation's details only while it is open. */
  async invitationByToken(token: string): Promise<CustomerInvitationLink> {
    const row = await this.store.customerInvitationByToken(sha256(token));
    if (!row) return { state: 'unknown', message: say('partners.invitationUnknown'), invitation: null };
    const state = invitationState(row, this.iso());
    if (state !== 'open') return { state, message: this.refusalText(state, row.expiresAt), invitation: null };
    return CustomerInvitationLink.parse({
      state,
      message: say('partners.invitationOpen', { partner: row.partnerName, date: row.expiresAt.slice(0, 10) }),
      invitation: { organizationName: row.organizationName, contactEmail: row.contactEmail, expiresAt: row.expiresAt, partner: { partnerId: row.partnerId, name: row.partnerName } },
    });
  }

  private refusalText(state: 'accepted' | 'expired' | 'revoked', expiresAt: string) {
    if (state === 'accepted') return say('partners.invitationUsed');
    if (state === 'revoked') return say('partners.invitationWithdrawn');
    return say('partners.invitationExpired', { date: expiresAt.slice(0, 10) });
  }

  /**
   * Accepts a customer invitation once: by an administrator of a customer organization whose
   * account has the invited address. The partner is linked read-only (an open link keeps its
   * access). The organization takes the invitation's name if it still has the name sign-up gave it
   * when no organization name was typed (its administrator's own name), and the invitation's
   * address if it has none.
   */
  async acceptInvitation(session: SessionRow, token: string): Promise<PartnerLink> {
    const tokenHash = sha256(token);
    const found = await this.store.customerInvitationByToken(tokenHash);
    if (!found) throw new PortalHttpError('not_found', say('partners.invitationUnknown'));
    const customer = await this.customer(session, true);
    if (found.contactEmail.toLowerCase() !== session.account.email.toLowerCase()) {
      throw new PortalHttpError('forbidden', say('partners.invitationForOther', { invited: found.contactEmail, email: session.account.email }));
    }
    let renamed = false;
    const result = await this.store.acceptCustomerInvitation(
      {
        tokenHash,
        customerOrgId: customer.organizationId,
        accountId: session.account.id,
        rename: (current) => {
          renamed = current.name === session.account.name;
          return renamed;
        },
      },
      (invitation, outcome) => [
        {
          organizationId: customer.organizationId,
          accountId: session.account.id,
          action: 'partner.added',
          detail: { partnerId: invitation.partnerId, via: 'invitation', invitationId: invitation.id, reopened: outcome === 'reopened', keptAccess: outcome === 'exists', renamed },
        },
        {
          // The partner's log names the customer organization, never its person (accountId null).
          organizationId: invitation.partnerOrgId,
          accountId: null,
          action: 'customer.invitation-accepted',
          detail: { invitationId: invitation.id, customerId: customer.organizationId },
        },
      ],
      this.iso(),
    );
    if ('refused' in result) {
      if (result.refused === 'unknown') throw new PortalHttpError('not_found', say('partners.invitationUnknown'));
      throw new PortalHttpError('conflict', this.refusalText(result.refused, found.expiresAt));
    }
    return linkView(result.link);
  }
}

