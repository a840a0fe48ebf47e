import { useState } from 'react';
import { create } from 'zustand';
import { SelectField, TextField } from '../../../../renderer/src/components/connected/Fields.js';
import { countryName } from '../../../../renderer/src/components/systems/format.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import { FIELD_MAX } from '../../../../shared/portal/fields.js';
import { CustomerInvitationInput } from '../../../../shared/portal/partner-access.js';
import { ApiError, api } from '../api.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorBox, NotAvailable, PageHeader } from '../components/Page.js';
import { TableHead } from '../components/TableHead.js';
import { notAvailable, useLoad } from '../components/useLoad.js';
import { formatDate, useWebT, type WebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';
import { useSession } from '../state.js';
import { ApiKeys } from './ApiKeys.js';
import { CustomerRegistrations } from './CustomerRegistrations.js';
import { CustomerSystems } from './CustomerSystems.js';

const EMPTY = { organizationName: '', street: '', city: '', postalCode: '', country: '', contactEmail: '' };
type Form = typeof EMPTY;

export const accessLabel = (t: WebT, access: { administrator: boolean; api: boolean }) =>
  [t('web.customers.levels.readOnly'), ...(access.administrator ? [t('web.customers.levels.administrator')] : []), ...(access.api ? [t('web.customers.levels.api')] : [])].join(', ');

function InviteCustomerDialog({ open, onClose, onSent }: { open: boolean; onClose(): void; onSent(email: string): void }) {
  const t = useWebT();
  const countries = useLoad(() => (open ? api('countries') : Promise.resolve(null)), [open]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<Form>) => setForm((f) => ({ ...f, ...change }));
  const close = () => {
    setForm(EMPTY);
    setIssues({});
    setError(null);
    onClose();
  };
  const field = (name: keyof Form, label: string, max: number, extra: { type?: string; autoComplete?: string } = {}) => (
    <TextField id={`customer-${name}`} label={label} value={form[name]} onChange={(value) => set({ [name]: value })} maxLength={max} required error={issues[name]} {...extra} />
  );
  return (
    <Dialog open={open} onClose={close} labelledBy="customer-invite-title" testId="customer-invite-dialog">
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const checked = CustomerInvitationInput.safeParse(form);
          if (!checked.success) {
            const found: Record<string, string> = {};
            for (const i of checked.error.issues) found[i.path.join('.')] ??= localize(i.message);
            setIssues(found);
            focusSoon(() => document.querySelector<HTMLElement>('dialog [aria-invalid="true"]'));
            return;
          }
          setBusy(true);
          try {
            await api('inviteCustomer', { body: form });
            onSent(form.contactEmail);
            close();
          } catch (err) {
            setError(err);
            if (err instanceof ApiError) setIssues(Object.fromEntries(err.issues.map((i) => [i.path, localize(i.message)])));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="customer-invite-title">{t('web.customers.inviteTitle')}</h2>
        <p>{t('web.customers.inviteText')}</p>
        {field('organizationName', t('web.customers.organization'), FIELD_MAX.company, { autoComplete: 'organization' })}
        {field('contactEmail', t('web.customers.contactEmail'), 254, { type: 'email' })}
        {field('street', t('web.customers.street'), FIELD_MAX.street)}
        <div className="field-row">
          {field('city', t('web.customers.city'), FIELD_MAX.city, { autoComplete: 'address-level2' })}
          {field('postalCode', t('web.customers.postalCode'), FIELD_MAX.postalCode, { autoComplete: 'postal-code' })}
        </div>
        <SelectField
          id="customer-country"
          label={t('web.customers.country')}
          value={form.country}
          onChange={(country) => set({ country })}
          options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          required
          error={issues.country}
        />
        <ErrorBox error={error} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={close}>
            {t('web.common.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {t('web.customers.send')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** What a panel below the customer list shows: the read-only view, the registrations (Administrator access), the API keys (API access). */
export type CustomerPanel = 'systems' | 'registrations' | 'keys';

interface Shown {
  customerId: number;
  name: string;
  panel: CustomerPanel;
  /** Counts the clicks, so asking again reloads. */
  n: number;
  /** The account it was opened by: another account logged on in this tab starts with none. */
  account: string;
}

/**
 * The panel shown below the list, kept while the app runs: back from a customer's registration,
 * its list of registrations is where it was.
 */
export const useCustomerPanel = create<{ shown: Shown | null }>(() => ({ shown: null }));

/** The id of the row's button that opens a panel: focus goes back to it when the panel closes. */
const opener = (panel: CustomerPanel, customerId: number) => `show-${panel}-${customerId}`;

/** A partner's customers, each with the access it gave; invite a customer; invitations waiting. */
export function CustomersPage() {
  const t = useWebT();
  const customers = useLoad(() => api('listCustomers'));
  const invitations = useLoad(() => api('listCustomerInvitations'));
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The customer whose systems, registrations or API keys are shown below the list.
  const account = useSession((s) => s.account?.email ?? '');
  const kept = useCustomerPanel((s) => s.shown);
  const shown = kept && kept.account === account ? kept : null;
  const show = (customerId: number, name: string, panel: CustomerPanel) =>
    useCustomerPanel.setState((now) => ({ shown: { customerId, name, panel, n: (now.shown?.n ?? 0) + 1, account } }));
  /** A row's button that opens one of the panels for its customer. */
  const showButton = (c: { customerId: number; name: string }, panel: CustomerPanel, label: string, testId: string) => (
    <button type="button" className="secondary" id={opener(panel, c.customerId)} aria-label={`${label}: ${c.name}`} onClick={() => show(c.customerId, c.name, panel)} data-testid={testId}>
      {label}
    </button>
  );
  const close = () => {
    if (!shown) return;
    const back = `#${opener(shown.panel, shown.customerId)}`;
    useCustomerPanel.setState({ shown: null });
    focusSoon(() => document.querySelector<HTMLElement>(back) ?? document.querySelector<HTMLElement>('main h1'));
  };
  const panelKey = shown ? `${shown.customerId} ${shown.panel} ${shown.n}` : '';
  const panelProps = shown && { customerId: shown.customerId, name: shown.name, onRefused: () => void customers.reload(), onClose: close };
  const missing = notAvailable(customers.error) || notAvailable(invitations.error);
  const waiting = invitations.data?.filter((i) => i.state === 'open') ?? [];
  return (
    <div className="screen">
      <PageHeader
        title={t('web.customers.heading')}
        lead={t('web.customers.intro')}
        actions={
          !missing && (
            <button type="button" onClick={() => setOpen(true)} data-testid="invite-customer">
              {t('web.customers.invite')}
            </button>
          )
        }
      />
      {missing ? <NotAvailable routes={['listCustomers', 'inviteCustomer', 'listCustomerInvitations', 'revokeCustomerInvitation']} /> : <ErrorBox error={customers.error ?? invitations.error} />}
      {note && (
        <p className="form-saved" role="status">
          {note}
        </p>
      )}
      <ErrorBox error={error} />
      {customers.data && customers.data.length === 0 && <p className="empty">{t('web.customers.none')}</p>}
      {customers.data && customers.data.length > 0 && (
        <div className="stack-host">
          <table className="servers compact stacks customers" data-testid="customers">
            <caption className="visually-hidden">{t('web.customers.caption')}</caption>
            <TableHead columns={[t('web.customers.name'), t('web.customers.country'), t('web.customers.access'), t('web.nav.systems'), t('web.customers.since')]} actions />
            <tbody>
              {customers.data.map((c) => (
                <tr key={c.customerId} data-testid="customer" aria-current={shown?.customerId === c.customerId ? 'true' : undefined}>
                  <th scope="row">{c.name}</th>
                  <td data-label={t('web.customers.country')}>{c.country ? countryName(c.country) : <span className="muted">{t('web.customers.notGiven')}</span>}</td>
                  <td data-label={t('web.customers.access')} data-testid="customer-access">{accessLabel(t, c)}</td>
                  <td data-label={t('web.nav.systems')}>{c.systems}</td>
                  <td data-label={t('web.customers.since')}>{formatDate(c.addedAt)}</td>
                  <td>
                    <div className="row-actions customer-actions">
                      {showButton(c, 'systems', t('web.customers.show'), 'show-systems')}
                      {c.administrator && showButton(c, 'registrations', t('web.customers.registrations'), 'show-registrations')}
                      {c.api && showButton(c, 'keys', t('web.customers.apiKeys'), 'show-api-keys')}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown && panelProps && shown.panel === 'systems' && <CustomerSystems key={panelKey} {...panelProps} />}
      {shown && panelProps && shown.panel === 'registrations' && <CustomerRegistrations key={panelKey} {...panelProps} />}
      {shown && panelProps && shown.panel === 'keys' && <ApiKeys key={panelKey} {...panelProps} />}
      {waiting.length > 0 && (
        <section aria-labelledby="customer-invitations-title">
          <h2 id="customer-invitations-title" className="section-title">
            {t('web.customers.pending')}
          </h2>
          <table className="servers compact">
            <TableHead columns={[t('web.customers.organization'), t('web.customers.contactEmail'), t('web.coworkers.expiresOn'), t('web.coworkers.actions')]} />
            <tbody>
              {waiting.map((i) => (
                <tr key={i.id}>
                  <td>{i.organizationName}</td>
                  <td className="wrap">{i.contactEmail}</td>
                  <td>{formatDate(i.expiresAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`${t('web.coworkers.revoke')}: ${i.organizationName}`}
                      onClick={async () => {
                        try {
                          await api('revokeCustomerInvitation', { params: { invitationId: String(i.id) } });
                          setError(null);
                          await invitations.reload();
                        } catch (e) {
                          setError(e);
                        }
                      }}
                    >
                      {t('web.coworkers.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <InviteCustomerDialog
        open={open}
        onClose={() => setOpen(false)}
        onSent={(email) => {
          setNote(t('web.customers.sent', { email }));
          void invitations.reload();
        }}
      />
    </div>
  );
}
