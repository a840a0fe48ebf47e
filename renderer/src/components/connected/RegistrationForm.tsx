import { useEffect, useRef, useState } from 'react';
import { BUSINESS_SEGMENTS, FIELD_MAX, SITE_TYPES, SYSTEM_APPLICATIONS } from '../../../../shared/portal/fields.js';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { fieldMessages, type ContractError } from '../../lib/errors.js';
import { focusSoon } from '../../lib/focus.js';
import { AddressFields, SelectField, TextField } from './Fields.js';
import type { AdministratorDraft, FormRules, InstallationDraft, RegistrationDraft, WarrantyDraft } from '../../lib/registration-draft.js';

interface Props {
  draft: RegistrationDraft;
  rules: FormRules;
  view: RegistrationView | null;
  dirty: boolean;
  busy: boolean;
  error: ContractError | null;
  onChange(change: (draft: RegistrationDraft) => RegistrationDraft): void;
  onSubmit(): void;
  /** Registering from the site: the button also writes to the servers, so it stays enabled when nothing changed. */
  siteSubmit?: string;
}

const ADDRESS_KEYS = ['street', 'country', 'state', 'city', 'postalCode'] as const;
const addressOf = (from: InstallationDraft) => Object.fromEntries(ADDRESS_KEYS.map((k) => [k, from[k]])) as Pick<AdministratorDraft, (typeof ADDRESS_KEYS)[number]>;
const sameAddress = (a: AdministratorDraft, i: InstallationDraft) => ADDRESS_KEYS.every((k) => a[k] === i[k]);

const SITE_TYPE_LABELS: Record<(typeof SITE_TYPES)[number], string> = { 'single-site': 'Single site', 'multi-site': 'Multi site' };

