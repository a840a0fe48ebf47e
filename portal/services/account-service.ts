// Accounts, sessions and multi-factor authentication. Log-on failures are counted per account
// and per client address; past the limit the portal answers 429 for fifteen minutes.
import type { z } from 'zod';
import { isIntegrator, type AccountView, type LogOnInput, type SignUpInput } from '../../shared/portal/accounts.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords.js';
import { newRecoveryCode, newSessionToken, sha256 } from '../auth/tokens.js';
import { newTotpSecret, totpEnrolment, totpStep } from '../auth/totp.js';
import { PortalHttpError } from '../http/errors.js';
import type { PortalKeys } from '../keys.js';
import type { AccountRow, PortalStore, SessionRow } from '../store/store.js';

const WINDOW_MS = 15 * 60_000;
const RECOVERY_CODES = 10;

export interface AccountServiceOptions {
  store: PortalStore;
  keys: PortalKeys;
  sessionTtlSeconds: number;
  branchSignUp: boolean;
  failedLogOnsPerAccount: number;
  failedLogOnsPerAddress: number;
  now?: () => number;
}

export const accountView = (a: AccountRow): AccountView => ({
  id: a.id,
  email: a.email,
  kind: a.kind,
  name: a.name,
  organization: a.organization,
  mfaEnabled: a.totpSecretSealed !== null,
  mfaRequired: isIntegrator(a.kind),
  createdAt: a.createdAt,
});

