// The System Information page for a customer's registration, read through the customer's
// Administrator access: the registration in full (the same sections as for the account's own
// systems), and a sentence for what only the system's owners read (the audit log, the codes, the
// mail, the inventory report) and for the comparison with the site, which are left out. "Edit
// registration" opens the registration form the Portal screen uses, filled from it, with the fields
// an integrator may not change locked as there; saved, the page shows the registration as saved.
import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { isIntegrator } from '../../../../shared/portal/accounts.js';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { t as translate } from '../../i18n/index.js';
import { localize } from '../../i18n/said.js';
import { focusSoon } from '../../lib/focus.js';
import type { ContractError } from '../../lib/errors.js';
import { toRegisterInput, type FormRules } from '../../lib/registration-draft.js';
import { editFor, registrationFor, useCustomers, type RegistrationEdit } from '../../stores/customers.js';
import { useNav } from '../../stores/nav.js';
import { usePortal } from '../../stores/portal.js';
import { ScreenLink } from '../ScreenLink.js';
import { RegistrationForm } from '../connected/RegistrationForm.js';
import { Facts, InfoSection } from './Facts.js';
import { InfoActions, infoGate } from './InfoPage.js';
import { formatWhen } from './format.js';
import { SystemIdHistory } from './RecordTables.js';
import { AdministratorSection, ConsentSection, InstallationSection, OwnersSection, WarrantySection } from './RegistrationSections.js';

const statusWords = (status: RegistrationView['status']) => (status === 'pending-consent' ? translate('systems.status.pendingConsent') : translate('systems.status.confirmed'));

export function CustomerRegistrationScreen({ customerId, systemId }: { customerId: number; systemId: string | null }) {
  const { t } = useTranslation();
  const session = usePortal((s) => s.session);
  const loggedOn = !!session?.account;
  const state = useCustomers();
  const { registrationLoading, registrationError, loadRegistration, customers } = state;
  const shown = systemId ? registrationFor(state, customerId, systemId) : null;
  const editing = shown && systemId ? editFor(state, customerId, systemId) : null;
  const customerName = customers?.find((c) => c.customerId === customerId)?.name ?? (state.chosenId === customerId ? state.chosenName : '');
  const account = session?.account?.email ?? null;
  useEffect(() => {
    if (!usePortal.getState().session) void usePortal.getState().load();
  }, []);
  useEffect(() => {
    if (!account || !systemId) return;
    useCustomers.getState().forAccount(account);
    void useCustomers.getState().loadRegistration(customerId, systemId);
  }, [account, customerId, systemId]);
  const reload = () => systemId && void loadRegistration(customerId, systemId).then(() => focusSoon(useCustomers.getState().registrationError ? '[data-testid="info-error"]' : '#system-info-title'));

  return (
    <section className="screen system-info" aria-labelledby="system-info-title" aria-busy={registrationLoading} data-testid="customer-registration">
      <p className="sys-back no-print">
        <a
          href="#systems"
          onClick={(e) => {
            e.preventDefault();
            // Back to My systems, where the customer's systems are still shown: focus on them.
            useNav.getState().go('systems', () => document.getElementById('customer-systems-title') ?? document.getElementById('systems-title'));
          }}
        >
          <span aria-hidden="true">← </span>
          {t('systems.customers.registration.back')}
        </a>
      </p>
      <header className="screen-header">
        <div>
          <h1 id="system-info-title" tabIndex={-1}>
            {t('systems.info.title')}
          </h1>
          {systemId && (
            <p className="sys-id-line">
              {t('systems.info.systemId')} <code data-testid="info-system-id">{systemId}</code>
              {shown && <span className={`badge ${shown.status === 'pending-consent' ? 'sys-status-pending' : 'sys-status-registered'}`}>{statusWords(shown.status)}</span>}
            </p>
          )}
          <p className="muted sys-customer-line" data-testid="customer-line">
            {customerName ? t('systems.customers.registration.customerLine', { name: customerName }) : t('systems.customers.registration.access')}
          </p>
        </div>
        {shown && !editing && (
          <div className="header-actions no-print">
            <button
              type="button"
              data-testid="edit-registration"
              disabled={registrationLoading}
              onClick={() => {
                useCustomers.getState().startEdit();
                focusSoon('#form-title');
              }}
            >
              {t('systems.customers.registration.edit')}
            </button>
            <InfoActions loading={registrationLoading} onReload={reload} />
          </div>
        )}
      </header>
      {shown && !editing && state.savedRevision !== null && (
        <p className="form-saved" role="status" data-testid="registration-saved">
          {t('systems.customers.registration.saved', { revision: state.savedRevision })}
        </p>
      )}

      {/* A session that ended while editing: the form stays, with what was typed, under the message that says to log on again. */}
      {shown && editing && session && (loggedOn || editing.error?.code === 'unauthorized') ? (
        <>
          {registrationError && <RegistrationError error={registrationError} onRetry={reload} />}
          <CustomerRegistrationEdit view={shown} edit={editing} integrator={!!session.account && isIntegrator(session.account.kind)} />
        </>
      ) : infoGate({ systemId, sessionKnown: !!session, loggedOn }) ?? (
        registrationError && !shown ? (
        <RegistrationError error={registrationError} onRetry={reload} />
      ) : !shown ? (
        <p className="muted" role="status">
          {t('systems.customers.registration.loadingFor', { id: systemId })}
        </p>
      ) : (
        <>
          {registrationError && <RegistrationError error={registrationError} onRetry={reload} />}
          <CustomerRegistrationBody r={shown} customerName={customerName} />
        </>
      ))}
    </section>
  );
}

