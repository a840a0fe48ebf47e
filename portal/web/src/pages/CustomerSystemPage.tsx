// A customer's registration in full, for a partner the customer gave Administrator access, at
// /customers/system?customer=<id>&id=<System ID> (GET /api/v1/customers/:id/systems/:systemId):
// the same sections as the account's own systems, and "Edit registration" opens the companion's
// registration form (renderer/src/components/connected/RegistrationForm.tsx) filled from it,
// checked with the same shared schemas before anything is sent, saved through
// PUT /api/v1/customers/:id/systems/:systemId as its integrator may. The customer can take the
// access back at any moment: a refused save says so and keeps what was typed on screen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RegistrationForm } from '../../../../renderer/src/components/connected/RegistrationForm.js';
import { InfoSection } from '../../../../renderer/src/components/systems/Facts.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import { formFromView, toRegisterInput, type FormRules, type RegistrationDraft } from '../../../../renderer/src/lib/registration-draft.js';
import { ERROR_CODES, type ContractError, type ErrorCode } from '../../../../shared/contract/result.js';
import { isIntegrator } from '../../../../shared/portal/accounts.js';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { ApiError, api } from '../api.js';
import '../geo.js';
import { errorText } from '../components/Page.js';
import { Refusal, RegistrationDetails, RegistrationScreen } from '../components/RegistrationDetails.js';
import { useLoad } from '../components/useLoad.js';
import { useWebT, type WebT } from '../i18n/index.js';
import { useQuery, useSession } from '../state.js';
import { registrationStatus } from './CustomerRegistrations.js';

const CUSTOMER_ID = /^[1-9]\d{0,14}$/;

interface Editing {
  draft: RegistrationDraft;
  /** The draft as filled from the registration: anything else is a change. */
  from: string;
  busy: boolean;
  /** A refusal of the save, or the fields the shared schemas refused before it was sent. */
  error: unknown;
}

