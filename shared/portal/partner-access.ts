// Customers and partner access as they cross the portal's API (docs/partners.md, Customers and
// partner access): a customer's partners and what each may do, a partner's customers, the
// read-only view of a customer's systems, API keys and customer invitations.
//
// The read-only view (SharedSystems) is its own schema, built from the database rows field by
// field (portal/services/partner-access-service.ts); it is never a full view with fields taken
// out. Every object is strict, and the portal parses each answer with it before it leaves, so a
// field nobody listed here cannot slip in.
import { z } from 'zod';
import { say } from '../messages/say.js';
import { CountryCode, Email, FIELD_MAX } from './fields.js';
import { PartnerId } from './partner-id.js';

/** The make of every server the portal knows of: EcoStruxure Building Operation servers are Schneider Electric's. */
export const SERVER_MAKE = 'Schneider Electric';

/** An organization's number as it appears in an address (`/customers/12/...`). */
const idParam = (name: 'customer' | 'apiKey' | 'invitation') => {
  const message = say(`partners.${name}IdFormat`);
  return z
    .string({ error: message })
    .max(12, { message, abort: true })
    .regex(/^[1-9]\d*$/, message)
    .transform(Number)
    .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER, message));
};

export const CustomerParams = z.strictObject({ customerId: idParam('customer') });
export const ApiKeyParams = z.strictObject({ customerId: idParam('customer'), keyId: idParam('apiKey') });
export const PartnerParams = z.strictObject({ partnerId: PartnerId });
export const InvitationParams = z.strictObject({ invitationId: idParam('invitation') });
/** An invitation link's token: base64url of 32 bytes. */
export const TokenParams = z.strictObject({
  token: z
    .string({ error: say('partners.tokenFormat') })
    .max(64, { message: say('partners.tokenFormat'), abort: true })
    .regex(/^[A-Za-z0-9_-]{43}$/, say('partners.tokenFormat')),
});

/** Found by Partner ID: the partner and the person to talk to (its first administrator). */
export const PartnerFound = z.strictObject({
  partnerId: z.string(),
  name: z.string(),
  contact: z.strictObject({ name: z.string(), email: z.string() }).nullable(),
});
export type PartnerFound = z.infer<typeof PartnerFound>;

export const AddPartnerInput = z.strictObject({ partnerId: PartnerId });

/** What a partner may do for a customer, besides reading the read-only view. */
export const AccessInput = z.strictObject({
  administrator: z.boolean({ error: say('partners.accessFlag', { name: 'administrator' }) }),
  api: z.boolean({ error: say('partners.accessFlag', { name: 'api' }) }),
});
export type AccessInput = z.infer<typeof AccessInput>;

/** One of a customer's partners, as the customer's people see it. */
export const PartnerLink = z.strictObject({
  partnerId: z.string(),
  name: z.string(),
  /** Full administrator permission for the customer's systems (as their integrator). */
  administrator: z.boolean(),
  /** API device data: the partner may make API keys for this customer. */
  api: z.boolean(),
  addedAt: z.string(),
  updatedAt: z.string(),
});
export type PartnerLink = z.infer<typeof PartnerLink>;

/** One of a partner's customers, as the partner's people see it. */
export const CustomerView = z.strictObject({
  customerId: z.number().int(),
  name: z.string(),
  country: z.string(),
  administrator: z.boolean(),
  api: z.boolean(),
  addedAt: z.string(),
  /** Systems whose end user belongs to the customer. */
  systems: z.number().int(),
});
export type CustomerView = z.infer<typeof CustomerView>;

/** A server of the latest inventory report, as a read-only partner sees it. */
export const SharedServer = z.strictObject({
  name: z.string(),
  make: z.literal(SERVER_MAKE),
  model: z.string().nullable(),
  serialNumber: z.string().nullable(),
  firmwareVersion: z.string().nullable(),
  /** Only its last two segments (`*.*.10.5`, `…:abcd:ef01`); null for a host name or none. */
  ipAddress: z.string().nullable(),
});
export type SharedServer = z.infer<typeof SharedServer>;

/** A system of the customer, as a read-only partner sees it: no System ID, no person, no address beyond the country. */
export const SharedSystem = z.strictObject({
  /** The portal's number of the registration: tells systems apart, says nothing of the site. */
  registrationId: z.number().int(),
  status: z.enum(['confirmed', 'pending-consent']),
  country: z.string(),
  /** When the servers below were reported; null when no inventory was ever reported. */
  reportedAt: z.string().nullable(),
  servers: z.array(SharedServer),
});
export type SharedSystem = z.infer<typeof SharedSystem>;

export const SharedSystems = z.strictObject({
  customerId: z.number().int(),
  name: z.string(),
  systems: z.array(SharedSystem),
});
export type SharedSystems = z.infer<typeof SharedSystems>;

/**
 * With Administrator access: the customer's systems by System ID, to open the full registration
 * (GET /api/v1/customers/:customerId/systems/:systemId). A read-only partner gets 403.
 */
export const AdministeredSystem = z.strictObject({
  registrationId: z.number().int(),
  systemId: z.string(),
  siteName: z.string(),
  status: z.enum(['confirmed', 'pending-consent']),
  updatedAt: z.string(),
});

export const ApiKeyView = z.strictObject({
  id: z.number().int(),
  /** The key's first characters (`bmsk_AbCd1234`), to tell keys apart; never the secret. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** A new key: the only time the portal shows it (it keeps its SHA-256 alone). */
export const NewApiKey = ApiKeyView.extend({ key: z.string() });

const invitationText = (name: 'organizationName' | 'street' | 'city' | 'postalCode', max: number) =>
  z
    .string({ error: say(`partners.${name}AsText`) })
    .max(max, say(`partners.${name}TooLong`, { max }))
    .transform((s) => s.trim())
    .pipe(z.string().min(1, say(`partners.${name}Empty`)));

export const CustomerInvitationInput = z.strictObject({
  organizationName: invitationText('organizationName', FIELD_MAX.company),
  street: invitationText('street', FIELD_MAX.street),
  city: invitationText('city', FIELD_MAX.city),
  postalCode: invitationText('postalCode', FIELD_MAX.postalCode),
  country: CountryCode,
  contactEmail: Email,
});
export type CustomerInvitationInput = z.output<typeof CustomerInvitationInput>;

export const INVITATION_STATES = ['open', 'accepted', 'expired', 'revoked'] as const;

/** A customer invitation, as the partner who sent it sees it. */
export const CustomerInvitationView = z.strictObject({
  id: z.number().int(),
  organizationName: z.string(),
  street: z.string(),
  city: z.string(),
  postalCode: z.string(),
  country: z.string(),
  contactEmail: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  state: z.enum(INVITATION_STATES),
  acceptedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type CustomerInvitationView = z.infer<typeof CustomerInvitationView>;

/** What a customer invitation link stands for, to anyone who has it; `message` says why it cannot be used. */
export const CustomerInvitationLink = z.strictObject({
  state: z.enum(['open', 'accepted', 'expired', 'revoked', 'unknown']),
  message: z.string(),
  /** Null for a link that is not one. */
  invitation: z
    .strictObject({
      organizationName: z.string(),
      contactEmail: z.string(),
      expiresAt: z.string(),
      partner: z.strictObject({ partnerId: z.string(), name: z.string() }),
    })
    .nullable(),
});
export type CustomerInvitationLink = z.infer<typeof CustomerInvitationLink>;
