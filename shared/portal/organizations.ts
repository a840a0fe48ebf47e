// Organizations as they cross the portal's API (docs/partners.md): the caller's organization and
// its members, co-worker invitations, Partner ID proposals and change requests, and the
// organization's audit log.
import { z } from 'zod';
import { say } from '../messages/say.js';
import { PartnerId } from './partner-id.js';

export const ORGANIZATION_KINDS = ['partner', 'customer', 'branch'] as const;
export const OrganizationKind = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

/** The organization kind an account kind makes, and the account kind an organization gives its members. */
export const organizationKindOf = (kind: 'branch' | 'partner' | 'end-user'): OrganizationKind => (kind === 'end-user' ? 'customer' : kind);
export const accountKindOf = (kind: OrganizationKind): 'branch' | 'partner' | 'end-user' => (kind === 'customer' ? 'end-user' : kind);

export const ORGANIZATION_ROLES = ['administrator', 'member'] as const;
export const OrganizationRole = z.enum(ORGANIZATION_ROLES, { error: say('organizations.roleChoice') });
export type OrganizationRole = z.infer<typeof OrganizationRole>;

/** Co-worker invitation links work this many days (docs/partners.md). */
export const COWORKER_INVITATION_DAYS = 7;

/** The organization an account belongs to, and its role there. */
export const OrganizationMembership = z.strictObject({
  id: z.number().int(),
  kind: OrganizationKind,
  name: z.string(),
  /** Partners only; null for customer and branch organizations. */
  partnerId: z.string().nullable(),
  role: OrganizationRole,
});
export type OrganizationMembership = z.infer<typeof OrganizationMembership>;

export const MemberView = z.strictObject({
  accountId: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: OrganizationRole,
  /** When the person joined this organization (signed up with it, accepted an invitation, or left another). */
  joinedAt: z.string(),
});
export type MemberView = z.infer<typeof MemberView>;

export const PARTNER_ID_REQUEST_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export const PartnerIdRequestView = z.strictObject({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  currentId: z.string(),
  requestedId: z.string(),
  reason: z.string(),
  requestedBy: z.strictObject({ name: z.string(), email: z.string() }).nullable(),
  requestedAt: z.string(),
  state: z.enum(PARTNER_ID_REQUEST_STATES),
  decidedAt: z.string().nullable(),
  note: z.string(),
});
export type PartnerIdRequestView = z.infer<typeof PartnerIdRequestView>;

export const OrganizationView = OrganizationMembership.extend({
  members: z.array(MemberView),
  /** The Partner ID change request waiting for a portal administrator, if any. */
  pendingPartnerIdRequest: PartnerIdRequestView.nullable(),
});
export type OrganizationView = z.infer<typeof OrganizationView>;

/** The e-mail of a co-worker invitation, with the seed's sentences (docs/partners.md, Co-workers). */
export const CoworkerEmail = z
  .string({ error: say('organizations.enterEmail') })
  .max(320, say('organizations.invalidEmail'))
  .transform((s) => s.trim())
  .pipe(z.string().min(1, say('organizations.enterEmail')).max(254, say('organizations.invalidEmail')).pipe(z.email({ error: say('organizations.invalidEmail') })));

export const InviteCoworkerInput = z.strictObject({ email: CoworkerEmail });

