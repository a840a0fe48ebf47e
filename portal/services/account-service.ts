// Accounts, sessions, multi-factor authentication and e-mail verification.
// - Failed log-ons are counted per account (past the limit: 429 for fifteen minutes, even with the
//   right password) and per client address, where past the limit attempts are slowed, not
//   refused, so people who share an address with an attacker still log on (portal/README.md).
// - Sign-ups and verification mails are limited per client address and overall, per minute; the
//   sign-up answer is the same whether or not the address has an account (its owner is mailed).
// - Password hashing runs through PasswordWork, so sign-ups cannot starve log-ons.
import type { z } from 'zod';
import { isIntegrator, type AccountView, type LogOnInput, type SignUpAnswer, type SignUpInput } from '../../shared/portal/accounts.js';
import { say } from '../../shared/messages/say.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords.js';
import type { PasswordWork } from '../auth/password-work.js';
import { newLinkToken, newRecoveryCode, newSessionToken, sha256 } from '../auth/tokens.js';
import { newTotpSecret, totpEnrolment, totpStep } from '../auth/totp.js';
import { PortalHttpError, invalid } from '../http/errors.js';
import type { PortalKeys } from '../keys.js';
import type { PortalLinks } from '../mail/links.js';
import { signUpAttemptMail, verificationMail } from '../mail/notifications.js';
import type { AccountRow, PortalStore, SessionRow, VerificationOutcome } from '../store/store.js';
import type { NewAccountOrganization } from '../store/organization-store.js';
import { accountKindOf, organizationKindOf, type OrganizationMembership } from '../../shared/portal/organizations.js';
import { proposePartnerId } from '../../shared/portal/partner-id.js';
import { refuseClosedInvitation } from './organization-service.js';

const WINDOW_MS = 15 * 60_000;
const MINUTE_MS = 60_000;
const RECOVERY_CODES = 10;
const VERIFICATION_HOURS = 48;
/** Mails to the owner of an existing account about sign-ups with its address, per hour. */
const SIGNUP_NOTICES_PER_HOUR = 3;
/** Past the per-address limit: at most this many log-ons from the address in flight at once. */
const SLOWED_AT_ONCE = 4;

/** The wait before checking a log-on from an address `over` failures past its limit: 0.25 s, doubling every 10, at most 8 s. */
export const slowDownMs = (over: number) => Math.min(8_000, 250 * 2 ** Math.floor(over / 10));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface AccountServiceOptions {
  store: PortalStore;
  keys: PortalKeys;
  sessionTtlSeconds: number;
  branchSignUp: boolean;
  failedLogOnsPerAccount: number;
  failedLogOnsPerAddress: number;
  signUpsPerMinutePerAddress: number;
  signUpsPerMinute: number;
  verificationMailsPerMinutePerAddress: number;
  verificationMailsPerMinute: number;
  passwords: PasswordWork;
  links: PortalLinks;
  now?: () => number;
}

/** The account as its owner sees it; with `org`, its organization and role (GET /api/v1/me). */
export const accountView = (a: AccountRow, org?: OrganizationMembership): AccountView => ({
  id: a.id,
  email: a.email,
  kind: a.kind,
  name: a.name,
  organization: a.organization,
  mfaEnabled: a.totpSecretSealed !== null,
  mfaRequired: isIntegrator(a.kind),
  emailVerified: a.emailVerifiedAt !== null,
  createdAt: a.createdAt,
  portalAdmin: a.portalAdmin,
  ...(org ? { org } : {}),
});

