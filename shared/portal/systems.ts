// Registered systems as they cross the portal's API: register or modify by System ID, the view
// an owner gets, association of a new System ID, and the audit log.
import { z } from 'zod';
import { SystemId as TrimmedSystemId } from '../domain/server.js';
import { say } from '../messages/say.js';
import { INVISIBLE_CLASS } from '../text-safety.js';
import { ConsentInput, ConsentRecord, Email, Installation, SiteAdministrator, Warranty } from './fields.js';

/**
 * A System ID as typed: bounded before it is trimmed (room for stray spaces around 128 characters),
 * then trimmed, taken in NFC and refused with control, bidi or zero-width characters
 * (shared/domain/server.ts). The pattern states the last rule in the OpenAPI document.
 */
export const SystemId = z
  .string({ error: say('fields.systemIdAsText') })
  .max(256, { message: say('fields.systemIdTooLong'), abort: true })
  .pipe(TrimmedSystemId)
  .meta({
    description: 'Case-sensitive, exactly as the server shows it; surrounding white space is dropped and it is compared in Unicode NFC. At most 128 characters, none of them control, bidi or zero-width.',
    pattern: `^\\s*[^${INVISIBLE_CLASS}]+\\s*$`,
  });

/**
 * Register a new system, take up an invitation to its free integrator or end-user place, or
 * modify it. Sections left out stay as they are; a new registration needs installation and site
 * administrator. Consent is the end user's alone to give; until both answers are yes the
 * registration is pending consent.
 */
export const RegisterInput = z.strictObject({
  installation: Installation.optional(),
  siteAdministrator: SiteAdministrator.optional(),
  warranty: Warranty.nullable().optional(),
  consent: ConsentInput.optional(),
  /** The revision the form was filled from: a stale form is refused instead of overwriting. */
  expectedRevision: z.number().int().min(1).optional(),
});
export type RegisterInput = z.output<typeof RegisterInput>;

const Party = z.strictObject({ name: z.string(), organization: z.string(), email: z.string() }).nullable();

export const SystemIdRecord = z.strictObject({
  systemId: z.string(),
  associatedAt: z.string(),
  /** When a newer System ID replaced this one (a database wipe); null for the current one. */
  replacedAt: z.string().nullable(),
});

export const InvitationView = z.strictObject({
  email: z.string(),
  role: z.enum(['integrator', 'end-user']),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
});

/** The owner invites the account that may take the system's free place. */
export const InviteInput = z.strictObject({ email: Email });

export const RegistrationView = z.strictObject({
  registrationId: z.number().int(),
  systemId: z.string(),
  /** Every System ID this registration has had, oldest first. */
  systemIds: z.array(SystemIdRecord),
  /** Confirmed once both consents are given. */
  status: z.enum(['confirmed', 'pending-consent']),
  revision: z.number().int(),
  installation: Installation,
  siteAdministrator: SiteAdministrator,
  warranty: Warranty.nullable(),
  consent: z.strictObject({ shareSystemInformation: ConsentRecord, sharePersonalInformation: ConsentRecord }),
  integrator: Party,
  endUser: Party,
  /** Who was invited to the free place, newest last. */
  invitations: z.array(InvitationView),
  /** The caller's place on this system. */
  yourRole: z.enum(['integrator', 'end-user']),
  /** True once the end user has edited or is associated: the integrator may no longer edit installation or site administrator data. */
  integratorLocked: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

/** What the caller may do with a System ID: the portal's Proceed or Cancel. */
export const SystemAccess = z.strictObject({
  systemId: z.string(),
  access: z.enum(['unregistered', 'yours', 'claimable', 'taken', 'replaced']),
  message: z.string(),
});

export const AssociateInput = z.strictObject({ newSystemId: SystemId });

/** How the registration last reached its site: the companion reported it online, or a code was issued for an offline request. */
export const Delivery = z.enum(['online', 'offline']);

export const SystemSummary = z.strictObject({
  registrationId: z.number().int(),
  systemId: z.string(),
  siteName: z.string(),
  city: z.string(),
  country: z.string(),
  status: z.enum(['confirmed', 'pending-consent']),
  /** Null while it has reached no site (registered on the portal only). */
  delivery: Delivery.nullable(),
  yourRole: z.enum(['integrator', 'end-user']),
  updatedAt: z.string(),
});
export type SystemSummary = z.infer<typeof SystemSummary>;

export const SYSTEM_SORTS = ['systemId', 'siteName', 'city', 'country', 'status', 'updatedAt'] as const;
export const SYSTEM_PAGE_MAX = 200;

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

/** The account's systems, one page: search in System ID, site name, city and country; sorted; paged. */
export const SystemListQuery = z.strictObject({
  q: z.string({ error: say('fields.searchAsText') }).max(128, say('fields.searchTooLong')).optional(),
  sort: z.enum(SYSTEM_SORTS, { error: say('fields.sortBy', { sorts: SYSTEM_SORTS.join(', ') }) }).default('updatedAt'),
  order: z.enum(['asc', 'desc'], { error: say('fields.order') }).default('desc'),
  offset: intParam('offset', 0, 1_000_000).default(0),
  limit: intParam('limit', 1, SYSTEM_PAGE_MAX).default(50),
});
export type SystemListQuery = z.output<typeof SystemListQuery>;

export const SystemPage = z.strictObject({
  /** Systems matching the search, on every page. */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  items: z.array(SystemSummary),
});
export type SystemPage = z.infer<typeof SystemPage>;

export const AuditEntry = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
