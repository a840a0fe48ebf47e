import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { FIELD_MAX, SITE_TYPES } from '../../../../shared/portal/fields.js';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { fieldMessages, type ContractError } from '../../lib/errors.js';
import { focusSoon } from '../../lib/focus.js';
import { localize } from '../../i18n/said.js';
import { applicationOptions, formatDate, segmentOptions } from '../systems/format.js';
import { AddressFields, SelectField, TextField } from './Fields.js';
import { issueText, type AdministratorDraft, type FormRules, type InstallationDraft, type RegistrationDraft, type WarrantyDraft } from '../../lib/registration-draft.js';

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
  /** What the error says instead of its own message, where the caller says more (a customer's access revoked meanwhile). */
  errorSummary?: ReactNode;
  /** Editing from another page (a customer's registration): a Cancel button next to the submit. */
  onCancel?(): void;
}

const ADDRESS_KEYS = ['street', 'country', 'state', 'city', 'postalCode'] as const;
const addressOf = (from: InstallationDraft) => Object.fromEntries(ADDRESS_KEYS.map((k) => [k, from[k]])) as Pick<AdministratorDraft, (typeof ADDRESS_KEYS)[number]>;
const sameAddress = (a: AdministratorDraft, i: InstallationDraft) => ADDRESS_KEYS.every((k) => a[k] === i[k]);

const SITE_TYPE_KEYS = { 'single-site': 'singleSite', 'multi-site': 'multiSite' } as const satisfies Record<(typeof SITE_TYPES)[number], string>;