export class AccountService {
  private readonly now: () => number;
  constructor(private readonly o: AccountServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  private iso = () => new Date(this.now()).toISOString();
  /** Log-ons from slowed addresses in flight, per address. */
  private readonly slowed = new Map<string, number>();

  /**
   * Sign-up. The answer is the same whether or not the address has an account, and costs the same
   * (a password is hashed either way): a new account gets a verification link, the owner of an
   * existing one a mail saying someone tried. The account gets its organization with it
   * (docs/partners.md): a new one, as its administrator (a partner's Partner ID as given, or
   * proposed from the name), or with a co-worker invitation, the inviting one, as a member; the
   * invitation's link proved the address, so nothing is mailed, and since only the owner of the
   * address has the link, it may be told that the address has an account already.
   */
  async signUp(input: z.output<typeof SignUpInput>, address: string): Promise<SignUpAnswer> {
    let kind = input.kind;
    let joining: NewAccountOrganization;
    let organization = input.organization;
    let joinedName = '';
    if (input.invitation !== undefined) {
      if (input.partnerId !== undefined) {
        throw invalid(say('organizations.invitationNoPartnerId'), [{ path: 'partnerId', message: say('organizations.invitationNoPartnerIdIssue') }]);
      }
    } else {
      if (input.kind === 'branch' && !this.o.branchSignUp) {
        throw new PortalHttpError('forbidden', say('portal.branchSignUpClosed'));
      }
      if (input.kind === 'partner' && !input.organization) {
        throw invalid(say('portal.partnerNeedsOrganization'), [{ path: 'organization', message: say('portal.enterOrganization') }]);
      }
      if (input.kind === 'branch' && !input.organization) {
        throw invalid(say('organizations.branchNeedsOrganization'), [{ path: 'organization', message: say('portal.enterOrganization') }]);
      }
      if (input.kind !== 'partner' && input.partnerId !== undefined) {
        throw invalid(say('organizations.partnerIdPartnersOnly'), [{ path: 'partnerId', message: say('organizations.partnerIdLeaveOut') }]);
      }
      // An End user's organization is named after the person unless they give a name. The account's
      // own organization text stays what was typed: others see it (access answers), a person's name must not be.
      const organizationName = input.organization || input.name;
      const partnerId = input.kind === 'partner' ? (input.partnerId ?? proposePartnerId(organizationName)) : null;
      if (input.kind === 'partner' && !partnerId) {
        throw invalid(say('organizations.partnerIdNeeded'), [{ path: 'partnerId', message: say('partners.idEmpty') }]);
      }
      joining = { create: { kind: organizationKindOf(input.kind), name: organizationName, partnerId, partnerIdGiven: input.partnerId !== undefined } };
    }
    // A full hashing queue refuses before the attempt is counted (a database write): cheap under a flood.
    this.o.passwords.refuseIfFull('signUp');
    await this.perMinute([
      { key: `signup:address:${address}`, limit: this.o.signUpsPerMinutePerAddress, refusal: say('portal.signUpsFromAddress') },
      { key: 'signup:all', limit: this.o.signUpsPerMinute, refusal: say('portal.signUpsFromEveryone') },
    ]);
    if (input.invitation !== undefined) {
      const link = await this.o.store.coworkerInvitationByToken(sha256(input.invitation));
      refuseClosedInvitation(link, this.iso());
      if (link.invitation.email.toLowerCase() !== input.email.toLowerCase()) {
        throw invalid(say('organizations.invitationForAddress', { invited: link.invitation.email }), [{ path: 'email', message: say('organizations.invitationForAddressIssue', { invited: link.invitation.email }) }]);
      }
      kind = accountKindOf(link.organization.kind);
      // A customer organization may be named after a person: its members' accounts do not repeat it.
      organization = link.organization.kind === 'customer' ? '' : link.organization.name;
      joinedName = link.organization.name;
      joining = { invitationId: link.invitation.id, email: link.invitation.email };
    }
    const passwordHash = await this.o.passwords.run('signUp', () => hashPassword(input.password));
    const created = await this.o.store.createAccount({ email: input.email, kind, name: input.name, organization, passwordHash, createdAt: this.iso(), joining: joining! });
    if (typeof created === 'object' && 'partnerIdTaken' in created) {
      const partnerId = input.partnerId!;
      throw new PortalHttpError('conflict', say('organizations.partnerIdTaken', { partnerId, free: created.partnerIdTaken }), [
        { path: 'partnerId', message: say('organizations.partnerIdTakenIssue', { free: created.partnerIdTaken }) },
      ]);
    }
    if (typeof created === 'object' && 'invitationClosed' in created) {
      // Used, revoked or expired since it was read: say which, as the link would.
      refuseClosedInvitation(await this.o.store.coworkerInvitationByToken(sha256(input.invitation!)), this.iso());
      throw new PortalHttpError('not_found', say('organizations.invitationUnknown'));
    }
    if (created === 'exists') {
      if (input.invitation !== undefined) throw new PortalHttpError('conflict', say('organizations.accountExists', { email: input.email }), [{ path: 'email', message: say('organizations.accountExists', { email: input.email }) }]);
      const existing = await this.o.store.accountByEmail(input.email);
      // At most a few such mails an hour, so sign-ups cannot be used to flood someone's mailbox.
      const notice = await this.o.store.chargeAttempt([{ key: `signup-notice:${input.email.toLowerCase()}`, limit: SIGNUP_NOTICES_PER_HOUR }], this.now() - 3600_000, this.now());
      if ('charged' in notice) await this.o.store.queueMail(signUpAttemptMail(existing?.email ?? input.email), this.iso());
      if (existing) await this.o.store.audit({ accountId: existing.id, action: 'account.signup-attempt', detail: { address } }, this.iso());
    } else {
      await this.o.store.auditOrganization(
        { organizationId: created.organizationId, accountId: created.id, action: 'account.created', detail: { kind: created.kind, via: input.invitation !== undefined ? 'invitation' : 'sign-up' } },
        this.iso(),
      );
      if (input.invitation !== undefined) return { email: created.email, message: say('organizations.signUpJoined', { organization: joinedName }) };
      await this.sendVerification(created);
    }
    return {
      email: input.email,
      message: say('portal.signUpSent', { email: input.email }),
    };
  }

  private async sendVerification(account: AccountRow) {
    const token = newLinkToken();
    const expiresAt = new Date(this.now() + VERIFICATION_HOURS * 3600_000).toISOString();
    await this.o.store.addEmailVerification(
      { accountId: account.id, email: account.email, tokenHash: sha256(token), expiresAt },
      verificationMail(account.email, this.o.links.verifyEmail(token), expiresAt),
      this.iso(),
    );
  }

  /** A new verification link for the session's account (the earlier ones stay valid until they expire). */
  async resendVerification(session: SessionRow, address: string) {
    const account = session.account;
    if (account.emailVerifiedAt) throw new PortalHttpError('conflict', say('portal.verifiedAlready', { email: account.email }));
    await this.perMinute([
      { key: `verify-mail:account:${account.id}`, limit: this.o.verificationMailsPerMinutePerAddress, refusal: say('portal.verificationMailsFromAccount') },
      { key: `verify-mail:address:${address}`, limit: this.o.verificationMailsPerMinutePerAddress, refusal: say('portal.verificationMailsFromAddress') },
      { key: 'verify-mail:all', limit: this.o.verificationMailsPerMinute, refusal: say('portal.verificationMailsFromEveryone') },
    ]);
    await this.sendVerification(account);
    await this.o.store.audit({ accountId: account.id, action: 'account.verification-sent', detail: { address } }, this.iso());
    return { email: account.email, message: say('portal.verificationResent', { email: account.email, hours: VERIFICATION_HOURS }) };
  }

  /** Follows a verification link (from the page's button, never from opening the link). */
  async verifyEmail(token: string): Promise<VerificationOutcome> {
    const hash = sha256(token);
    const link = await this.o.store.emailVerification(hash);
    const outcome = await this.o.store.useEmailVerification(hash, this.iso());
    if (link && outcome === 'verified') await this.o.store.audit({ accountId: link.accountId, action: 'account.verified', detail: { email: link.email } }, this.iso());
    return outcome;
  }

  /** Refused with 429 and Retry-After (the limit's own refusal) when a key has had its number this minute; counted otherwise. */
  private async perMinute(limits: { key: string; limit: number; refusal: string }[]) {
    const now = this.now();
    const result = await this.o.store.chargeAttempt(limits, now - MINUTE_MS, now);
    if ('limited' in result) {
      throw new PortalHttpError('rate_limited', limits.find((l) => l.key === result.limited)!.refusal, undefined, 60);
    }
  }

  async logOn(input: z.output<typeof LogOnInput>, address: string) {
    const now = this.now();
    const { account, mfaOn } = await this.authenticate(input, address);
    const token = newSessionToken();
    const expiresAt = new Date(now + this.o.sessionTtlSeconds * 1000).toISOString();
    await this.o.store.createSession({ tokenHash: sha256(token), accountId: account.id, createdAt: this.iso(), expiresAt, address, mfaVerified: mfaOn });
    await this.o.store.audit({ accountId: account.id, action: 'logon', detail: { address, mfa: mfaOn } }, this.iso());
    return { token, expiresAt, account: accountView(account) };
  }

  /**
   * The account whose e-mail, password and (once enrolled) authenticator or recovery code these
   * are: log-on, and the pages that ask for them (accepting an invitation). Counted as log-ons.
   */
  async authenticate(input: z.output<typeof LogOnInput>, address: string): Promise<{ account: AccountRow; mfaOn: boolean }> {
    const now = this.now();
    const accountKey = `account:${input.email.toLowerCase()}`;
    const addressKey = `address:${address}`;
    const release = await this.slowDown(addressKey, now);
    try {
      return await this.checkCredentials(input, address, accountKey, addressKey, now);
    } finally {
      release();
    }
  }

  /**
   * Past the per-address limit, a log-on from that address waits before it is checked (longer as
   * failures grow) and only a few run at once: the address is slowed, never shut, so a person who
   * shares it with an attacker still logs on with the right password (and code).
   */
  private async slowDown(addressKey: string, now: number): Promise<() => void> {
    const over = (await this.o.store.countAttempts(addressKey, now - WINDOW_MS)) - this.o.failedLogOnsPerAddress;
    if (over < 0) return () => undefined;
    const inFlight = this.slowed.get(addressKey) ?? 0;
    if (inFlight >= SLOWED_AT_ONCE) {
      throw new PortalHttpError('rate_limited', say('portal.logOnsSlowed'), undefined, 5);
    }
    this.slowed.set(addressKey, inFlight + 1);
    await sleep(slowDownMs(over));
    return () => {
      const left = (this.slowed.get(addressKey) ?? 1) - 1;
      if (left > 0) this.slowed.set(addressKey, left);
      else this.slowed.delete(addressKey);
    };
  }

  private async checkCredentials(input: z.output<typeof LogOnInput>, address: string, accountKey: string, addressKey: string, now: number): Promise<{ account: AccountRow; mfaOn: boolean }> {
    const charged = await this.charge(
      [
        { key: accountKey, limit: this.o.failedLogOnsPerAccount, refusal: say('portal.failedFromAccount') },
        // Counted, never refused: the address is slowed instead (slowDown).
        { key: addressKey, limit: Number.POSITIVE_INFINITY, refusal: say('portal.failedFromAddress') },
      ],
      now,
    );
    const account = await this.o.store.accountByEmail(input.email);
    const passwordOk = await this.o.passwords.run('logOn', () => verifyPassword(input.password, account?.passwordHash ?? DUMMY_HASH));
    // The attempt was counted before the check; a failure keeps it, anything else gives it back.
    const fail = async (error: PortalHttpError) => {
      if (account) await this.o.store.audit({ accountId: account.id, action: 'logon.failed', detail: { address, reason: error.code } }, this.iso());
      throw error;
    };
    if (!account || !passwordOk) return fail(new PortalHttpError('unauthorized', say('portal.wrongCredentials')));

    const mfaOn = account.totpSecretSealed !== null;
    if (mfaOn) {
      if (input.mfaCode) {
        const step = await totpStep(this.o.keys.unseal(account.totpSecretSealed!), input.mfaCode, now);
        if (step === null) return fail(new PortalHttpError('unauthorized', say('portal.wrongAuthenticatorCode')));
        if (!(await this.o.store.useTotpStep(account.id, step))) {
          return fail(new PortalHttpError('unauthorized', say('portal.authenticatorCodeUsed')));
        }
      } else if (input.recoveryCode) {
        if (!(await this.o.store.useRecoveryCode(account.id, sha256(input.recoveryCode), this.iso()))) {
          return fail(new PortalHttpError('unauthorized', say('portal.wrongRecoveryCode')));
        }
      } else {
        await this.o.store.refundAttempt(charged);
        throw new PortalHttpError('mfa_required', say('portal.enterMfaCode'));
      }
    }

    await this.o.store.refundAttempt(charged);
    await this.o.store.clearFailures(accountKey);
    return { account, mfaOn };
  }

  /** Counts the attempt up front, or refuses with 429 (the limit's own refusal) when a key is at its limit. */
  private async charge(limits: { key: string; limit: number; refusal: string }[], now: number): Promise<number[]> {
    const result = await this.o.store.chargeAttempt(limits, now - WINDOW_MS, now);
    if ('limited' in result) {
      throw new PortalHttpError('rate_limited', limits.find((l) => l.key === result.limited)!.refusal, undefined, WINDOW_MS / 1000);
    }
    return result.charged;
  }

  /** The session a bearer token stands for, or a 401 that says to log on again. */
  async session(token: string | undefined): Promise<SessionRow> {
    if (!token) throw new PortalHttpError('unauthorized', say('portal.noSession'));
    const session = await this.o.store.sessionByTokenHash(sha256(token), this.iso());
    if (!session) throw new PortalHttpError('unauthorized', say('portal.sessionEnded'));
    return session;
  }

  async logOff(session: SessionRow) {
    await this.o.store.revokeSession(session.sessionId, this.iso());
    await this.o.store.audit({ accountId: session.account.id, action: 'logoff', detail: {} }, this.iso());
    return { done: true as const };
  }

  async logOffEverywhere(session: SessionRow) {
    const revoked = await this.o.store.revokeSessions(session.account.id, this.iso());
    await this.o.store.audit({ accountId: session.account.id, action: 'logoff.all', detail: { revoked } }, this.iso());
    return { revoked };
  }

  async changePassword(session: SessionRow, currentPassword: string, newPassword: string) {
    // Guessing the current password here counts against the account like a failed log-on.
    const charged = await this.charge([{ key: `account:${session.account.email.toLowerCase()}`, limit: this.o.failedLogOnsPerAccount, refusal: say('portal.failedFromAccount') }], this.now());
    if (!(await this.o.passwords.run('logOn', () => verifyPassword(currentPassword, session.account.passwordHash)))) {
      throw new PortalHttpError('forbidden', say('portal.wrongCurrentPassword'), [{ path: 'currentPassword', message: say('portal.notCurrentPassword') }]);
    }
    await this.o.store.refundAttempt(charged);
    if (currentPassword === newPassword) {
      throw new PortalHttpError('invalid_input', say('portal.samePassword'), [{ path: 'newPassword', message: say('portal.sameAsCurrentPassword') }]);
    }
    await this.o.store.changePassword(session.account.id, await this.o.passwords.run('logOn', () => hashPassword(newPassword)), this.iso(), session.sessionId);
    await this.o.store.audit({ accountId: session.account.id, action: 'password.changed', detail: {} }, this.iso());
    return { done: true as const };
  }

  async startMfa(session: SessionRow) {
    if (session.account.totpSecretSealed) {
      throw new PortalHttpError('conflict', say('portal.mfaOnAlready'));
    }
    const secret = newTotpSecret();
    await this.o.store.setPendingTotp(session.account.id, this.o.keys.seal(secret));
    return totpEnrolment(secret, session.account.email);
  }

  async confirmMfa(session: SessionRow, code: string) {
    const pending = session.account.totpPendingSealed;
    if (!pending) throw new PortalHttpError('conflict', say('portal.noEnrolment'));
    const step = await totpStep(this.o.keys.unseal(pending), code, this.now());
    if (step === null) {
      throw new PortalHttpError('invalid_input', say('portal.enrolmentCodeMismatch'), [{ path: 'code', message: say('portal.wrongOrExpiredCode') }]);
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    if (!(await this.o.store.confirmTotp(session.account.id, pending, recoveryCodes.map(sha256), step, session.sessionId, this.iso()))) {
      throw new PortalHttpError('conflict', say('portal.enrolmentChanged'));
    }
    // Every other session was opened without the authenticator: it is logged off.
    await this.o.store.audit({ accountId: session.account.id, action: 'mfa.enabled', detail: {} }, this.iso());
    return { recoveryCodes: recoveryCodes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`) };
  }
}
