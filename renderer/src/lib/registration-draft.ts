// The registration form as the person fills it (all text), and its conversion to what the portal
// takes, checked with the same shared schemas the portal enforces, so the same messages show
// next to the same fields before anything is sent; issueText says them in the active language.
import { BUSINESS_SEGMENTS, ConsentInput, Installation, SiteAdministrator, SYSTEM_APPLICATIONS, Warranty } from '../../../shared/portal/fields.js';
import type { RegisterInput, RegistrationView } from '../../../shared/portal/systems.js';
import { applicationLabel, segmentLabel } from '../components/systems/format.js';
import { t } from '../i18n/index.js';
import { localize } from '../i18n/said.js';
import { recognise } from '../../../shared/messages/recognise.js';
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
// shared/portal/fields.ts builds its messages from the catalog (shared/messages), for the portal
// and the companion alike: localize() says them in the active language. A segment's or an
// application's message lists the values the portal keeps; the form shows their labels instead.

const LIST_LABELS: Record<string, (value: string) => string> = { 'fields.segment': segmentLabel, 'fields.application': applicationLabel };
const LISTED: Record<string, readonly string[]> = { 'fields.segment': BUSINESS_SEGMENTS, 'fields.application': SYSTEM_APPLICATIONS };

/** A field's message, as the shared schema or the portal gave it, in the active language. */
export function issueText(message: string): string {
  const found = recognise(message);
  const label = found && LIST_LABELS[found.key];
  if (!found || !label) return localize(message);
  const list = LISTED[found.key]!.map(label).join(', ');
  return (t as unknown as (key: string, options: object) => string)(`said.${found.key}`, { list });
}
