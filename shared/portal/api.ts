// The Registration Portal's HTTP API as one table: method, path, who may call it, and the schema
// of every part that crosses. The portal binds its handlers to this table (portal/http/), serves
// an OpenAPI document made from it, and the companion's portal client is typed from it.
import { z } from 'zod';
import { say } from '../messages/say.js';
import {
  AccountView,
  LogOnInput,
  MfaConfirmed,
  MfaConfirmInput,
  MfaEnrolment,
  PasswordChangeInput,
  SessionView,
  SignUpAnswer,
  SignUpInput,
  VerificationSent,
} from './accounts.js';
import { IssueCodeInput, IssuedCode } from './codes.js';
import { SystemInformation } from './information.js';
import { InventoryInput, InventoryView } from './inventory.js';
import { AssociateInput, AuditEntry, InviteInput, RegisterInput, RegistrationView, SystemAccess, SystemId, SystemListQuery, SystemPage } from './systems.js';
import * as Org from './organizations.js';
import * as Lic from './licenses.js';
import {
  AccessInput,
  AddPartnerInput,
  AdministeredSystem,
  ApiKeyParams,
  ApiKeyView,
  CustomerInvitationInput,
  CustomerInvitationLink,
  CustomerInvitationView,
  CustomerParams,
  CustomerView,
  InvitationParams,
  NewApiKey,
  PartnerFound,
  PartnerLink,
  PartnerParams,
  SharedSystems,
  TokenParams,
} from './partner-access.js';

/**
 * Who may call a route: anyone; any session, also one before MFA enrolment or e-mail verification
 * (log off, the account, its password, MFA, verification); a full session of a verified account
 * (the portal refuses `session` routes to an account whose e-mail is not verified, so a new route
 * cannot forget it); a partner's API key for one customer's device data (`api-key`: the bearer
 * token is a `bmsk_` key, checked with its link on every request; never a session); a portal
 * administrator's full session (`admin`: verified, MFA passed, `portal_admin` set; others get 403).
 */
export type RouteAuth = 'public' | 'enrolling' | 'session' | 'api-key' | 'admin';

export interface PortalRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  summary: string;
  auth: RouteAuth;
  params?: z.ZodType;
  /** The query string's parameters, each a string as it came. */
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status of a success; 200 unless said. */
  status?: number;
  /** The largest body accepted, in bytes; the portal's default (64 KiB) unless said. */
  bodyLimit?: number;
}

const SystemParams = z.strictObject({ systemId: SystemId });
const CountryParam = z
  .string()
  .max(2, { message: say('fields.countryCode'), abort: true })
  .regex(/^[A-Z]{2}$/, say('fields.countryCode'));
const StateParam = z
  .string()
  .max(10, { message: say('fields.stateCode'), abort: true })
  .regex(/^[A-Za-z0-9-]{1,10}$/, say('fields.stateCode'));
const Named = z.array(z.strictObject({ code: z.string(), name: z.string() }));
const Empty = z.strictObject({});
const Done = z.strictObject({ done: z.literal(true) });
/** Room for a report of INVENTORY_MAX_SERVERS servers, and for a request file that carries one. */
const MIB = 1024 * 1024;

