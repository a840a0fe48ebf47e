// The registration form of DOMAIN.md (Installation and System Information, Site administrator,
// Warranty, Consent) as zod schemas. Shared by the portal, which enforces them, and the companion,
// which shows the same messages before anything is sent. Countries and states are ISO codes; the
// portal checks them against its geographic data set (portal/geo.ts).
import { z } from 'zod';
import { say } from '../messages/say.js';

/** The longest each field may be, before trimming; the page's inputs use the same numbers (maxLength). */
export const FIELD_MAX = {
  name: 200,
  company: 200,
  street: 300,
  city: 100,
  postalCode: 20,
  email: 254,
  phone: 40,
  systemTransition: 500,
  notes: 2000,
  reference: 100,
} as const;

// Every string is bounded as it comes in, before trim or any other work reads it. Each free-text
// field has its own sentences in the catalog: fields.<name>AsText, <name>TooLong and, where it is
// required, <name>Empty.
type RequiredText = 'siteName' | 'siteCompany' | 'siteStreet' | 'city' | 'postalCode' | 'adminName' | 'adminCompany' | 'adminStreet';
type OptionalText = 'systemTransition' | 'siteNotes' | 'warrantyReference' | 'warrantyNotes';

const text = (name: RequiredText, max: number) =>
  z
    .string({ error: say(`fields.${name}AsText`) })
    .max(max, say(`fields.${name}TooLong`, { max }))
    .transform((s) => s.trim())
    .pipe(z.string().min(1, say(`fields.${name}Empty`)));

const optionalText = (name: OptionalText, max: number) =>
  z
    .string({ error: say(`fields.${name}AsText`) })
    .max(max, say(`fields.${name}TooLong`, { max }))
    .transform((s) => s.trim())
    .default('');

export const Email = z
  .string({ error: say('fields.emailAsText') })
  .max(FIELD_MAX.email, say('fields.emailTooLong'))
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, say('fields.emailEmpty'))
      .max(254, say('fields.emailTooLong'))
      .pipe(z.email({ error: say('fields.emailInvalid') })),
  );

export const CountryCode = z
  .string({ error: say('fields.countryChoose') })
  .max(2, { message: say('fields.countryFromList'), abort: true })
  .regex(/^[A-Z]{2}$/, say('fields.countryFromList'));

export const StateCode = z
  .string({ error: say('fields.stateOrProvinceChoose') })
  .max(10, say('fields.stateFromList'))
  .regex(/^[A-Za-z0-9-]*$/, say('fields.stateFromList'))
  .default('');

/** International format, because sites and partners are in different countries. */
export const Phone = z
  .string({ error: say('fields.phoneAsText') })
  .max(FIELD_MAX.phone, say('fields.phoneTooLong'))
  .transform((s) => s.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, say('fields.phoneFormat')));

export const BUSINESS_SEGMENTS = [
  'Commercial office',
  'Data center',
  'Education',
  'Government',
  'Healthcare',
  'Hospitality',
  'Industrial',
  'Life sciences',
  'Residential',
  'Retail',
  'Transportation',
  'Other',
] as const;

export const SYSTEM_APPLICATIONS = [
  'HVAC control',
  'Energy management',
  'Lighting control',
  'Access control and security',
  'Power monitoring',
  'Room control',
  'Several of these',
  'Other',
] as const;

export const SITE_TYPES = ['single-site', 'multi-site'] as const;

export const Installation = z
  .strictObject({
    siteName: text('siteName', FIELD_MAX.name),
    siteCompany: text('siteCompany', FIELD_MAX.company),
    street: text('siteStreet', FIELD_MAX.street),
    country: CountryCode,
    state: StateCode,
    city: text('city', FIELD_MAX.city),
    postalCode: text('postalCode', FIELD_MAX.postalCode),
    contactEmail: Email,
    contactEmailConfirm: Email,
    segment: z.enum(BUSINESS_SEGMENTS, { error: say('fields.segment', { list: BUSINESS_SEGMENTS.join(', ') }) }),
    systemApplication: z.enum(SYSTEM_APPLICATIONS, { error: say('fields.application', { list: SYSTEM_APPLICATIONS.join(', ') }) }),
    /** Legacy systems that were on the site before, if any. */
    systemTransition: optionalText('systemTransition', FIELD_MAX.systemTransition),
    siteType: z.enum(SITE_TYPES, { error: say('fields.siteType') }),
  })
  .refine((i) => i.contactEmail.toLowerCase() === i.contactEmailConfirm.toLowerCase(), {
    path: ['contactEmailConfirm'],
    message: say('fields.emailsDiffer'),
  });
export type Installation = z.output<typeof Installation>;

export const SiteAdministrator = z.strictObject({
  name: text('adminName', FIELD_MAX.name),
  company: text('adminCompany', FIELD_MAX.company),
  phone: Phone,
  email: Email,
  street: text('adminStreet', FIELD_MAX.street),
  country: CountryCode,
  state: StateCode,
  city: text('city', FIELD_MAX.city),
  postalCode: text('postalCode', FIELD_MAX.postalCode),
  notes: optionalText('siteNotes', FIELD_MAX.notes),
});
export type SiteAdministrator = z.output<typeof SiteAdministrator>;

const IsoDate = z
  .string({ error: say('fields.date') })
  .max(10, { message: say('fields.date'), abort: true })
  .pipe(z.iso.date({ error: say('fields.date') }));

export const Warranty = z
  .strictObject({
    startDate: IsoDate,
    endDate: IsoDate,
    reference: optionalText('warrantyReference', FIELD_MAX.reference),
    notes: optionalText('warrantyNotes', FIELD_MAX.notes),
  })
  .refine((w) => w.endDate >= w.startDate, { path: ['endDate'], message: say('fields.warrantyEnds') });
export type Warranty = z.output<typeof Warranty>;

export const ConsentInput = z.strictObject({
  shareSystemInformation: z.boolean({ error: say('fields.consentSystem') }),
  sharePersonalInformation: z.boolean({ error: say('fields.consentPersonal') }),
});
export type ConsentInput = z.output<typeof ConsentInput>;

export const ConsentRecord = z.strictObject({
  given: z.boolean(),
  /** When it was last answered, and by which account's e-mail. */
  at: z.string().nullable(),
  by: z.string().nullable(),
});