export class AccountService {
  private readonly now: () => number;
  constructor(private readonly o: AccountServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  private iso = () => new Date(this.now()).toISOString();

  async signUp(input: z.output<typeof SignUpInput>): Promise<AccountView> {
    if (input.kind === 'branch' && !this.o.branchSignUp) {
      throw new PortalHttpError('forbidden', 'Branch accounts are for vendor staff and are not open for sign-up here. Sign up as a partner or an end user.');
    }
    if (input.kind === 'partner' && !input.organization) {
      throw new PortalHttpError('invalid_input', 'A partner account needs the organization name.', [{ path: 'organization', message: 'Enter your organization name.' }]);
    }
    const created = await this.o.store.createAccount({
      email: input.email,
      kind: input.kind,
      name: input.name,
      organization: input.organization,
      passwordHash: await hashPassword(input.password),
      createdAt: this.iso(),
    });
    if (created === 'exists') {
      throw new PortalHttpError('conflict', 'An account with this e-mail address exists already. Log on instead, or use another address.', [
        { path: 'email', message: 'This e-mail address has an account already.' },
      ]);
    }
    await this.o.store.audit({ accountId: created.id, action: 'account.created', detail: { kind: created.kind } }, this.iso());
    return accountView(created);
  }

  async logOn(input: z.output<typeof LogOnInput>, address: string) {
    const now = this.now();
    const accountKey = `account:${input.email.toLowerCase()}`;
    const charged = await this.charge(
      [
        { key: accountKey, limit: this.o.failedLogOnsPerAccount, who: 'this account' },
        { key: `address:${address}`, limit: this.o.failedLogOnsPerAddress, who: 'this computer' },
      ],
      now,
    );
    const account = await this.o.store.accountByEmail(input.email);
    const passwordOk = await verifyPassword(input.password, account?.passwordHash ?? DUMMY_HASH);
    // The attempt was counted before the check; a failure keeps it, anything else gives it back.
    const fail = async (error: PortalHttpError) => {
      if (account) await this.o.store.audit({ accountId: account.id, action: 'logon.failed', detail: { address, reason: error.code } }, this.iso());
      throw error;
    };
    if (!account || !passwordOk) return fail(new PortalHttpError('unauthorized', 'The e-mail address or the password is wrong.'));

    const mfaOn = account.totpSecretSealed !== null;
    if (mfaOn) {
      if (input.mfaCode) {
        const step = await totpStep(this.o.keys.unseal(account.totpSecretSealed!), input.mfaCode, now);
        if (step === null) return fail(new PortalHttpError('unauthorized', 'The authenticator code is wrong or has expired: enter the code your app shows now.'));
        if (!(await this.o.store.useTotpStep(account.id, step))) {
          return fail(new PortalHttpError('unauthorized', 'This authenticator code was used already: wait for the next one.'));
        }
      } else if (input.recoveryCode) {
        if (!(await this.o.store.useRecoveryCode(account.id, sha256(input.recoveryCode), this.iso()))) {
          return fail(new PortalHttpError('unauthorized', 'This recovery code is wrong or was used already.'));
        }
      } else {
        await this.o.store.refundAttempt(charged);
        throw new PortalHttpError('mfa_required', 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.');
      }
    }

    await this.o.store.refundAttempt(charged);
    await this.o.store.clearFailures(accountKey);
    const token = newSessionToken();
    const expiresAt = new Date(now + this.o.sessionTtlSeconds * 1000).toISOString();
    await this.o.store.createSession({ tokenHash: sha256(token), accountId: account.id, createdAt: this.iso(), expiresAt, address, mfaVerified: mfaOn });
    await this.o.store.audit({ accountId: account.id, action: 'logon', detail: { address, mfa: mfaOn } }, this.iso());
    return { token, expiresAt, account: accountView(account) };
  }

  /** Counts the attempt up front, or refuses with 429 when a key is at its limit. */
  private async charge(limits: { key: string; limit: number; who: string }[], now: number): Promise<number[]> {
    const result = await this.o.store.chargeAttempt(limits, now - WINDOW_MS, now);
    if ('limited' in result) {
      const who = limits.find((l) => l.key === result.limited)!.who;
      throw new PortalHttpError('rate_limited', `Too many failed attempts from ${who}. Wait 15 minutes and try again.`, undefined, WINDOW_MS / 1000);
    }
    return result.charged;
  }

  /** The session a bearer token stands for, or a 401 that says to log on again. */
  async session(token: string | undefined): Promise<SessionRow> {
    if (!token) throw new PortalHttpError('unauthorized', 'Log on first: this request carries no session.');
    const session = await this.o.store.sessionByTokenHash(sha256(token), this.iso());
    if (!session) throw new PortalHttpError('unauthorized', 'Your session has expired or was logged off. Log on again.');
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
    const charged = await this.charge([{ key: `account:${session.account.email.toLowerCase()}`, limit: this.o.failedLogOnsPerAccount, who: 'this account' }], this.now());
    if (!(await verifyPassword(currentPassword, session.account.passwordHash))) {
      throw new PortalHttpError('forbidden', 'The current password is wrong.', [{ path: 'currentPassword', message: 'This is not your current password.' }]);
    }
    await this.o.store.refundAttempt(charged);
    if (currentPassword === newPassword) {
      throw new PortalHttpError('invalid_input', 'Choose a new password that differs from the current one.', [{ path: 'newPassword', message: 'Same as the current password.' }]);
    }
    await this.o.store.changePassword(session.account.id, await hashPassword(newPassword), this.iso(), session.sessionId);
    await this.o.store.audit({ accountId: session.account.id, action: 'password.changed', detail: {} }, this.iso());
    return { done: true as const };
  }

  async startMfa(session: SessionRow) {
    if (session.account.totpSecretSealed) {
      throw new PortalHttpError('conflict', 'Multi-factor authentication is on already for this account.');
    }
    const secret = newTotpSecret();
    await this.o.store.setPendingTotp(session.account.id, this.o.keys.seal(secret));
    return totpEnrolment(secret, session.account.email);
  }

  async confirmMfa(session: SessionRow, code: string) {
    const pending = session.account.totpPendingSealed;
    if (!pending) throw new PortalHttpError('conflict', 'Start the enrolment first: there is no authenticator secret waiting to be confirmed.');
    const step = await totpStep(this.o.keys.unseal(pending), code, this.now());
    if (step === null) {
      throw new PortalHttpError('invalid_input', 'The code does not match: check the time on your phone and enter the code it shows now.', [
        { path: 'code', message: 'Wrong or expired code.' },
      ]);
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    if (!(await this.o.store.confirmTotp(session.account.id, pending, recoveryCodes.map(sha256), step, session.sessionId, this.iso()))) {
      throw new PortalHttpError('conflict', 'The enrolment was finished or restarted meanwhile. Start it again.');
    }
    // Every other session was opened without the authenticator: it is logged off.
    await this.o.store.audit({ accountId: session.account.id, action: 'mfa.enabled', detail: {} }, this.iso());
    return { recoveryCodes: recoveryCodes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`) };
  }
}
