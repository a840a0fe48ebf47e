// The registration form of DOMAIN.md (Installation and System Information, Site administrator,
// Warranty, Consent) as zod schemas. Shared by the portal, which enforces them, and the companion,
// which shows the same messages before anything is sent. Countries and states are ISO codes; the
// portal checks them against its geographic data set (portal/geo.ts).
import { z } from 'zod';

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

// Every string is bounded as it comes in, before trim or any other work reads it.
const text = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label} as text.` })
    .max(max, `The ${label} is at most ${max} characters.`)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `Enter the ${label}.`));

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label} as text.` })
    .max(max, `The ${label} is at most ${max} characters.`)
    .transform((s) => s.trim())
    .default('');

export const Email = z
  .string({ error: 'Enter the e-mail address as text.' })
  .max(FIELD_MAX.email, 'An e-mail address is at most 254 characters.')
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'Enter the e-mail address.')
      .max(254, 'An e-mail address is at most 254 characters.')
      .pipe(z.email({ error: 'This is not an e-mail address: please re-enter it, for example name@example.com.' })),
  );

export const CountryCode = z
  .string({ error: 'Choose a country.' })
  .max(2, { message: 'Choose a country from the list (a two-letter ISO code such as FR).', abort: true })
  .regex(/^[A-Z]{2}$/, 'Choose a country from the list (a two-letter ISO code such as FR).');

export const StateCode = z
  .string({ error: 'Choose a state or province.' })
  .max(10, 'Choose a state or province from the list.')
  .regex(/^[A-Za-z0-9-]*$/, 'Choose a state or province from the list.')
  .default('');

/** International format, because sites and partners are in different countries. */
export const Phone = z
  .string({ error: 'Enter the phone number as text.' })
  .max(FIELD_MAX.phone, 'A phone number is at most 40 characters.')
  .transform((s) => s.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'Start the phone number with + and the country code, for example +44 20 7946 0000.'));

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
    siteName: text('site or building name', FIELD_MAX.name),
    siteCompany: text('site company name', FIELD_MAX.company),
    street: text('site address', FIELD_MAX.street),
    country: CountryCode,
    state: StateCode,
    city: text('city', FIELD_MAX.city),
    postalCode: text('zip or postal code', FIELD_MAX.postalCode),
    contactEmail: Email,
    contactEmailConfirm: Email,
    segment: z.enum(BUSINESS_SEGMENTS, { error: `Choose a segment: ${BUSINESS_SEGMENTS.join(', ')}.` }),
    systemApplication: z.enum(SYSTEM_APPLICATIONS, { error: `Choose what the system is commissioned for: ${SYSTEM_APPLICATIONS.join(', ')}.` }),
    /** Legacy systems that were on the site before, if any. */
    systemTransition: optionalText('system transition', FIELD_MAX.systemTransition),
    siteType: z.enum(SITE_TYPES, { error: 'Choose single-site or multi-site.' }),
  })
  .refine((i) => i.contactEmail.toLowerCase() === i.contactEmailConfirm.toLowerCase(), {
    path: ['contactEmailConfirm'],
    message: 'The two contact e-mail addresses differ: type the same address twice.',
  });
export type Installation = z.output<typeof Installation>;

export const SiteAdministrator = z.strictObject({
  name: text('site administrator name', FIELD_MAX.name),
  company: text('site administrator company', FIELD_MAX.company),
  phone: Phone,
  email: Email,
  street: text('site administrator address', FIELD_MAX.street),
  country: CountryCode,
  state: StateCode,
  city: text('city', FIELD_MAX.city),
  postalCode: text('zip or postal code', FIELD_MAX.postalCode),
  notes: optionalText('site notes', FIELD_MAX.notes),
});
export type SiteAdministrator = z.output<typeof SiteAdministrator>;

const IsoDate = z
  .string({ error: 'Use a date as YYYY-MM-DD.' })
  .max(10, { message: 'Use a date as YYYY-MM-DD.', abort: true })
  .pipe(z.iso.date({ error: 'Use a date as YYYY-MM-DD.' }));

export const Warranty = z
  .strictObject({
    startDate: IsoDate,
    endDate: IsoDate,
    reference: optionalText('warranty reference', FIELD_MAX.reference),
    notes: optionalText('warranty notes', FIELD_MAX.notes),
  })
  .refine((w) => w.endDate >= w.startDate, { path: ['endDate'], message: 'The warranty cannot end before it starts.' });
export type Warranty = z.output<typeof Warranty>;

export const ConsentInput = z.strictObject({
  shareSystemInformation: z.boolean({ error: 'Answer yes or no to sharing system information.' }),
  sharePersonalInformation: z.boolean({ error: 'Answer yes or no to sharing personal information.' }),
});
export type ConsentInput = z.output<typeof ConsentInput>;

export const ConsentRecord = z.strictObject({
  given: z.boolean(),
  /** When it was last answered, and by which account's e-mail. */
  at: z.string().nullable(),
  by: z.string().nullable(),
});
