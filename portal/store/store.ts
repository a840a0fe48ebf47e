// The portal's data layer as an interface. Route and service code see only this; the SQLite
// engine (sqlite-store.ts) implements it, and a PostgreSQL engine can implement it again without
// touching them. Every method is one unit of work: engines run each in one transaction.
import type { AccountKind } from '../../shared/portal/accounts.js';
import type { ConsentInput, Installation, SiteAdministrator, Warranty } from '../../shared/portal/fields.js';
import type { InventoryServer } from '../../shared/portal/inventory.js';
import type { SystemListQuery } from '../../shared/portal/systems.js';
import type { CreatedAccount, NewAccountInput, OrganizationStore } from './organization-store.js';
import type { PartnerAccessStore } from './partner-access-store.js';
import type { LicenseStore } from './license-store.js';

export interface AccountRow {
  id: number;
  email: string;
  kind: AccountKind;
  name: string;
  organization: string;
  passwordHash: string;
  totpSecretSealed: string | null;
  totpPendingSealed: string | null;
  totpLastStep: number | null;
  createdAt: string;
  /** When the owner of the address followed a verification link; null until then. */
  emailVerifiedAt: string | null;
  /** The organization the account belongs to (every account belongs to one), and its role there. */
  organizationId: number;
  orgRole: 'administrator' | 'member';
  /** A portal administrator (set from the command line): decides Partner ID change requests. */
  portalAdmin: boolean;
}

export interface SessionRow {
  sessionId: number;
  account: AccountRow;
  expiresAt: string;
  /** The session passed the authenticator check (or the account needs none yet). */
  mfaVerified: boolean;
}

export interface ConsentEntry {
  given: boolean;
  at: string | null;
  by: string | null;
}
export type ConsentState = Record<keyof ConsentInput, ConsentEntry>;

export interface SystemIdRow {
  systemId: string;
  associatedAt: string;
  replacedAt: string | null;
}

export interface InvitationRow {
  id: number;
  email: string;
  role: 'integrator' | 'end-user';
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  /** SHA-256 of the invitation link's token; null for invitations from before schema 5 (closed). */
  tokenHash: string | null;
}