/** The registration form filled from the registration, saving through the customer's Administrator access. */
function CustomerRegistrationEdit({ view, edit, integrator }: { view: RegistrationView; edit: RegistrationEdit; integrator: boolean }) {
  const { t } = useTranslation();
  const { changeEdit, refuseEdit, saveEdit, cancelEdit } = useCustomers.getState();
  // The same rules as the Portal screen's: an integrator leaves out what the end user holds now.
  const rules: FormRules = { integrator, addressesLocked: view.yourRole === 'integrator' && view.integratorLocked, revision: edit.revision };
  const { error } = edit;
  const submit = async () => {
    const result = toRegisterInput(edit.form, rules);
    if (!result.input) return refuseEdit({ code: 'invalid_input', message: t('portal.checkFields', { count: result.issues.length }), issues: result.issues });
    if (await saveEdit(result.input)) return focusSoon('#system-info-title');
    // A refusal of the whole save (no field to point at): its message takes the focus.
    if (!useCustomers.getState().edit?.error?.issues?.length) focusSoon('[data-testid="form-error"]');
  };
  const errorSummary =
    error?.code === 'unauthorized' ? (
      <Trans i18nKey="systems.customers.registration.editSessionEnded" components={{ portal: <ScreenLink screen="portal" /> }} />
    ) : error?.code === 'forbidden' && !error.issues?.length ? (
      t('systems.customers.registration.editForbidden', { message: localize(error.message) })
    ) : undefined;
  return (
    <div data-testid="customer-registration-edit">
      <RegistrationForm
        draft={edit.form}
        rules={rules}
        view={view}
        dirty={edit.dirty}
        busy={edit.busy}
        error={error}
        errorSummary={errorSummary}
        onChange={changeEdit}
        onSubmit={() => void submit()}
        onCancel={() =>
          void cancelEdit().then(() => focusSoon(useCustomers.getState().registrationError ? '[data-testid="info-error"]' : '[data-testid="edit-registration"]'))
        }
      />
    </div>
  );
}

function RegistrationError({ error, onRetry }: { error: ContractError; onRetry(): void }) {
  const { t } = useTranslation();
  const message = localize(error.message);
  return (
    <div className="error sys-error" role="alert" data-testid="info-error">
      <p>
        {error.code === 'unauthorized' ? (
          <Trans i18nKey="systems.customers.registration.sessionEnded" components={{ portal: <ScreenLink screen="portal" /> }} />
        ) : error.code === 'forbidden' ? (
          t('systems.customers.registration.forbidden', { message })
        ) : error.code === 'not_found' ? (
          t('systems.customers.registration.notFound', { message })
        ) : (
          t('systems.customers.registration.loadFailed', { message })
        )}
      </p>
      <button type="button" className="secondary" onClick={onRetry}>
        {t('systems.tryAgain')}
      </button>
    </div>
  );
}

function CustomerRegistrationBody({ r, customerName }: { r: RegistrationView; customerName: string }) {
  const { t } = useTranslation();
  return (
    <div className="sys-info-body">
      <InfoSection id="sys-summary" title={t('systems.summary.title')} testId="info-summary">
        <Facts
          rows={[
            [t('systems.summary.site'), r.installation.siteName],
            [t('systems.customers.registration.customer'), customerName],
            [t('systems.summary.status'), statusWords(r.status)],
            [t('systems.summary.role'), t('systems.customers.registration.yourRole')],
            [t('systems.summary.registered'), formatWhen(r.createdAt)],
            [t('systems.summary.lastChange'), t('systems.summary.lastChangeValue', { when: formatWhen(r.updatedAt), revision: r.revision })],
          ]}
        />
      </InfoSection>
      <div className="sys-columns">
        <InstallationSection r={r} />
        <AdministratorSection r={r} />
        <WarrantySection r={r} />
        <ConsentSection r={r} />
      </div>
      <OwnersSection r={r} />
      <SystemIdHistory r={r} />
      <InfoSection id="sys-left-out" title={t('systems.customers.registration.leftOutTitle')} testId="info-left-out">
        <p>{t('systems.customers.registration.leftOut')}</p>
      </InfoSection>
    </div>
  );
}
