// The rows of accounts, registrations and what hangs off them (System IDs, invitations, issued
// codes, inventories, the systems list, mail), as both engines read them, and the store's objects
// they become (store.ts). The engines differ only in a flag column's type: SQLite returns 0/1,
// PostgreSQL a boolean (its bigint ids are numbers already, pg-db.ts), hence `Flag` and `Boolean()`.
import type { InventoryServer } from '../../../shared/portal/inventory.js';
import type { AccountRow, ConsentState, InventoryRow, InvitationRow, IssuedCodeRow, ListedSystem, MailRow, RegistrationState, SystemIdRow } from '../store.js';

/** A boolean column: 0/1 on SQLite, a boolean on PostgreSQL. */
export type Flag = number | boolean;

export interface AccountDbRow {
  id: number;
  email: string;
  kind: AccountRow['kind'];
  name: string;
  organization: string;
  password_hash: string;
  totp_secret_sealed: string | null;
  totp_pending_sealed: string | null;
  totp_last_step: number | null;
  created_at: string;
  email_verified_at: string | null;
  organization_id: number;
  org_role: AccountRow['orgRole'];
  portal_admin: Flag;
}

export const toAccount = (r: AccountDbRow): AccountRow => ({
  id: r.id,
  email: r.email,
  kind: r.kind,
  name: r.name,
  organization: r.organization,
  passwordHash: r.password_hash,
  totpSecretSealed: r.totp_secret_sealed,
  totpPendingSealed: r.totp_pending_sealed,
  totpLastStep: r.totp_last_step,
  createdAt: r.created_at,
  emailVerifiedAt: r.email_verified_at,
  organizationId: r.organization_id,
  orgRole: r.org_role,
  portalAdmin: Boolean(r.portal_admin),
});

export interface IssuedCodeDbRow {
  id: number;
  registration_id: number;
  kind: IssuedCodeRow['kind'];
  system_id: string;
  request_digest: string;
  registration_code: string;
  token: string;
  issued_at: string;
  valid_until: string;
}

export const toCode = (r: IssuedCodeDbRow): IssuedCodeRow => ({
  serial: r.id,
  registrationId: r.registration_id,
  kind: r.kind,
  systemId: r.system_id,
  requestDigest: r.request_digest,
  registrationCode: r.registration_code,
  token: r.token,
  issuedAt: r.issued_at,
  validUntil: r.valid_until,
});

export interface RegistrationDbRow {
  id: number;
  integrator_id: number | null;
  end_user_id: number | null;
  end_user_edited: Flag;
  installation: string;
  site_administrator: string;
  warranty: string | null;
  consent: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface SystemIdDbRow {
  system_id: string;
  associated_at: string;
  replaced_at: string | null;
}

export const toSystemId = (i: SystemIdDbRow): SystemIdRow => ({ systemId: i.system_id, associatedAt: i.associated_at, replacedAt: i.replaced_at });

export interface InvitationDbRow {
  id: number;
  email: string;
  role: InvitationRow['role'];
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  token_hash: string | null;
}

export const toInvitation = (i: InvitationDbRow): InvitationRow => ({
  id: i.id,
  email: i.email,
  role: i.role,
  createdAt: i.created_at,
  expiresAt: i.expires_at,
  acceptedAt: i.accepted_at,
  tokenHash: i.token_hash,
});

/**
 * A registration as the store returns it: its row, with its System IDs and invitations (in their
 * order) and its owners' accounts, which the engine reads as suits it (`account` looks one up).
 */
const REGISTRATION_COLUMNS: Record<string, string> = {
  integratorId: 'integrator_id',
  endUserId: 'end_user_id',
  endUserEdited: 'end_user_edited',
  installation: 'installation',
  siteAdministrator: 'site_administrator',
  warranty: 'warranty',
  consent: 'consent',
};

/**
 * The columns of a registration's fields in `set` (an update's change), with the values stored in
 * them: JSON as text; booleans as they are, or as 0/1 with `booleanAs: 'number'` (SQLite).
 */
export const storedColumns = (set: Record<string, unknown>, booleanAs: 'boolean' | 'number' = 'boolean'): [string, unknown][] =>
  Object.entries(set).flatMap(([key, value]) => {
    if (value === undefined) return [];
    const column = REGISTRATION_COLUMNS[key];
    if (!column) throw new Error(`Unknown registration field ${key}.`);
    if (typeof value === 'boolean') return [[column, booleanAs === 'number' ? Number(value) : value]];
    return [[column, typeof value === 'object' && value !== null ? JSON.stringify(value) : value]];
  });

export const toRegistrationState = (
  r: RegistrationDbRow,
  systemIds: readonly SystemIdDbRow[],
  invitations: readonly InvitationDbRow[],
  account: (id: number | null) => AccountRow | null,
): RegistrationState => ({
  id: r.id,
  systemIds: systemIds.map(toSystemId),
  integrator: account(r.integrator_id),
  endUser: account(r.end_user_id),
  endUserEdited: Boolean(r.end_user_edited),
  installation: JSON.parse(r.installation),
  siteAdministrator: JSON.parse(r.site_administrator),
  warranty: r.warranty === null ? null : JSON.parse(r.warranty),
  consent: JSON.parse(r.consent) as ConsentState,
  invitations: invitations.map(toInvitation),
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface InventoryDbRow {
  registration_id: number;
  reported_at: string;
  source: InventoryRow['source'];
  lead_system_id: string;
  servers: string;
}

export const toInventory = (r: InventoryDbRow): InventoryRow => ({
  registrationId: r.registration_id,
  reportedAt: r.reported_at,
  source: r.source,
  leadSystemId: r.lead_system_id,
  servers: JSON.parse(r.servers) as InventoryServer[],
});

export interface ListedDbRow {
  registration_id: number;
  system_id: string;
  site_name: string;
  city: string;
  country: string;
  status: ListedSystem['status'];
  delivery: ListedSystem['delivery'];
  updated_at: string;
}

export const toListed = (r: ListedDbRow): ListedSystem => ({
  registrationId: r.registration_id,
  systemId: r.system_id,
  siteName: r.site_name,
  city: r.city,
  country: r.country,
  status: r.status,
  delivery: r.delivery,
  updatedAt: r.updated_at,
});

export interface MailDbRow {
  id: number;
  created_at: string;
  recipients: string;
  subject: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  state: MailRow['state'];
}

export const toMail = (r: MailDbRow): MailRow => ({
  id: r.id,
  queuedAt: r.created_at,
  recipients: JSON.parse(r.recipients),
  subject: r.subject,
  state: r.state,
  sentAt: r.sent_at,
  attempts: r.attempts,
  lastError: r.last_error,
});