/** A registration with everything a decision about it needs. */
export interface RegistrationState {
  id: number;
  systemIds: SystemIdRow[];
  integrator: AccountRow | null;
  endUser: AccountRow | null;
  endUserEdited: boolean;
  installation: Installation;
  siteAdministrator: SiteAdministrator;
  warranty: Warranty | null;
  consent: ConsentState;
  invitations: InvitationRow[];
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface AuditInput {
  accountId: number | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface MailInput {
  recipients: string[];
  subject: string;
  body: string;
}

export type RegistrationFields = Pick<RegistrationState, 'installation' | 'siteAdministrator' | 'warranty' | 'consent'>;

/** What a decision about a System ID writes. */
export type RegistrationChange =
  | { kind: 'create'; systemId: string; integratorId: number | null; endUserId: number | null; endUserEdited: boolean; fields: RegistrationFields }
  | {
      kind: 'update';
      set: Partial<RegistrationFields & { integratorId: number; endUserId: number; endUserEdited: boolean }>;
      /** The invitation this change takes up. */
      acceptInvitation?: number;
    }
  | { kind: 'invite'; email: string; role: InvitationRow['role']; invitedBy: number; expiresAt: string; tokenHash: string }
  | { kind: 'associate'; newSystemId: string }
  | { kind: 'none' };

export interface Decision {
  change: RegistrationChange;
  audit?: Omit<AuditInput, 'accountId'> & { accountId: number };
  /** Computed from the state after the change. */
  mail?: (after: RegistrationState) => MailInput | null;
}

export interface Found {
  /** The System ID row that matched: it may be an old one, replaced after a wipe. */
  matched: SystemIdRow;
  state: RegistrationState;
  /**
   * Asked for with decide's `delegationFor`: the registration's end user when that account's
   * partner organization holds Administrator access to the end user's organization, else null.
   * Read in the decision's transaction, so access revoked meanwhile is seen (docs/partners.md).
   */
  delegatedEndUser?: number | null;
}

export interface QueuedMail extends MailInput {
  id: number;
  attempts: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface IssuedCodeRow {
  serial: number;
  registrationId: number;
  kind: 'register' | 'associate';
  systemId: string;
  requestDigest: string;
  registrationCode: string;
  token: string;
  issuedAt: string;
  validUntil: string;
}

/** One system of an account's list, from the derived columns the store keeps (summary.ts). */
export interface ListedSystem {
  registrationId: number;
  systemId: string;
  siteName: string;
  city: string;
  country: string;
  status: 'confirmed' | 'pending-consent';
  delivery: 'online' | 'offline' | null;
  updatedAt: string;
}

export interface InventoryRow {
  registrationId: number;
  reportedAt: string;
  source: 'online' | 'offline';
  /** The lead's System ID as reported: the registration's current one at the time. */
  leadSystemId: string;
  servers: InventoryServer[];
}

/**
 * What saving a report came to. Checked inside its transaction: the lead is still the
 * registration's current System ID, and no server's ID belongs to another registration.
 */
export type InventorySaved = { saved: InventoryRow } | { leadNotCurrent: string } | { held: { index: number; systemId: string }[] };

export interface MailRow {
  id: number;
  queuedAt: string;
  recipients: string[];
  subject: string;
  state: 'sent' | 'queued' | 'failed';
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

/** What a verification link stands for. */
export interface EmailVerificationRow {
  accountId: number;
  /** The address the link was sent to. */
  email: string;
  expiresAt: string;
  usedAt: string | null;
}

export type VerificationOutcome = 'verified' | 'used' | 'expired' | 'replaced' | 'unknown' | 'address-changed';

/** An invitation found by its link, with the registration it is to. */
export interface InvitationLink {
  invitation: InvitationRow;
  registrationId: number;
  /** The registration's System ID now (decisions are taken on it). */
  systemId: string;
  siteName: string;
  invitedBy: { name: string; organization: string; email: string };
}

export interface PortalStore extends OrganizationStore, PartnerAccessStore, LicenseStore {
  readonly engine: string;
  schemaVersion(): Promise<number>;

  /** The account and its organization (a new one, or an invitation's), in one transaction. */
  createAccount(input: NewAccountInput): Promise<CreatedAccount>;
  /** Records a verification link (its token's hash) and queues the mail that carries it, together. */
  addEmailVerification(input: { accountId: number; email: string; tokenHash: string; expiresAt: string }, mail: MailInput, now: string): Promise<void>;
  emailVerification(tokenHash: string): Promise<EmailVerificationRow | null>;
  /** Uses a link once: marks it used and the account verified, if the link is unused, in time, and for the account's address now. */
  useEmailVerification(tokenHash: string, now: string): Promise<VerificationOutcome>;
  /** Mail about no registration (sign-up notices), queued like the rest. */
  queueMail(mail: MailInput, now: string): Promise<void>;
  invitationByToken(tokenHash: string): Promise<InvitationLink | null>;
  /** Attempts recorded under a key since a time, without recording one. */
  countAttempts(key: string, since: number): Promise<number>;
  accountByEmail(email: string): Promise<AccountRow | null>;
  changePassword(accountId: number, passwordHash: string, now: string, keepSessionId: number): Promise<void>;
  setPendingTotp(accountId: number, sealed: string): Promise<void>;
  /**
   * Turns on the secret that `pendingSealed` holds (and no other), stores the recovery codes,
   * marks the enrolling session as verified and logs off every other session.
   */
  confirmTotp(accountId: number, pendingSealed: string, recoveryCodeHashes: string[], step: number, sessionId: number, now: string): Promise<boolean>;
  /** Records that a TOTP time step was used; false if it (or a later one) was used already. */
  useTotpStep(accountId: number, step: number): Promise<boolean>;
  useRecoveryCode(accountId: number, codeHash: string, now: string): Promise<boolean>;

  createSession(input: { tokenHash: string; accountId: number; createdAt: string; expiresAt: string; address: string; mfaVerified: boolean }): Promise<void>;
  sessionByTokenHash(tokenHash: string, now: string): Promise<SessionRow | null>;
  revokeSession(sessionId: number, now: string): Promise<void>;
  revokeSessions(accountId: number, now: string): Promise<number>;

  /**
   * Counts an attempt against each key before it is checked, so parallel attempts cannot all slip
   * under the limit: refused with the first key at its limit, else the rows added (to refund on success).
   */
  chargeAttempt(limits: { key: string; limit: number }[], since: number, at: number): Promise<{ limited: string } | { charged: number[] }>;
  refundAttempt(charged: number[]): Promise<void>;
  clearFailures(key: string): Promise<void>;

  /** Reads the registration a System ID belongs to, decides, and writes the decision with its audit entry and mail, atomically. */
  decide(
    systemId: string,
    now: string,
    decide: (found: Found | null) => Decision,
    options?: { delegationFor?: number },
  ): Promise<{ decision: Decision; after: RegistrationState | null }>;
  findSystem(systemId: string): Promise<Found | null>;
  registration(registrationId: number): Promise<RegistrationState | null>;
  /**
   * One page of the systems an account holds in its place (integrator or end user), searched and
   * sorted in the database; ties broken by registration id so pages never overlap.
   */
  listSystems(owner: { accountId: number; role: 'integrator' | 'end-user' }, query: SystemListQuery): Promise<{ total: number; items: ListedSystem[] }>;
  /** Oldest first. */
  auditOf(registrationId: number): Promise<AuditRow[]>;
  /** Replaces the registration's last report (and, for an online one, makes its delivery online), with its audit entry. */
  saveInventory(report: Omit<InventoryRow, 'reportedAt'> & { accountId: number }, audit: Omit<AuditInput, 'accountId'>, now: string): Promise<InventorySaved>;
  inventoryOf(registrationId: number): Promise<InventoryRow | null>;
  deliveryOf(registrationId: number): Promise<ListedSystem['delivery']>;
  /** The notification mail queued about a registration, newest first. */
  mailOf(registrationId: number): Promise<MailRow[]>;
  audit(entry: AuditInput, now: string): Promise<void>;

  /**
   * Records a code for a request, numbering it with the next serial; `build` makes the code for
   * that serial. A request answered before gets its first code back, never a second one.
   */
  issueCode(
    input: Pick<IssuedCodeRow, 'registrationId' | 'kind' | 'systemId' | 'requestDigest' | 'issuedAt'> & { requestCode: string; issuedBy: number },
    build: (serial: number) => Pick<IssuedCodeRow, 'registrationCode' | 'token' | 'validUntil'>,
  ): Promise<{ row: IssuedCodeRow; existing: boolean }>;
  codesOf(registrationId: number): Promise<IssuedCodeRow[]>;
  codeForRequest(requestDigest: string): Promise<IssuedCodeRow | null>;

  /**
   * Takes up to `limit` messages due at `now` (oldest first) and leases them for `leaseMs`: their
   * next try moves to `now + leaseMs`, in the same statement that picks them, so another instance
   * (or this one, after a restart) takes them again only once the lease has ended, unless
   * mailOutcomes records them first. Rows another instance is taking at that moment are skipped.
   */
  pendingMail(now: number, limit: number, leaseMs: number): Promise<QueuedMail[]>;
  /** Records deliveries, in one transaction: sent, or failed and when to try again. */
  mailOutcomes(sent: number[], failed: { id: number; error: string; nextTryAt: number }[], now: string): Promise<void>;

  close(): void;
}

/** An association to a System ID that the latest inventory of a registration lists as a shadow. */
export class ShadowSystemIdError extends Error {
  constructor(
    readonly systemId: string,
    readonly leadSystemId: string,
    readonly reportedAt: string,
  ) {
    super(`System ID ${systemId} is a shadow of ${leadSystemId}.`);
    this.name = 'ShadowSystemIdError';
  }
}

/** A System ID that another registration holds already (a race the caller lost). */
export class SystemIdTakenError extends Error {
  constructor(readonly systemId: string) {
    super(`System ID ${systemId} is registered already.`);
    this.name = 'SystemIdTakenError';
  }
}