export function CustomerSystemPage() {
  const t = useWebT();
  const query = useQuery();
  const customerText = query.get('customer') ?? '';
  const customerId = CUSTOMER_ID.test(customerText) ? customerText : null;
  const systemId = query.get('id')?.trim() || null;
  const account = useSession((s) => s.account);
  const customers = useLoad(() => api('listCustomers'), []);
  const customer = customers.data?.find((c) => String(c.customerId) === customerId) ?? null;
  // Each answer with what it is for: another registration's never shows here.
  const key = `${customerId} ${systemId}`;
  const loaded = useLoad(async () => (customerId && systemId ? { key, view: await api('customerSystem', { params: { customerId, systemId } }) } : null), [key]);
  const view = loaded.data?.key === key ? loaded.data.view : null;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const rules: FormRules | null = view && account ? { integrator: isIntegrator(account.kind), addressesLocked: view.yourRole === 'integrator' && view.integratorLocked, revision: view.revision } : null;

  const reload = () => {
    setSaved(null);
    void loaded.reload().then(() => focusSoon('main h1'));
  };
  const startEdit = () => {
    if (!view) return;
    const draft = formFromView(view);
    setSaved(null);
    setEditing({ draft, from: JSON.stringify(draft), busy: false, error: null });
    focusSoon('#form-title');
  };
  const stopEdit = () => {
    setEditing(null);
    focusSoon('[data-testid="edit-registration"]');
  };
  const save = async () => {
    if (!editing || !rules || !customerId || !systemId) return;
    const checked = toRegisterInput(editing.draft, rules);
    if (!checked.input) {
      setEditing({ ...editing, error: { code: 'invalid_input', message: '', issues: checked.issues } satisfies ContractError });
      return;
    }
    setEditing({ ...editing, busy: true, error: null });
    try {
      const answer = await api('editCustomerSystem', { params: { customerId, systemId }, body: checked.input });
      loaded.setData({ key, view: answer });
      setEditing(null);
      setSaved(answer.revision);
      focusSoon('[data-testid="registration-saved"]');
    } catch (error) {
      // What was typed stays: only the refusal is added.
      setEditing((now) => now && { ...now, busy: false, error });
      if (!(error instanceof ApiError && error.issues.length)) focusSoon('[data-testid="form-error"]');
    }
  };

  const toCustomers = { to: '/customers' as const, text: t('web.customerSystem.toCustomers') };
  return (
    <RegistrationScreen
      testId="customer-system-page"
      busy={loaded.loading}
      back={{ to: '/customers', text: t('web.customerSystem.back') }}
      title={t('web.customerSystem.heading')}
      systemId={systemId}
      status={view && <span className={`badge ${view.status === 'pending-consent' ? 'sys-status-pending' : 'sys-status-registered'}`}>{registrationStatus(t, view.status)}</span>}
      lead={
        <span className="web-customer-line" data-testid="customer-line">
          {customer ? t('web.customerSystem.customerLine', { name: customer.name }) : t('web.customerSystem.access')}
        </span>
      }
      actions={
        view &&
        (editing ? (
          <button type="button" className="secondary" onClick={stopEdit} disabled={editing.busy} data-testid="stop-editing">
            {t('web.customerSystem.stopEditing')}
          </button>
        ) : (
          <>
            <button type="button" onClick={startEdit} disabled={loaded.loading || !rules} data-testid="edit-registration">
              {t('web.customerSystem.edit')}
            </button>
            <button type="button" className="secondary" onClick={reload} disabled={loaded.loading}>
              {loaded.loading ? t('web.loading') : t('web.system.reload')}
            </button>
          </>
        ))
      }
    >
      {saved !== null && !editing && (
        <p className="form-saved" role="status" tabIndex={-1} data-testid="registration-saved">
          {t('web.customerSystem.saved', { revision: saved })}
        </p>
      )}
      {!customerId || !systemId ? (
        <Refusal text={t('web.customerSystem.noId')} back={toCustomers} testId="customer-system-refusal" />
      ) : editing && view && rules ? (
        <div data-testid="customer-registration-edit">
          <RegistrationForm
            draft={editing.draft}
            rules={rules}
            view={view}
            dirty={JSON.stringify(editing.draft) !== editing.from}
            busy={editing.busy}
            error={formError(editing.error, t)}
            onChange={(change) => setEditing((now) => now && { ...now, draft: change(now.draft) })}
            onSubmit={() => void save()}
          />
        </div>
      ) : loaded.error && !loaded.loading ? (
        <Refusal text={whyNot(loaded.error, t)} error={loaded.error} onRetry={reload} back={toCustomers} testId="customer-system-refusal" />
      ) : !view ? (
        <p className="muted" role="status">
          {t('web.customerSystem.loading', { id: systemId })}
        </p>
      ) : (
        <RegistrationBody r={view} customerName={customer?.name ?? ''} />
      )}
    </RegistrationScreen>
  );
}

/** The form's error: a refusal of the save in the page's words, or the fields the shared schemas refused. */
function formError(error: unknown, t: WebT): ContractError | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return error as ContractError;
  const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : 'internal';
  const message = errorText(error, t('web.unreachable'));
  // Access taken back meanwhile: said plainly, with what to do; the form keeps what was typed.
  if (error.status === 403 && !error.issues.length) return { code, message: t('web.customerSystem.revokedOnSave', { message }) };
  return { code, message: error.code === 'invalid_input' && error.issues.length ? '' : message, issues: error.issues.map((i) => ({ path: i.path, message: i.message })) };
}

function whyNot(error: unknown, t: WebT): string {
  const message = errorText(error, t('web.unreachable'));
  if (error instanceof ApiError && error.status === 403) return t('web.customerSystem.forbidden', { message });
  if (error instanceof ApiError && error.status === 404) return t('web.customerSystem.notFound', { message });
  return t('web.customerSystem.loadFailed', { message });
}

function RegistrationBody({ r, customerName }: { r: RegistrationView; customerName: string }) {
  const { t } = useTranslation();
  const tw = useWebT();
  return (
    <RegistrationDetails
      r={r}
      facts={[
        [tw('web.customerSystem.customer'), customerName],
        [t('systems.summary.status'), registrationStatus(tw, r.status)],
        [t('systems.summary.role'), tw('web.customerSystem.yourRole')],
      ]}
    >
      <InfoSection id="sys-left-out" title={tw('web.customerSystem.leftOutTitle')} testId="info-left-out">
        <p>{tw('web.customerSystem.leftOut')}</p>
      </InfoSection>
    </RegistrationDetails>
  );
}
