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

/**
 * Who may call a route: anyone; any session, also one before MFA enrolment or e-mail verification
 * (log off, the account, its password, MFA, verification); a full session of a verified account
 * (the portal refuses `session` routes to an account whose e-mail is not verified, so a new route
 * cannot forget it).
 */
export type RouteAuth = 'public' | 'enrolling' | 'session';

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
} as const satisfies Record<string, PortalRoute>;

export type PortalRouteName = keyof typeof portalRoutes;