export const CoworkerInvitationView = z.strictObject({
  id: z.number().int(),
  email: z.string(),
  invitedBy: z.strictObject({ name: z.string(), email: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** How many mails carried a link (the first, and each sent again). */
  sentCount: z.number().int(),
  /** Past its time: it can be sent again (a new link) or revoked. */
  expired: z.boolean(),
});
export type CoworkerInvitationView = z.infer<typeof CoworkerInvitationView>;

/** The answer to an invitation sent (and sent again): the seed's dialog, and the invitation. */
export const InvitationSent = z.strictObject({ title: z.string(), message: z.string(), invitation: CoworkerInvitationView });

/** The token of a link: base64url of 32 bytes (portal/auth/tokens.ts newLinkToken). */
export const LinkToken = z
  .string({ error: say('organizations.linkInvalid') })
  .max(64, { message: say('organizations.linkInvalid'), abort: true })
  .regex(/^[A-Za-z0-9_-]{43}$/, say('organizations.linkInvalid'));

/** What a co-worker invitation link stands for, for the page that opens it. */
export const CoworkerInvitationLink = z.strictObject({
  organizationName: z.string(),
  organizationKind: OrganizationKind,
  email: z.string(),
  expiresAt: z.string(),
  invitedBy: z.string(),
});

export const JoinedAnswer = z.strictObject({ message: z.string(), organization: OrganizationMembership });

/** An account's, invitation's or request's number in an address: bounded before it is read. */
const numberParam = (message: string) => z.string({ error: message }).max(12, { message, abort: true }).regex(/^\d{1,12}$/, message).transform(Number);

export const MemberParams = z.strictObject({ accountId: numberParam(say('organizations.accountIdNumber')) });
export const CoworkerInvitationParams = z.strictObject({ invitationId: numberParam(say('organizations.invitationIdNumber')) });
export const RequestParams = z.strictObject({ requestId: numberParam(say('organizations.requestIdNumber')) });
export const InvitationTokenParams = z.strictObject({ token: LinkToken });

export const MemberRoleInput = z.strictObject({ role: OrganizationRole });

export const PartnerIdProposalQuery = z.strictObject({
  name: z.string({ error: say('organizations.nameAsText') }).max(200, say('fields.organizationTooLong')).optional(),
  /** A Partner ID the person typed instead: only whether it is free is said. */
  partnerId: PartnerId.optional(),
});

export const PartnerIdProposal = z.strictObject({
  /** The ID proposed from the name (or the one asked about); null when the name gives none. */
  partnerId: z.string().nullable(),
  free: z.boolean(),
  /** When it is taken: the first free one after it (ACME_INC_2). */
  alternative: z.string().nullable(),
  message: z.string(),
});

export const PartnerIdRequestInput = z.strictObject({
  partnerId: PartnerId,
  reason: z.string({ error: say('organizations.reasonEmpty') }).trim().min(1, say('organizations.reasonEmpty')).max(1000, say('organizations.reasonTooLong')),
});

export const RequestListQuery = z.strictObject({
  state: z.enum(PARTNER_ID_REQUEST_STATES, { error: say('organizations.requestState', { states: PARTNER_ID_REQUEST_STATES.join(', ') }) }).default('pending'),
});

export const RejectInput = z.strictObject({
  note: z.string({ error: say('organizations.noteEmpty') }).trim().min(1, say('organizations.noteEmpty')).max(1000, say('organizations.noteTooLong')),
});

/** `parameter` is the query parameter's own name (offset, limit), not a word to translate. */
const intParam = (parameter: string, min: number, max: number) => {
  const range = say('fields.queryRange', { parameter, min, max });
  return z
    .string({ error: say('fields.queryNumber', { parameter }) })
    .max(10, { message: range, abort: true })
    .regex(/^\d+$/, range)
    .transform(Number)
    .pipe(z.number().int().min(min, range).max(max, range));
};

export const AUDIT_PAGE_MAX = 200;
export const AuditQuery = z.strictObject({
  offset: intParam('offset', 0, 1_000_000).default(0),
  limit: intParam('limit', 1, AUDIT_PAGE_MAX).default(50),
});

export const OrganizationAuditEntry = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  /** Who did it (null: the portal itself, or an account since deleted). */
  actor: z.strictObject({ name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type OrganizationAuditEntry = z.infer<typeof OrganizationAuditEntry>;

export const AuditPage = z.strictObject({
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  /** Newest first. */
  items: z.array(OrganizationAuditEntry),
});

export const Message = z.strictObject({ message: z.string() });
