// The registration form as the person fills it (all text), and its conversion to what the portal
// takes, checked with the same shared schemas the portal enforces, so the same messages show
// next to the same fields before anything is sent; issueText words them in the active language.
import type { TFunction } from 'i18next';
import { BUSINESS_SEGMENTS, ConsentInput, FIELD_MAX, Installation, SiteAdministrator, SYSTEM_APPLICATIONS, Warranty } from '../../../shared/portal/fields.js';
import type { RegisterInput, RegistrationView } from '../../../shared/portal/systems.js';
import { applicationLabel, segmentLabel } from '../components/systems/format.js';
import type { en } from '../i18n/en.js';
import { i18n, t } from '../i18n/index.js';
import { zodIssues, type FieldIssue } from './errors.js';

export interface InstallationDraft {
  siteName: string;
  siteCompany: string;
  street: string;
  country: string;
  state: string;
  city: string;
  postalCode: string;
  contactEmail: string;
  contactEmailConfirm: string;
  segment: string;
  systemApplication: string;
  systemTransition: string;
  siteType: string;
}

export interface AdministratorDraft {
  name: string;
  company: string;
  phone: string;
  email: string;
  street: string;
  country: string;
  state: string;
  city: string;
  postalCode: string;
  notes: string;
}

export interface WarrantyDraft {
  include: boolean;
  startDate: string;
  endDate: string;
  reference: string;
  notes: string;
}

export interface RegistrationDraft {
  installation: InstallationDraft;
  siteAdministrator: AdministratorDraft;
  warranty: WarrantyDraft;
  consent: { shareSystemInformation: boolean; sharePersonalInformation: boolean };
}

export const emptyForm = (): RegistrationDraft => ({
  installation: {
    siteName: '',
    siteCompany: '',
    street: '',
    country: '',
    state: '',
    city: '',
    postalCode: '',
    contactEmail: '',
    contactEmailConfirm: '',
    segment: '',
    systemApplication: '',
    systemTransition: '',
    siteType: 'single-site',
  },
  siteAdministrator: { name: '', company: '', phone: '', email: '', street: '', country: '', state: '', city: '', postalCode: '', notes: '' },
  warranty: { include: false, startDate: '', endDate: '', reference: '', notes: '' },
  consent: { shareSystemInformation: false, sharePersonalInformation: false },
});

export function formFromView(view: RegistrationView): RegistrationDraft {
  const w = view.warranty;
  return {
    installation: { ...view.installation, systemTransition: view.installation.systemTransition ?? '' },
    siteAdministrator: { ...view.siteAdministrator, notes: view.siteAdministrator.notes ?? '' },
    warranty: w ? { include: true, startDate: w.startDate, endDate: w.endDate, reference: w.reference ?? '', notes: w.notes ?? '' } : emptyForm().warranty,
    consent: { shareSystemInformation: view.consent.shareSystemInformation.given, sharePersonalInformation: view.consent.sharePersonalInformation.given },
  };
}

export interface FormRules {
  /** Partner and Branch accounts edit the warranty; end users do not. */
  integrator: boolean;
  /** The end user owns installation and site administrator data now: the integrator leaves them out. */
  addressesLocked: boolean;
  revision: number | null;
}

/** What to send, or every field's message. */
export function toRegisterInput(draft: RegistrationDraft, rules: FormRules): { input: RegisterInput; issues: [] } | { input: null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const input: Record<string, unknown> = {};
  if (!rules.addressesLocked) {
    const installation = Installation.safeParse(draft.installation);
    if (installation.success) input.installation = installation.data;
    else issues.push(...zodIssues(installation.error, 'installation'));
    const administrator = SiteAdministrator.safeParse(draft.siteAdministrator);
    if (administrator.success) input.siteAdministrator = administrator.data;
    else issues.push(...zodIssues(administrator.error, 'siteAdministrator'));
  }
  if (rules.integrator) {
    if (draft.warranty.include) {
      const { include: _include, ...fields } = draft.warranty;
      const warranty = Warranty.safeParse(fields);
      if (warranty.success) input.warranty = warranty.data;
      else issues.push(...zodIssues(warranty.error, 'warranty'));
    } else if (rules.revision !== null) {
      input.warranty = null;
    }
  }
  // Consent is the end user's alone: an integrator's form never sends it.
  if (!rules.integrator) input.consent = ConsentInput.parse(draft.consent);
  if (rules.revision !== null) input.expectedRevision = rules.revision;
  return issues.length ? { input: null, issues } : { input: input as RegisterInput, issues: [] };
}

