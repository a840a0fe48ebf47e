// Portal accounts, sessions and multi-factor authentication, as they cross the portal's API.
import { z } from 'zod';
import { say } from '../messages/say.js';
import { Email } from './fields.js';
import { LinkToken, OrganizationMembership } from './organizations.js';
import { PartnerId } from './partner-id.js';

export const ACCOUNT_KINDS = ['branch', 'partner', 'end-user'] as const;
export const AccountKind = z.enum(ACCOUNT_KINDS, { error: say('fields.accountKind') });
export type AccountKind = z.infer<typeof AccountKind>;

/** Branch (vendor staff) and Partner accounts are system integrators: one of them per system. */
export const isIntegrator = (kind: AccountKind) => kind === 'branch' || kind === 'partner';

export const NewPassword = z
  .string({ error: say('fields.passwordAsText') })
  .min(12, say('fields.passwordShort'))
  .max(256, say('fields.passwordTooLong'));

/** On log-on only the length is bounded: an old password must still be accepted. */
const Password = z.string({ error: say('fields.passwordAsText') }).min(1, say('fields.passwordEmpty')).max(256, say('fields.passwordTooLong'));

// Both codes are bounded before the spaces and dashes people type are taken out.
export const MfaCode = z
  .string({ error: say('fields.mfaCodeAsText') })
  .max(32, say('fields.mfaCode'))
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, say('fields.mfaCode')));

export const RecoveryCode = z
  .string({ error: say('fields.recoveryCodeAsText') })
  .max(32, say('fields.recoveryCode'))
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1'))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, say('fields.recoveryCode')));

export const SignUpInput = z.strictObject({
  email: Email,
  password: NewPassword,
  kind: AccountKind,
  name: z.string().trim().min(1, say('fields.nameEmpty')).max(200, say('fields.nameTooLong')),
  /** The organization's name: required for Partner and Branch; an End user's defaults to the person's name. Ignored with an invitation. */
  organization: z.string().trim().max(200, say('fields.organizationTooLong')).default(''),
  /** Partners only: the Partner ID; default the one the organization name proposes (GET /api/v1/partner-ids/proposal). */
  partnerId: PartnerId.optional(),
  /** A co-worker invitation's token: the account joins that organization as a member (its kind follows the organization's) and the invited address counts as verified. */
  invitation: LinkToken.optional(),
});

export const LogOnInput = z.strictObject({
  email: Email,
  password: Password,
  mfaCode: MfaCode.optional(),
  recoveryCode: RecoveryCode.optional(),
});

export const AccountView = z.strictObject({
  id: z.number().int(),
  email: z.string(),
  kind: AccountKind,
  name: z.string(),
  organization: z.string(),
  mfaEnabled: z.boolean(),
  /** Partner and Branch accounts must enrol before anything else. */
  mfaRequired: z.boolean(),
  /** The owner followed the link mailed to the address; until then the account can log on and verify, and nothing else. */
  emailVerified: z.boolean(),
  createdAt: z.string(),
  /** May decide Partner ID change requests (GET /api/v1/admin/...). */
  portalAdmin: z.boolean(),
  /** The account's organization and role there (GET /api/v1/me; the log-on answer leaves it out). */
  org: OrganizationMembership.optional(),
});
export type AccountView = z.infer<typeof AccountView>;

/**
 * The answer to a sign-up, the same whether or not the address had an account already (the owner
 * of an existing one is mailed instead), so sign-up does not tell who has an account.
 */
export const SignUpAnswer = z.strictObject({ email: z.string(), message: z.string() });
export type SignUpAnswer = z.infer<typeof SignUpAnswer>;

/** A verification link sent again. */
export const VerificationSent = z.strictObject({ email: z.string(), message: z.string() });

export const SessionView = z.strictObject({
  token: z.string(),
  expiresAt: z.string(),
  account: AccountView,
});

export const PasswordChangeInput = z.strictObject({ currentPassword: Password, newPassword: NewPassword });

export const MfaEnrolment = z.strictObject({
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as an SVG QR code, made on the portal: no image from the network. */
  qrSvg: z.string(),
});

export const MfaConfirmInput = z.strictObject({ code: MfaCode });
export const MfaConfirmed = z.strictObject({ recoveryCodes: z.array(z.string()) });