export const portalRoutes = {
  health: {
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Whether the portal and its database answer',
    auth: 'public',
    response: z.strictObject({ status: z.literal('ok'), version: z.string(), database: z.string(), schema: z.number().int() }),
  },
  keys: {
    method: 'GET',
    path: '/api/v1/keys',
    summary: "The portal's public keys (raw, base64url): X25519 for Registration code tags, Ed25519 for signed tokens",
    auth: 'public',
    response: z.array(z.strictObject({ keyId: z.number().int(), x25519: z.string(), ed25519: z.string() })),
  },
  countries: {
    method: 'GET',
    path: '/api/v1/geo/countries',
    summary: 'Countries for the address fields (ISO 3166-1 codes)',
    auth: 'public',
    response: Named,
  },
  states: {
    method: 'GET',
    path: '/api/v1/geo/countries/:country/states',
    summary: 'States and provinces of a country (ISO 3166-2 codes); empty where the country has none',
    auth: 'public',
    params: z.strictObject({ country: CountryParam }),
    response: Named,
  },
  cities: {
    method: 'GET',
    path: '/api/v1/geo/countries/:country/states/:state/cities',
    summary: 'Cities of a state; empty where the data set lists none (any city is then accepted)',
    auth: 'public',
    params: z.strictObject({ country: CountryParam, state: StateParam }),
    response: z.array(z.string()),
  },
  signUp: {
    method: 'POST',
    path: '/api/v1/accounts',
    summary: 'Sign up: a Partner or End user account (Branch only where the portal allows it)',
    auth: 'public',
    body: SignUpInput,
    response: SignUpAnswer,
    status: 201,
  },
  logOn: {
    method: 'POST',
    path: '/api/v1/sessions',
    summary: 'Log on with e-mail, password and, once enrolled, an authenticator or recovery code',
    auth: 'public',
    body: LogOnInput,
    response: SessionView,
    status: 201,
  },
  logOff: {
    method: 'DELETE',
    path: '/api/v1/sessions/current',
    summary: 'Log off: this session can no longer be used',
    auth: 'enrolling',
    response: Done,
  },
  logOffEverywhere: {
    method: 'DELETE',
    path: '/api/v1/sessions',
    summary: 'Log off every session of this account',
    auth: 'enrolling',
    response: z.strictObject({ revoked: z.number().int() }),
  },
  // The portal's own web app (portal/web/): the session lives in an HttpOnly cookie, never in an
  // answer; every other method than GET carries the CSRF token in x-csrf-token (docs/partners.md).
  webLogOn: {
    method: 'POST',
    path: '/api/v1/web/log-on',
    summary: "Log on from the portal's web app: as logOn, but the session is set in the HttpOnly cookie portal_session, with the CSRF token in the answer",
    auth: 'public',
    body: LogOnInput,
    response: z.strictObject({ account: AccountView, expiresAt: z.string(), csrfToken: z.string() }),
    status: 201,
  },
  webSession: {
    method: 'GET',
    path: '/api/v1/web/session',
    summary: "The web app's session: its account, when it ends, and the CSRF token other requests than GET carry in x-csrf-token",
    auth: 'enrolling',
    response: z.strictObject({ account: AccountView, expiresAt: z.string(), csrfToken: z.string() }),
  },
  webLogOff: {
    method: 'POST',
    path: '/api/v1/web/log-off',
    summary: "Log off in the web app: the session ends and its cookie is cleared",
    auth: 'enrolling',
    body: Empty,
    response: Done,
  },
  me: {
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The account of this session',
    auth: 'enrolling',
    response: AccountView,
  },
  changePassword: {
    method: 'POST',
    path: '/api/v1/me/password',
    summary: 'Change the password; every other session is logged off',
    auth: 'enrolling',
    body: PasswordChangeInput,
    response: Done,
  },
  resendVerification: {
    method: 'POST',
    path: '/api/v1/me/verification',
    summary: "Send the link that verifies this account's e-mail address again (rate limited); the link it replaces stays valid until it expires",
    auth: 'enrolling',
    body: Empty,
    response: VerificationSent,
    status: 202,
  },
  mfaEnrol: {
    method: 'POST',
    path: '/api/v1/me/mfa',
    summary: 'Start TOTP enrolment: a secret and its QR code',
    auth: 'enrolling',
    body: Empty,
    response: MfaEnrolment,
  },
  mfaConfirm: {
    method: 'POST',
    path: '/api/v1/me/mfa/confirm',
    summary: 'Finish enrolment with a code from the app; returns one-time recovery codes',
    auth: 'enrolling',
    body: MfaConfirmInput,
    response: MfaConfirmed,
  },
  listSystems: {
    method: 'GET',
    path: '/api/v1/systems',
    summary: 'The systems this account is associated with: searched (q), sorted (sort, order) and one page at a time (offset, limit)',
    auth: 'session',
    query: SystemListQuery,
    response: SystemPage,
  },
  systemAccess: {
    method: 'GET',
    path: '/api/v1/systems/:systemId/access',
    summary: 'Whether this account may register or modify a System ID (Proceed or Cancel)',
    auth: 'session',
    params: SystemParams,
    response: SystemAccess,
  },
  getSystem: {
    method: 'GET',
    path: '/api/v1/systems/:systemId',
    summary: 'A registration, for its integrator and its end user',
    auth: 'session',
    params: SystemParams,
    response: RegistrationView,
  },
  registerSystem: {
    method: 'PUT',
    path: '/api/v1/systems/:systemId',
    summary: 'Register or modify a system by System ID (case-sensitive, exactly as typed)',
    auth: 'session',
    params: SystemParams,
    body: RegisterInput,
    response: RegistrationView,
  },
  associateSystemId: {
    method: 'POST',
    path: '/api/v1/systems/:systemId/associate',
    summary: 'Associate a new System ID (after a database wipe) with this registration',
    auth: 'session',
    params: SystemParams,
    body: AssociateInput,
    response: RegistrationView,
  },
  inviteToSystem: {
    method: 'POST',
    path: '/api/v1/systems/:systemId/invitations',
    summary: "Invite the account that may take the system's free place (its end user, or its integrator), for 30 days",
    auth: 'session',
    params: SystemParams,
    body: InviteInput,
    response: RegistrationView,
    status: 201,
  },
  reportInventory: {
    method: 'PUT',
    path: '/api/v1/systems/:systemId/inventory',
    summary: "The site's servers as the companion read them (the lead, whose System ID this is, and its shadows); replaces the last report; body up to 1 MiB",
    auth: 'session',
    params: SystemParams,
    body: InventoryInput,
    response: InventoryView,
    bodyLimit: MIB,
  },
  systemInformation: {
    method: 'GET',
    path: '/api/v1/systems/:systemId/information',
    summary: 'Everything about one registration for its owners: fields, history, codes issued, last inventory, audit log and mail sent',
    auth: 'session',
    params: SystemParams,
    response: SystemInformation,
  },
  systemAudit: {
    method: 'GET',
    path: '/api/v1/systems/:systemId/audit',
    summary: 'Every change to a registration: who, when, what',
    auth: 'session',
    params: SystemParams,
    response: z.array(AuditEntry),
  },
  // Organizations, co-workers and Partner IDs (docs/partners.md). Administrator-only routes refuse
  // members with 403; the admin routes are the portal administrators' (auth 'admin').
  partnerIdProposal: {
    method: 'GET',
    path: '/api/v1/partner-ids/proposal',
    summary: 'The Partner ID an organization name proposes (name), or one typed (partnerId), and whether it is free; else the first free one after it (rate limited)',
    auth: 'public',
    query: Org.PartnerIdProposalQuery,
    response: Org.PartnerIdProposal,
  },
  organization: {
    method: 'GET',
    path: '/api/v1/organization',
    summary: "The caller's organization: kind, name, Partner ID, the caller's role, its members and any Partner ID change request waiting",
    auth: 'session',
    response: Org.OrganizationView,
  },
  setMemberRole: {
    method: 'PUT',
    path: '/api/v1/organization/members/:accountId',
    summary: "Make a member an administrator or a member (administrators; the last administrator stays one)",
    auth: 'session',
    params: Org.MemberParams,
    body: Org.MemberRoleInput,
    response: Org.OrganizationView,
  },
  removeMember: {
    method: 'DELETE',
    path: '/api/v1/organization/members/:accountId',
    summary: 'Remove a member (administrators); the person gets an organization of their own',
    auth: 'session',
    params: Org.MemberParams,
    response: Org.OrganizationView,
  },
  leaveOrganization: {
    method: 'POST',
    path: '/api/v1/organization/leave',
    summary: 'Leave the organization (not its last administrator); the caller gets an organization of their own',
    auth: 'session',
    body: Empty,
    response: Org.JoinedAnswer,
  },
  inviteCoworker: {
    method: 'POST',
    path: '/api/v1/organization/invitations',
    summary: 'Invite a co-worker by e-mail (administrators): a single-use link valid for 7 days',
    auth: 'session',
    body: Org.InviteCoworkerInput,
    response: Org.InvitationSent,
    status: 201,
  },
  coworkerInvitations: {
    method: 'GET',
    path: '/api/v1/organization/invitations',
    summary: "The organization's open co-worker invitations, newest first (administrators)",
    auth: 'session',
    response: z.array(Org.CoworkerInvitationView),
  },
  resendCoworkerInvitation: {
    method: 'POST',
    path: '/api/v1/organization/invitations/:invitationId/resend',
    summary: 'Send an open invitation again with a new link, valid 7 days from now; the old link stops working (administrators)',
    auth: 'session',
    params: Org.CoworkerInvitationParams,
    body: Empty,
    response: Org.InvitationSent,
  },
  revokeCoworkerInvitation: {
    method: 'DELETE',
    path: '/api/v1/organization/invitations/:invitationId',
    summary: 'Revoke an open invitation: its link stops working (administrators)',
    auth: 'session',
    params: Org.CoworkerInvitationParams,
    response: Org.Message,
  },
  coworkerInvitationLink: {
    method: 'GET',
    path: '/api/v1/invitations/:token',
    summary: 'What a co-worker invitation link stands for (organization, invited e-mail, until when), or why it no longer works (rate limited)',
    auth: 'public',
    params: Org.InvitationTokenParams,
    response: Org.CoworkerInvitationLink,
  },
  acceptCoworkerInvitation: {
    method: 'POST',
    path: '/api/v1/invitations/:token/accept',
    summary: "Join the inviting organization with this account (the invited address), if it is alone in an organization that holds nothing, which is removed",
    auth: 'session',
    params: Org.InvitationTokenParams,
    body: Empty,
    response: Org.JoinedAnswer,
  },
  requestPartnerId: {
    method: 'POST',
    path: '/api/v1/organization/partner-id-requests',
    summary: "Ask a portal administrator to change the organization's Partner ID (partner administrators; one request waiting at a time)",
    auth: 'session',
    body: Org.PartnerIdRequestInput,
    response: Org.PartnerIdRequestView,
    status: 201,
  },
  organizationAudit: {
    method: 'GET',
    path: '/api/v1/organization/audit',
    summary: "The organization's audit log, newest first, one page at a time (offset, limit; administrators)",
    auth: 'session',
    query: Org.AuditQuery,
    response: Org.AuditPage,
  },
  partnerIdRequests: {
    method: 'GET',
    path: '/api/v1/admin/partner-id-requests',
    summary: 'Partner ID change requests in a state (default pending), oldest first (portal administrators)',
    auth: 'admin',
    query: Org.RequestListQuery,
    response: z.array(Org.PartnerIdRequestView),
  },
  approvePartnerIdRequest: {
    method: 'POST',
    path: '/api/v1/admin/partner-id-requests/:requestId/approve',
    summary: "Approve a waiting request: the ID is checked free again and set; the organization's administrators are mailed (portal administrators)",
    auth: 'admin',
    params: Org.RequestParams,
    body: Empty,
    response: Org.PartnerIdRequestView,
  },
  rejectPartnerIdRequest: {
    method: 'POST',
    path: '/api/v1/admin/partner-id-requests/:requestId/reject',
    summary: "Reject a waiting request with a note; the organization's administrators are mailed (portal administrators)",
    auth: 'admin',
    params: Org.RequestParams,
    body: Org.RejectInput,
    response: Org.PartnerIdRequestView,
  },
  issueCode: {
    method: 'POST',
    path: '/api/v1/systems/:systemId/codes',
    summary: 'Answer an offline request: a Registration code and a signed token for the site (associate: for the new System ID)',
    auth: 'session',
    params: SystemParams,
    body: IssueCodeInput,
    response: IssuedCode,
    status: 201,
    bodyLimit: MIB,
  },
  listCodes: {
    method: 'GET',
    path: '/api/v1/systems/:systemId/codes',
    summary: 'Every Registration code issued for a registration, newest first',
    auth: 'session',
    params: SystemParams,
    response: z.array(IssuedCode.omit({ tokenQrSvg: true, serverCount: true })),
  },
  // Customers and partner access (docs/partners.md): a customer's partners and their access, a
  // partner's customers and the read-only view, API keys, customer invitations. Partner sessions
  // must have passed MFA for all of it.
  findPartner: {
    method: 'GET',
    path: '/api/v1/partners/:partnerId',
    summary: "Find a partner by Partner ID (customer administrators): its name and contact, its first administrator",
    auth: 'session',
    params: PartnerParams,
    response: PartnerFound,
  },
  listPartners: {
    method: 'GET',
    path: '/api/v1/organization/partners',
    summary: "The customer organization's partners, each with its access (read-only, Administrator, API device data)",
    auth: 'session',
    response: z.array(PartnerLink),
  },
  addPartner: {
    method: 'POST',
    path: '/api/v1/organization/partners',
    summary: 'Add a partner by Partner ID (customer administrators): read-only access; a revoked partner added again is read-only again',
    auth: 'session',
    body: AddPartnerInput,
    response: PartnerLink,
    status: 201,
  },
  setPartnerAccess: {
    method: 'PUT',
    path: '/api/v1/organization/partners/:partnerId',
    summary: "Grant or take back a partner's Administrator and API device data access (customer administrators); turning API access off revokes its API keys",
    auth: 'session',
    params: PartnerParams,
    body: AccessInput,
    response: PartnerLink,
  },
  revokePartner: {
    method: 'DELETE',
    path: '/api/v1/organization/partners/:partnerId',
    summary: "Revoke a partner's access entirely (customer administrators), its API keys with it: refused from its next request on",
    auth: 'session',
    params: PartnerParams,
    response: Done,
  },
  listCustomers: {
    method: 'GET',
    path: '/api/v1/customers',
    summary: "The partner organization's customers that gave it access, with the access level and their number of systems",
    auth: 'session',
    response: z.array(CustomerView),
  },
  customerSystems: {
    method: 'GET',
    path: '/api/v1/customers/:customerId/systems',
    summary: "A customer's systems as a read-only partner sees them: status and country, and per server name, make, model, serial number, firmware and the last two segments of its IP address",
    auth: 'session',
    params: CustomerParams,
    response: SharedSystems,
  },
  customerRegistrations: {
    method: 'GET',
    path: '/api/v1/customers/:customerId/registrations',
    summary: "With Administrator access: the customer's systems by System ID and site name, to open the full registration",
    auth: 'session',
    params: CustomerParams,
    response: z.array(AdministeredSystem),
  },
  customerSystem: {
    method: 'GET',
    path: '/api/v1/customers/:customerId/systems/:systemId',
    summary: "With Administrator access: a customer's full registration",
    auth: 'session',
    params: CustomerParams.extend({ systemId: SystemId }),
    response: RegistrationView,
  },
  editCustomerSystem: {
    method: 'PUT',
    path: '/api/v1/customers/:customerId/systems/:systemId',
    summary: "With Administrator access: modify a customer's registration, as its integrator may",
    auth: 'session',
    params: CustomerParams.extend({ systemId: SystemId }),
    body: RegisterInput,
    response: RegistrationView,
  },
  createApiKey: {
    method: 'POST',
    path: '/api/v1/customers/:customerId/api-keys',
    summary: 'With API device data access, a partner administrator makes an API key for this customer: shown once, kept hashed',
    auth: 'session',
    params: CustomerParams,
    body: Empty,
    response: NewApiKey,
    status: 201,
  },
  listApiKeys: {
    method: 'GET',
    path: '/api/v1/customers/:customerId/api-keys',
    summary: "The partner organization's API keys for this customer: prefix, made, last used, revoked",
    auth: 'session',
    params: CustomerParams,
    response: z.array(ApiKeyView),
  },
  revokeApiKey: {
    method: 'DELETE',
    path: '/api/v1/customers/:customerId/api-keys/:keyId',
    summary: 'Revoke an API key (partner administrators)',
    auth: 'session',
    params: ApiKeyParams,
    response: Done,
  },
  deviceData: {
    method: 'GET',
    path: '/api/v1/device-data',
    summary: "The read-only view of the API key's customer (Authorization: Bearer bmsk_...); the key, its link and the link's API access are checked on every request",
    auth: 'api-key',
    response: SharedSystems,
  },
  inviteCustomer: {
    method: 'POST',
    path: '/api/v1/customer-invitations',
    summary: 'Invite a customer organization (partner administrators): a single-use link to its contact, valid for 30 days; accepting it gives read-only access',
    auth: 'session',
    body: CustomerInvitationInput,
    response: CustomerInvitationView,
    status: 201,
  },
  listCustomerInvitations: {
    method: 'GET',
    path: '/api/v1/customer-invitations',
    summary: "The partner organization's customer invitations, newest first, each with its state",
    auth: 'session',
    response: z.array(CustomerInvitationView),
  },
  revokeCustomerInvitation: {
    method: 'DELETE',
    path: '/api/v1/customer-invitations/:invitationId',
    summary: 'Withdraw a customer invitation that was not accepted (partner administrators): its link stops working',
    auth: 'session',
    params: InvitationParams,
    response: CustomerInvitationView,
  },
  customerInvitationByLink: {
    method: 'GET',
    path: '/api/v1/customer-invitations/by-token/:token',
    summary: 'What a customer invitation link stands for, or why it cannot be used (unknown, accepted, expired, withdrawn)',
    auth: 'public',
    params: TokenParams,
    response: CustomerInvitationLink,
  },
  acceptCustomerInvitation: {
    method: 'POST',
    path: '/api/v1/customer-invitations/by-token/:token/accept',
    summary: "Accept a customer invitation: an administrator of a customer organization, with the invited address, links the partner read-only",
    auth: 'session',
    params: TokenParams,
    body: Empty,
    response: PartnerLink,
  },
  // Licenses, vouchers, subscriptions and credits (docs/partners.md, Licenses and credits). A key
  // or voucher code is read and checked by its schema, so a mistyped one is refused (400, naming
  // its group) before the database is asked.
  createLicenses: {
    method: 'POST',
    path: '/api/v1/admin/licenses',
    summary: 'Make license keys of a term (1 to 120 months), 1 to 100 at a time: shown once, the portal keeps their SHA-256 (portal administrators)',
    auth: 'admin',
    body: Lic.CreateLicensesInput,
    response: Lic.NewLicenses,
    status: 201,
  },
  createVouchers: {
    method: 'POST',
    path: '/api/v1/admin/vouchers',
    summary: 'Make voucher codes of a number of credits, 1 to 100 at a time: shown once, kept hashed (portal administrators)',
    auth: 'admin',
    body: Lic.CreateVouchersInput,
    response: Lic.NewVouchers,
    status: 201,
  },
  redeemLicense: {
    method: 'POST',
    path: '/api/v1/customers/:customerId/licenses',
    summary: "Redeem a license key for a customer (a partner with access, any level), from a start date today or later (UTC); a start inside the customer's timeline moves to its end. Each key once",
    auth: 'session',
    params: CustomerParams,
    body: Lic.RedeemLicenseInput,
    response: Lic.LicenseRedeemed,
    status: 201,
  },
  customerSubscription: {
    method: 'GET',
    path: '/api/v1/customers/:customerId/subscription',
    summary: "A customer's subscription timeline (a partner with access): its periods in order, and whether one is active today",
    auth: 'session',
    params: CustomerParams,
    response: Lic.Subscription,
  },
  spendCredits: {
    method: 'POST',
    path: '/api/v1/customers/:customerId/subscription/credits',
    summary: "Spend the partner organization's credits on a customer's subscription, one credit a month: activate, renew or amend (partner administrators with access)",
    auth: 'session',
    params: CustomerParams,
    body: Lic.SpendCreditsInput,
    response: Lic.CreditsSpent,
    status: 201,
  },
  redeemOwnLicense: {
    method: 'POST',
    path: '/api/v1/organization/licenses',
    summary: "Redeem a license key for the caller's own customer organization (its administrators), as a partner does",
    auth: 'session',
    body: Lic.RedeemLicenseInput,
    response: Lic.LicenseRedeemed,
    status: 201,
  },
  ownSubscription: {
    method: 'GET',
    path: '/api/v1/organization/subscription',
    summary: "The customer organization's own subscription timeline (its people)",
    auth: 'session',
    response: Lic.Subscription,
  },
  redeemVoucher: {
    method: 'POST',
    path: '/api/v1/organization/vouchers',
    summary: "Redeem a voucher code for credits of the partner organization (its administrators); each voucher once",
    auth: 'session',
    body: Lic.RedeemVoucherInput,
    response: Lic.VoucherRedeemed,
    status: 201,
  },
  creditBalance: {
    method: 'GET',
    path: '/api/v1/organization/credits',
    summary: "The partner organization's credit balance and its history, newest first",
    auth: 'session',
    response: Lic.Credits,
  },
} as const satisfies Record<string, PortalRoute>;

export type PortalRouteName = keyof typeof portalRoutes;