// --- The schemas' messages in the active language ---------------------------------------------
// shared/portal/fields.ts words its messages in English, for the portal and the companion alike,
// and an issue carries only its path and that message. A message the shared schemas make (here,
// or the portal's same check) is recognised by its English wording at its path and worded again;
// any other (the portal's own checks, such as a state not in its data set) stays as it came.

type FieldName = keyof typeof en.systems.form.issues.field;
type IssueKey = Exclude<keyof typeof en.systems.form.issues, 'field'>;

/** Free-text fields: path → the name the schema gives it, and its longest length. */
const TEXT_FIELDS: Record<string, [FieldName, number]> = {
  'installation.siteName': ['siteName', FIELD_MAX.name],
  'installation.siteCompany': ['siteCompany', FIELD_MAX.company],
  'installation.street': ['siteStreet', FIELD_MAX.street],
  'installation.city': ['city', FIELD_MAX.city],
  'installation.postalCode': ['postalCode', FIELD_MAX.postalCode],
  'installation.systemTransition': ['systemTransition', FIELD_MAX.systemTransition],
  'siteAdministrator.name': ['adminName', FIELD_MAX.name],
  'siteAdministrator.company': ['adminCompany', FIELD_MAX.company],
  'siteAdministrator.street': ['adminStreet', FIELD_MAX.street],
  'siteAdministrator.city': ['city', FIELD_MAX.city],
  'siteAdministrator.postalCode': ['postalCode', FIELD_MAX.postalCode],
  'siteAdministrator.notes': ['siteNotes', FIELD_MAX.notes],
  'warranty.reference': ['warrantyReference', FIELD_MAX.reference],
  'warranty.notes': ['warrantyNotes', FIELD_MAX.notes],
};

const EMAIL = ['emailAsText', 'emailTooLong', 'emailEnter', 'emailInvalid'] as const;
const COUNTRY = ['countryChoose', 'countryFromList'] as const;
const STATE = ['stateChoose', 'stateFromList'] as const;
/** The other fields: path → the messages their schema can make. */
const FIXED: Record<string, readonly IssueKey[]> = {
  'installation.contactEmail': EMAIL,
  'installation.contactEmailConfirm': [...EMAIL, 'emailsDiffer'],
  'installation.country': COUNTRY,
  'installation.state': STATE,
  'installation.siteType': ['siteType'],
  'siteAdministrator.email': EMAIL,
  'siteAdministrator.country': COUNTRY,
  'siteAdministrator.state': STATE,
  'siteAdministrator.phone': ['phoneAsText', 'phoneTooLong', 'phoneFormat'],
  'warranty.startDate': ['date'],
  'warranty.endDate': ['date', 'warrantyEnds'],
  'consent.shareSystemInformation': ['consentSystem'],
  'consent.sharePersonalInformation': ['consentPersonal'],
};

const english: TFunction = i18n.getFixedT('en');

/** The segments' and applications' list, as the schema words it (the values) or as the form labels them. */
const choices = (values: readonly string[], label: (value: string) => string, inEnglish: boolean) => values.map((v) => (inEnglish ? v : label(v))).join(', ');

/** Each message the schema can make at a path: its key, and its values in English or in the active language. */
function candidates(path: string): [IssueKey, (inEnglish: boolean) => Record<string, string | number>][] {
  const text = TEXT_FIELDS[path];
  if (text) {
    const [name, max] = text;
    const field = (inEnglish: boolean) => ({ field: (inEnglish ? english : t)(`systems.form.issues.field.${name}`), max });
    return [['enter', field], ['asText', field], ['tooLong', field]];
  }
  if (path === 'installation.segment') return [['segment', (inEnglish) => ({ list: choices(BUSINESS_SEGMENTS, segmentLabel, inEnglish) })]];
  if (path === 'installation.systemApplication') return [['application', (inEnglish) => ({ list: choices(SYSTEM_APPLICATIONS, applicationLabel, inEnglish) })]];
  return (FIXED[path] ?? []).map((key) => [key, () => ({})]);
}

/**
 * A field's message in the active language: `path` as the form names the field
 * ("installation.siteName"), `message` as the shared schema or the portal gave it.
 */
export function issueText(path: string, message: string): string {
  for (const [key, values] of candidates(path)) {
    if (english(`systems.form.issues.${key}`, values(true)) === message) return t(`systems.form.issues.${key}`, values(false));
  }
  return message;
}