/** Installation and system information, site administrator, warranty (integrators), consent. */
export function RegistrationForm({ draft, rules, view, dirty, busy, error, onChange, onSubmit, siteSubmit }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const at = (path: string) => fieldMessages(error?.issues, path, ['registration'])[0];
  const inst = (change: Partial<InstallationDraft>) => onChange((d) => ({ ...d, installation: { ...d.installation, ...change } }));
  const admin = (change: Partial<AdministratorDraft>) => onChange((d) => ({ ...d, siteAdministrator: { ...d.siteAdministrator, ...change } }));
  const warranty = (change: Partial<WarrantyDraft>) => onChange((d) => ({ ...d, warranty: { ...d.warranty, ...change } }));
  const i = draft.installation;
  const a = draft.siteAdministrator;
  const w = draft.warranty;
  const issueCount = error?.issues?.length ?? 0;
  // The site administrator's address, when it is the site's: kept equal to it while ticked.
  const [adminAtSite, setAdminAtSite] = useState(() => !!i.street && sameAddress(a, i));
  useEffect(() => {
    if (adminAtSite && !sameAddress(a, i)) admin(addressOf(i));
  });
  // A save that went through says so (and takes focus), not only by a disabled button.
  const [saved, setSaved] = useState<string | null>(null);
  const pending = useRef<{ wasNew: boolean; revision: number } | null>(null);
  useEffect(() => {
    if (!pending.current || busy) return;
    if (!error && view && view.revision !== pending.current.revision) {
      setSaved(pending.current.wasNew ? `Registered on the portal: ${view.status === 'confirmed' ? 'confirmed' : 'pending the end user’s consent'}, revision ${view.revision}.` : `Changes saved: revision ${view.revision}.`);
      focusSoon('[data-testid="form-saved"]');
      pending.current = null;
    } else if (error) pending.current = null;
  }, [busy, error, view]);
  const sectionIssue = (name: string) => at(name);
  // The companion's own validation message names paths ("portal.system.register: registration..."); say it plainly.
  const summary = !error ? null : issueCount && (error.code === 'invalid_input' && /^[\w.]+: /.test(error.message) || !error.message) ? `Check the ${issueCount === 1 ? 'field' : `${issueCount} fields`} marked.` : error.message;

  return (
    <form
      ref={form}
      className="card registration-form"
      aria-labelledby="form-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        pending.current = { wasNew: !view, revision: view?.revision ?? -1 };
        onSubmit();
        // After the answer, the first field with a message gets the focus.
        setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 300);
      }}
    >
      <div className="card-head">
        <h2 id="form-title">{view ? 'Registration' : 'New registration'}</h2>
        {view && (
          <span className={`badge ${view.status === 'confirmed' ? 'badge-registered' : 'badge-needs-reassociation'}`} data-testid="registration-status">
            {view.status === 'confirmed' ? 'Confirmed' : 'Pending consent'} · revision {view.revision}
          </span>
        )}
      </div>
      <p className="muted small">
        Fields marked <span className="required">*</span> are required.
        {view?.integrator && <> Integrator: {view.integrator.organization || view.integrator.name}.</>}
        {view?.endUser && <> End user: {view.endUser.name}.</>}
      </p>

      <fieldset disabled={rules.addressesLocked}>
        <legend>Installation and system information</legend>
        {rules.addressesLocked && (
          <p className="notice small">The end user has edited this system or is associated with it: installation and site administrator data are theirs to change now.</p>
        )}
        {sectionIssue('installation') && (
          <p className="field-error" role="alert">
            {sectionIssue('installation')}
          </p>
        )}
        <div className="field-row">
          <TextField id="inst-siteName" label="Site or building name" required value={i.siteName} maxLength={FIELD_MAX.name} onChange={(siteName) => inst({ siteName })} error={at('installation.siteName')} />
          <TextField id="inst-siteCompany" label="Site company name" required value={i.siteCompany} maxLength={FIELD_MAX.company} onChange={(siteCompany) => inst({ siteCompany })} error={at('installation.siteCompany')} />
        </div>
        <AddressFields prefix="inst" streetLabel="Site or building address" value={i} onChange={inst} error={(f) => at(`installation.${f}`)} />
        <div className="field-row">
          <TextField id="inst-contactEmail" label="Contact e-mail" type="email" required value={i.contactEmail} maxLength={FIELD_MAX.email} onChange={(contactEmail) => inst({ contactEmail })} error={at('installation.contactEmail')} />
          <TextField
            id="inst-contactEmailConfirm"
            label="Contact e-mail again"
            type="email"
            required
            value={i.contactEmailConfirm}
            maxLength={FIELD_MAX.email}
            onChange={(contactEmailConfirm) => inst({ contactEmailConfirm })}
            error={at('installation.contactEmailConfirm')}
          />
        </div>
        <div className="field-row">
          <SelectField
            id="inst-segment"
            label="Segment or application"
            required
            value={i.segment}
            onChange={(segment) => inst({ segment })}
            options={BUSINESS_SEGMENTS.map((s) => ({ value: s, label: s }))}
            error={at('installation.segment')}
          />
          <SelectField
            id="inst-systemApplication"
            label="System application"
            required
            value={i.systemApplication}
            onChange={(systemApplication) => inst({ systemApplication })}
            options={SYSTEM_APPLICATIONS.map((s) => ({ value: s, label: s }))}
            error={at('installation.systemApplication')}
          />
        </div>
        <TextField
          id="inst-systemTransition"
          label="System transition"
          multiline
          value={i.systemTransition}
          maxLength={FIELD_MAX.systemTransition}
          onChange={(systemTransition) => inst({ systemTransition })}
          error={at('installation.systemTransition')}
          help="Legacy systems that were on the site before, if any."
        />
        <fieldset className="inline">
          <legend>Site type</legend>
          {SITE_TYPES.map((t) => (
            <label key={t} className="check">
              <input type="radio" name="siteType" value={t} checked={i.siteType === t} onChange={() => inst({ siteType: t })} /> {SITE_TYPE_LABELS[t]}
            </label>
          ))}
          {at('installation.siteType') && (
            <p className="field-error" role="alert">
              {at('installation.siteType')}
            </p>
          )}
        </fieldset>
      </fieldset>

      <fieldset disabled={rules.addressesLocked}>
        <legend>Site administrator</legend>
        {sectionIssue('siteAdministrator') && (
          <p className="field-error" role="alert">
            {sectionIssue('siteAdministrator')}
          </p>
        )}
        <div className="field-row">
          <TextField id="admin-name" label="Name" required value={a.name} maxLength={FIELD_MAX.name} onChange={(name) => admin({ name })} error={at('siteAdministrator.name')} />
          <TextField id="admin-company" label="Company" required value={a.company} maxLength={FIELD_MAX.company} onChange={(company) => admin({ company })} error={at('siteAdministrator.company')} />
        </div>
        <div className="field-row">
          <TextField
            id="admin-phone"
            label="Phone"
            type="tel"
            required
            value={a.phone}
            maxLength={FIELD_MAX.phone}
            onChange={(phone) => admin({ phone })}
            error={at('siteAdministrator.phone')}
            help="With + and the country code, for example +44 20 7946 0000."
          />
          <TextField id="admin-email" label="E-mail" type="email" required value={a.email} maxLength={FIELD_MAX.email} onChange={(email) => admin({ email })} error={at('siteAdministrator.email')} />
        </div>
        <label className="check">
          <input type="checkbox" checked={adminAtSite} onChange={(e) => setAdminAtSite(e.target.checked)} data-testid="admin-same-address" /> Same address as the site
        </label>
        {adminAtSite ? (
          <p className="muted small" data-testid="admin-address-copied">
            {[i.street, i.city, i.postalCode].filter(Boolean).join(', ') || 'The site’s address, once it is entered above.'}
          </p>
        ) : (
          <AddressFields prefix="admin" streetLabel="Street address" value={a} onChange={admin} error={(f) => at(`siteAdministrator.${f}`)} />
        )}
        <TextField id="admin-notes" label="Site notes" multiline value={a.notes} maxLength={FIELD_MAX.notes} onChange={(notes) => admin({ notes })} error={at('siteAdministrator.notes')} />
      </fieldset>

      {rules.integrator ? (
        <fieldset>
          <legend>Warranty information</legend>
          <label className="check">
            <input type="checkbox" checked={w.include} onChange={(e) => warranty({ include: e.target.checked })} /> This system has a warranty to record
          </label>
          {sectionIssue('warranty') && (
            <p className="field-error" role="alert">
              {sectionIssue('warranty')}
            </p>
          )}
          {w.include && (
            <>
              <div className="field-row">
                <TextField id="warranty-start" label="Start date" type="date" required value={w.startDate} maxLength={10} onChange={(startDate) => warranty({ startDate })} error={at('warranty.startDate')} />
                <TextField id="warranty-end" label="End date" type="date" required value={w.endDate} maxLength={10} onChange={(endDate) => warranty({ endDate })} error={at('warranty.endDate')} />
                <TextField id="warranty-reference" label="Reference" value={w.reference} maxLength={FIELD_MAX.reference} onChange={(reference) => warranty({ reference })} error={at('warranty.reference')} />
              </div>
              <TextField id="warranty-notes" label="Warranty notes" multiline value={w.notes} maxLength={FIELD_MAX.notes} onChange={(notes) => warranty({ notes })} error={at('warranty.notes')} />
            </>
          )}
        </fieldset>
      ) : (
        view?.warranty && (
          <p className="muted small">
            Warranty {view.warranty.startDate} to {view.warranty.endDate}
            {view.warranty.reference ? ` (${view.warranty.reference})` : ''}: edited by the partner or branch only.
          </p>
        )
      )}

      {rules.integrator ? (
        <p className="muted small" data-testid="consent-note">
          Consent to share system and personal information is the end user’s to give
          {view?.status === 'confirmed' ? ': given.' : '. The registration is kept as pending consent until then: invite the end user below once it is registered.'}
        </p>
      ) : (
        <fieldset>
          <legend>Consent</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.consent.shareSystemInformation}
              onChange={(e) => onChange((d) => ({ ...d, consent: { ...d.consent, shareSystemInformation: e.target.checked } }))}
            />{' '}
            I consent to sharing system information
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.consent.sharePersonalInformation}
              onChange={(e) => onChange((d) => ({ ...d, consent: { ...d.consent, sharePersonalInformation: e.target.checked } }))}
            />{' '}
            I consent to sharing personal information
          </label>
          {!(draft.consent.shareSystemInformation && draft.consent.sharePersonalInformation) && (
            <p className="muted small">Until you consent to both, the registration is kept as pending consent.</p>
          )}
          {sectionIssue('consent') && (
            <p className="field-error" role="alert">
              {sectionIssue('consent')}
            </p>
          )}
        </fieldset>
      )}

      {saved && !dirty && !error && (
        <p className="form-saved" role="status" tabIndex={-1} data-testid="form-saved">
          {saved}
        </p>
      )}
      {summary && (
        <p className="error" role="alert" tabIndex={-1} data-testid="form-error">
          {summary}
        </p>
      )}
      <div className="actions">
        {siteSubmit ? (
          <button type="submit" disabled={busy}>
            {busy ? 'Registering…' : siteSubmit}
          </button>
        ) : (
          <button type="submit" disabled={busy || (!dirty && !!view)}>
            {busy ? 'Saving…' : view ? (dirty ? 'Save changes' : 'Saved') : 'Register system'}
          </button>
        )}
      </div>
    </form>
  );
}