/** Installation and system information, site administrator, warranty (integrators), consent. */
export function RegistrationForm({ draft, rules, view, dirty, busy, error, onChange, onSubmit, siteSubmit, errorSummary, onCancel }: Props) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  // A field's first message, in the active language where the shared schemas made it (issueText).
  const at = (path: string) => {
    const message = fieldMessages(error?.issues, path, ['registration'])[0];
    return message === undefined ? undefined : issueText(message);
  };
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
      const revision = view.revision;
      setSaved(pending.current.wasNew ? t(view.status === 'confirmed' ? 'systems.form.registeredConfirmed' : 'systems.form.registeredPending', { revision }) : t('systems.form.saved', { revision }));
      focusSoon('[data-testid="form-saved"]');
      pending.current = null;
    } else if (error) pending.current = null;
  }, [busy, error, view, t]);
  const sectionIssue = (name: string) => at(name);
  // The companion's own validation message names paths ("portal.system.register: registration..."); say it plainly.
  const summary = !error ? null : errorSummary ? errorSummary : issueCount && (error.code === 'invalid_input' && /^[\w.]+: /.test(error.message) || !error.message) ? t('portal.checkFields', { count: issueCount }) : localize(error.message);

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
        <h2 id="form-title">{view ? t('systems.form.title') : t('systems.form.newTitle')}</h2>
        {view && (
          <span className={`badge ${view.status === 'confirmed' ? 'badge-registered' : 'badge-needs-reassociation'}`} data-testid="registration-status">
            {t('systems.form.badge', { status: view.status === 'confirmed' ? t('systems.status.confirmed') : t('systems.status.pendingConsent'), revision: view.revision })}
          </span>
        )}
      </div>
      <p className="muted small">
        <Trans i18nKey="systems.form.required" components={{ req: <span className="required" /> }} />
        {view?.integrator && t('systems.form.integrator', { name: view.integrator.organization || view.integrator.name })}
        {view?.endUser && t('systems.form.endUser', { name: view.endUser.name })}
      </p>

      <fieldset disabled={rules.addressesLocked}>
        <legend>{t('systems.form.installation')}</legend>
        {rules.addressesLocked && <p className="notice small">{t('systems.form.locked')}</p>}
        {sectionIssue('installation') && (
          <p className="field-error" role="alert">
            {sectionIssue('installation')}
          </p>
        )}
        <div className="field-row">
          <TextField id="inst-siteName" label={t('systems.form.siteName')} required value={i.siteName} maxLength={FIELD_MAX.name} onChange={(siteName) => inst({ siteName })} error={at('installation.siteName')} />
          <TextField id="inst-siteCompany" label={t('systems.form.siteCompany')} required value={i.siteCompany} maxLength={FIELD_MAX.company} onChange={(siteCompany) => inst({ siteCompany })} error={at('installation.siteCompany')} />
        </div>
        <AddressFields prefix="inst" streetLabel={t('systems.form.siteStreet')} value={i} onChange={inst} error={(f) => at(`installation.${f}`)} />
        <div className="field-row">
          <TextField id="inst-contactEmail" label={t('systems.form.contactEmail')} type="email" required value={i.contactEmail} maxLength={FIELD_MAX.email} onChange={(contactEmail) => inst({ contactEmail })} error={at('installation.contactEmail')} />
          <TextField
            id="inst-contactEmailConfirm"
            label={t('systems.form.contactEmailAgain')}
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
            label={t('systems.form.segment')}
            required
            value={i.segment}
            onChange={(segment) => inst({ segment })}
            options={segmentOptions()}
            error={at('installation.segment')}
          />
          <SelectField
            id="inst-systemApplication"
            label={t('systems.form.systemApplication')}
            required
            value={i.systemApplication}
            onChange={(systemApplication) => inst({ systemApplication })}
            options={applicationOptions()}
            error={at('installation.systemApplication')}
          />
        </div>
        <TextField
          id="inst-systemTransition"
          label={t('systems.form.systemTransition')}
          multiline
          value={i.systemTransition}
          maxLength={FIELD_MAX.systemTransition}
          onChange={(systemTransition) => inst({ systemTransition })}
          error={at('installation.systemTransition')}
          help={t('systems.form.systemTransitionHelp')}
        />
        <fieldset className="inline">
          <legend>{t('systems.form.siteType')}</legend>
          {SITE_TYPES.map((type) => (
            <label key={type} className="check">
              <input type="radio" name="siteType" value={type} checked={i.siteType === type} onChange={() => inst({ siteType: type })} /> {t(`systems.form.${SITE_TYPE_KEYS[type]}`)}
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
        <legend>{t('systems.form.administrator')}</legend>
        {sectionIssue('siteAdministrator') && (
          <p className="field-error" role="alert">
            {sectionIssue('siteAdministrator')}
          </p>
        )}
        <div className="field-row">
          <TextField id="admin-name" label={t('systems.form.name')} required value={a.name} maxLength={FIELD_MAX.name} onChange={(name) => admin({ name })} error={at('siteAdministrator.name')} />
          <TextField id="admin-company" label={t('systems.form.company')} required value={a.company} maxLength={FIELD_MAX.company} onChange={(company) => admin({ company })} error={at('siteAdministrator.company')} />
        </div>
        <div className="field-row">
          <TextField
            id="admin-phone"
            label={t('systems.form.phone')}
            type="tel"
            required
            value={a.phone}
            maxLength={FIELD_MAX.phone}
            onChange={(phone) => admin({ phone })}
            error={at('siteAdministrator.phone')}
            help={t('systems.form.phoneHelp')}
          />
          <TextField id="admin-email" label={t('systems.form.email')} type="email" required value={a.email} maxLength={FIELD_MAX.email} onChange={(email) => admin({ email })} error={at('siteAdministrator.email')} />
        </div>
        <label className="check">
          <input type="checkbox" checked={adminAtSite} onChange={(e) => setAdminAtSite(e.target.checked)} data-testid="admin-same-address" /> {t('systems.form.sameAddress')}
        </label>
        {adminAtSite ? (
          <p className="muted small" data-testid="admin-address-copied">
            {[i.street, i.city, i.postalCode].filter(Boolean).join(', ') || t('systems.form.siteAddressLater')}
          </p>
        ) : (
          <AddressFields prefix="admin" streetLabel={t('systems.form.street')} value={a} onChange={admin} error={(f) => at(`siteAdministrator.${f}`)} />
        )}
        <TextField id="admin-notes" label={t('systems.form.siteNotes')} multiline value={a.notes} maxLength={FIELD_MAX.notes} onChange={(notes) => admin({ notes })} error={at('siteAdministrator.notes')} />
      </fieldset>

      {rules.integrator ? (
        <fieldset>
          <legend>{t('systems.form.warranty')}</legend>
          <label className="check">
            <input type="checkbox" checked={w.include} onChange={(e) => warranty({ include: e.target.checked })} /> {t('systems.form.hasWarranty')}
          </label>
          {sectionIssue('warranty') && (
            <p className="field-error" role="alert">
              {sectionIssue('warranty')}
            </p>
          )}
          {w.include && (
            <>
              <div className="field-row">
                <TextField id="warranty-start" label={t('systems.form.startDate')} type="date" required value={w.startDate} maxLength={10} onChange={(startDate) => warranty({ startDate })} error={at('warranty.startDate')} />
                <TextField id="warranty-end" label={t('systems.form.endDate')} type="date" required value={w.endDate} maxLength={10} onChange={(endDate) => warranty({ endDate })} error={at('warranty.endDate')} />
                <TextField id="warranty-reference" label={t('systems.form.reference')} value={w.reference} maxLength={FIELD_MAX.reference} onChange={(reference) => warranty({ reference })} error={at('warranty.reference')} />
              </div>
              <TextField id="warranty-notes" label={t('systems.form.warrantyNotes')} multiline value={w.notes} maxLength={FIELD_MAX.notes} onChange={(notes) => warranty({ notes })} error={at('warranty.notes')} />
            </>
          )}
        </fieldset>
      ) : (
        view?.warranty && (
          <p className="muted small">
            {t(view.warranty.reference ? 'systems.form.warrantyReadOnlyReference' : 'systems.form.warrantyReadOnly', {
              start: formatDate(view.warranty.startDate),
              end: formatDate(view.warranty.endDate),
              reference: view.warranty.reference,
            })}
          </p>
        )
      )}

      {rules.integrator ? (
        <p className="muted small" data-testid="consent-note">
          {view?.status === 'confirmed' ? t('systems.form.consentGiven') : t('systems.form.consentPending')}
        </p>
      ) : (
        <fieldset>
          <legend>{t('systems.form.consent')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.consent.shareSystemInformation}
              onChange={(e) => onChange((d) => ({ ...d, consent: { ...d.consent, shareSystemInformation: e.target.checked } }))}
            />{' '}
            {t('systems.form.consentSystem')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.consent.sharePersonalInformation}
              onChange={(e) => onChange((d) => ({ ...d, consent: { ...d.consent, sharePersonalInformation: e.target.checked } }))}
            />{' '}
            {t('systems.form.consentPersonal')}
          </label>
          {!(draft.consent.shareSystemInformation && draft.consent.sharePersonalInformation) && (
            <p className="muted small">{t('systems.form.consentUntil')}</p>
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
            {busy ? t('systems.form.registering') : siteSubmit}
          </button>
        ) : (
          <button type="submit" disabled={busy || (!dirty && !!view)}>
            {busy ? t('systems.form.saving') : view ? (dirty ? t('systems.form.saveChanges') : t('systems.form.savedButton')) : t('systems.form.register')}
          </button>
        )}
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
