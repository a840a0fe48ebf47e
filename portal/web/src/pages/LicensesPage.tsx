import { useEffect, useState, type ReactNode } from 'react';
import { SelectField, TextField } from '../../../../renderer/src/components/connected/Fields.js';
import { CREDIT_ACTIONS, LICENSE_MONTHS, LicenseKey, VoucherCode, type CreditAction, type Subscription } from '../../../../shared/portal/licenses.js';
import { ApiError, api, type Answer } from '../api.js';
import { ErrorBox, NotAvailable, PageHeader } from '../components/Page.js';
import { notAvailable, useLoad } from '../components/useLoad.js';
import { formatDate, formatDateTime, useWebT, type WebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';

/** Today as the portal counts it: the UTC date. */
const todayUtc = () => new Date().toISOString().slice(0, 10);
/** A calendar day (YYYY-MM-DD) in the active language, not moved by the browser's time zone. */
const day = (value: string) => formatDate(`${value}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
const dayBefore = (value: string) => new Date(Date.parse(`${value}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Field messages from a refusal's issues, as the portal sent them (said in the active language when shown). */
const issuesOf = (error: unknown): Record<string, string> => (error instanceof ApiError ? Object.fromEntries(error.issues.map((i) => [i.path, i.message])) : {});
const said = (message: string | undefined) => (message === undefined ? undefined : localize(message));

/** The periods of a subscription as a table (no chart): when, how long, from what, and whether it holds today. */
function Timeline({ subscription, title }: { subscription: Subscription; title: string }) {
  const t = useWebT();
  const next = subscription.periods.find((p) => p.startsOn > subscription.today);
  const summary = subscription.active
    ? t('web.licenses.activeUntil', { date: day(dayBefore(subscription.endsOn!)) })
    : next
      ? t('web.licenses.notActiveNext', { date: day(next.startsOn) })
      : t('web.licenses.notActive');
  return (
    <section className="card" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title">{title}</h2>
      {subscription.periods.length === 0 ? (
        <p className="empty">{t('web.licenses.none')}</p>
      ) : (
        <>
          <p data-testid="timeline-summary">{summary}</p>
          <table className="servers compact" aria-labelledby="timeline-title">
            <thead>
              <tr>
                <th scope="col">{t('web.licenses.starts')}</th>
                <th scope="col">{t('web.licenses.lastDay')}</th>
                <th scope="col">{t('web.licenses.months')}</th>
                <th scope="col">{t('web.licenses.source')}</th>
                <th scope="col">{t('web.licenses.status')}</th>
              </tr>
            </thead>
            <tbody>
              {subscription.periods.map((p, i) => (
                <tr key={`${p.startsOn}-${i}`} data-testid="period">
                  <th scope="row">{day(p.startsOn)}</th>
                  <td>{day(dayBefore(p.endsOn))}</td>
                  <td>{p.months}</td>
                  <td>
                    {p.source === 'license' ? (
                      <code>{t('web.licenses.sourceLicense', { key: p.keyEnd ?? '' })}</code>
                    ) : (
                      t('web.licenses.sourceCredits', { credits: p.credits ?? 0, action: t(`web.licenses.actions.${p.action ?? 'activate'}`) })
                    )}
                  </td>
                  <td>{p.active ? <strong>{t('web.licenses.states.active')}</strong> : p.startsOn > subscription.today ? t('web.licenses.states.upcoming') : t('web.licenses.states.ended')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** A license key and a start date (today by default); the key is read as the portal reads it before anything is sent. */
function RedeemForm({ onRedeem, children }: { onRedeem(body: { key: string; startsOn: string }): Promise<Answer<'redeemLicense'>>; children?: ReactNode }) {
  const t = useWebT();
  const [key, setKey] = useState('');
  const [startsOn, setStartsOn] = useState(todayUtc);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card"
      aria-labelledby="redeem-title"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setNote(null);
        const checked = LicenseKey.safeParse(key);
        if (!checked.success) {
          setIssues({ key: checked.error.issues[0]!.message });
          setError(null);
          document.getElementById('license-key')?.focus();
          return;
        }
        setBusy(true);
        try {
          const redeemed = await onRedeem({ key, startsOn });
          setNote(redeemed.message);
          setKey('');
          setIssues({});
          setError(null);
        } catch (err) {
          setError(err);
          setIssues(issuesOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="redeem-title">{t('web.licenses.redeemTitle')}</h2>
      <p className="muted">{t('web.licenses.redeemText')}</p>
      {children}
      <TextField id="license-key" label={t('web.licenses.key')} value={key} onChange={setKey} maxLength={200} required help={t('web.licenses.keyHelp')} error={said(issues.key)} />
      <TextField id="license-start" label={t('web.licenses.startsOn')} type="date" value={startsOn} onChange={setStartsOn} maxLength={10} required help={t('web.licenses.startsOnHelp')} error={said(issues.startsOn)} />
      <ErrorBox error={Object.keys(issues).length ? null : error} />
      {note && (
        <p className="form-saved" role="status" data-testid="redeemed">
          {localize(note)}
        </p>
      )}
      <div className="actions left">
        <button type="submit" disabled={busy}>
          {busy ? t('web.licenses.redeeming') : t('web.licenses.redeem')}
        </button>
      </div>
    </form>
  );
}

/** Credits: the balance and history; vouchers and spending for the organization's administrators. */
function CreditsCard({ administrator, customer, onSpent }: { administrator: boolean; customer: { id: number; name: string } | null; onSpent(): void }) {
  const t = useWebT();
  const credits = useLoad(() => api('creditBalance'));
  const [code, setCode] = useState('');
  const [action, setAction] = useState<CreditAction>('activate');
  const [months, setMonths] = useState('12');
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setNote(null);
    try {
      setNote(await work());
      setIssues({});
      setError(null);
      await credits.reload();
    } catch (err) {
      setError(err);
      setIssues(issuesOf(err));
    } finally {
      setBusy(false);
    }
  };
  const count = Number(months);
  const monthsValid = Number.isInteger(count) && count >= LICENSE_MONTHS.min && count <= LICENSE_MONTHS.max;
  return (
    <>
      <section className="card" aria-labelledby="credits-title" data-testid="credits">
        <h2 id="credits-title">{t('web.licenses.credits')}</h2>
        <p className="muted">{t('web.licenses.creditsText')}</p>
        <ErrorBox error={credits.error} />
        {credits.data && (
          <dl className="facts">
            <dt>{t('web.licenses.balance')}</dt>
            <dd data-testid="credit-balance">{t('web.licenses.balanceValue', { count: credits.data.balance })}</dd>
          </dl>
        )}
        {note && (
          <p className="form-saved" role="status" data-testid="credits-note">
            {localize(note)}
          </p>
        )}
        <ErrorBox error={Object.keys(issues).length ? null : error} />
        {!administrator && <p className="muted small">{t('web.licenses.onlyAdmins')}</p>}
        {administrator && (
          <form
            aria-label={t('web.licenses.voucherTitle')}
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const checked = VoucherCode.safeParse(code);
              if (!checked.success) {
                setIssues({ code: checked.error.issues[0]!.message });
                return;
              }
              await act(async () => {
                const said = (await api('redeemVoucher', { body: { code } })).message;
                setCode('');
                return said;
              });
            }}
          >
            <TextField id="voucher-code" label={t('web.licenses.voucherCode')} value={code} onChange={setCode} maxLength={200} help={t('web.licenses.voucherHelp')} error={said(issues.code)} />
            <div className="actions left">
              <button type="submit" disabled={busy}>
                {t('web.licenses.redeemVoucher')}
              </button>
            </div>
          </form>
        )}
      </section>
      {administrator && customer && (
        <form
          className="card"
          aria-labelledby="spend-title"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            await act(async () => {
              const spent = await api('spendCredits', { params: { customerId: String(customer.id) }, body: { action, months: count } });
              onSpent();
              return spent.message;
            });
          }}
        >
          <h2 id="spend-title">{t('web.licenses.spendTitle', { name: customer.name })}</h2>
          <p className="muted">{t('web.licenses.spendText')}</p>
          <div className="field-row">
            <SelectField
              id="spend-action"
              label={t('web.licenses.action')}
              value={action}
              onChange={(v) => setAction((CREDIT_ACTIONS as readonly string[]).includes(v) ? (v as CreditAction) : 'activate')}
              options={CREDIT_ACTIONS.map((a) => ({ value: a, label: t(`web.licenses.actionLabels.${a}`) }))}
              required
              error={said(issues.action)}
            />
            <TextField id="spend-months" label={t('web.licenses.spendMonths')} type="number" value={months} onChange={setMonths} maxLength={3} required error={said(issues.months)} />
          </div>
          <div className="actions left">
            <button type="submit" disabled={busy || !monthsValid}>
              {t('web.licenses.spend', { count: monthsValid ? count : 0 })}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title" className="section-title">
          {t('web.licenses.history')}
        </h2>
        {credits.data && credits.data.history.length === 0 && <p className="empty">{t('web.licenses.historyNone')}</p>}
        {credits.data && credits.data.history.length > 0 && (
          <table className="servers compact" aria-labelledby="history-title" data-testid="credit-history">
            <thead>
              <tr>
                <th scope="col">{t('web.licenses.at')}</th>
                <th scope="col">{t('web.licenses.change')}</th>
                <th scope="col">{t('web.licenses.reason')}</th>
                <th scope="col">{t('web.licenses.customer')}</th>
                <th scope="col">{t('web.licenses.after')}</th>
              </tr>
            </thead>
            <tbody>
              {credits.data.history.map((entry, i) => (
                <tr key={`${entry.at}-${i}`}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.change > 0 ? `+${entry.change}` : entry.change}</td>
                  <td>{entry.reason === 'voucher' ? <code>{t('web.licenses.reasons.voucher', { code: entry.voucherEnd ?? '' })}</code> : t(`web.licenses.reasons.${entry.reason}`)}</td>
                  <td className="wrap">{entry.customerName ?? ''}</td>
                  <td>{entry.balance}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** A partner's page: pick a customer, redeem its licenses, see its timeline; credits. */
function PartnerSubscriptions({ administrator }: { administrator: boolean }) {
  const t = useWebT();
  const customers = useLoad(() => api('listCustomers'));
  const [customerId, setCustomerId] = useState('');
  useEffect(() => {
    if (!customerId && customers.data?.length) setCustomerId(String(customers.data[0]!.customerId));
  }, [customers.data, customerId]);
  const subscription = useLoad(() => (customerId ? api('customerSubscription', { params: { customerId } }) : Promise.resolve(null)), [customerId]);
  const chosen = customers.data?.find((c) => String(c.customerId) === customerId);
  if (notAvailable(customers.error) || notAvailable(subscription.error)) return <NotAvailable routes={['listCustomers', 'customerSubscription', 'redeemLicense']} />;
  return (
    <>
      <ErrorBox error={customers.error} />
      <section aria-labelledby="manage-title">
        <h2 id="manage-title" className="section-title">
          {t('web.licenses.manage')}
        </h2>
        {customers.data && customers.data.length === 0 && <p className="empty">{t('web.licenses.noCustomers')}</p>}
        {customers.data && customers.data.length > 0 && (
          <>
            <RedeemForm
              onRedeem={async (body) => {
                const redeemed = await api('redeemLicense', { params: { customerId }, body });
                subscription.setData(redeemed.subscription);
                return redeemed;
              }}
            >
              <SelectField
                id="license-customer"
                label={t('web.licenses.customer')}
                value={customerId}
                onChange={setCustomerId}
                options={customers.data.map((c) => ({ value: String(c.customerId), label: c.name }))}
                required
              />
            </RedeemForm>
            <ErrorBox error={subscription.error} />
            {subscription.data && <Timeline subscription={subscription.data} title={t('web.licenses.timelineOf', { name: subscription.data.name })} />}
          </>
        )}
      </section>
      <CreditsCard administrator={administrator} customer={chosen ? { id: chosen.customerId, name: chosen.name } : null} onSpent={() => void subscription.reload()} />
    </>
  );
}

/** A customer's own page: its timeline; its administrators redeem a license for it. */
function OwnSubscription({ administrator }: { administrator: boolean }) {
  const t = useWebT();
  const subscription = useLoad(() => api('ownSubscription'));
  if (notAvailable(subscription.error)) return <NotAvailable routes={['ownSubscription', 'redeemOwnLicense']} />;
  return (
    <>
      <ErrorBox error={subscription.error} />
      {administrator && (
        <RedeemForm
          onRedeem={async (body) => {
            const redeemed = await api('redeemOwnLicense', { body });
            subscription.setData(redeemed.subscription);
            return redeemed;
          }}
        />
      )}
      {subscription.data && <Timeline subscription={subscription.data} title={t('web.licenses.timeline')} />}
    </>
  );
}

const leadFor = (t: WebT, kind: string | undefined) => (kind === 'customer' ? t('web.licenses.introCustomer') : kind === 'partner' ? t('web.licenses.intro') : t('web.licenses.otherKind'));

/**
 * Licenses and subscriptions (docs/partners.md, Licenses and credits): a partner manages its
 * customers' subscriptions (Manage subscriptions: redeem license keys with a start date, the
 * timeline, credits); a customer's people see their own.
 */
export function LicensesPage() {
  const t = useWebT();
  // The session's account does not say its organization: GET /api/v1/me does, with the caller's role.
  const me = useLoad(() => api('me'));
  const org = me.data?.org ?? null;
  const administrator = org?.role === 'administrator';
  return (
    <div className="screen">
      <PageHeader title={t('web.licenses.heading')} lead={me.data ? leadFor(t, org?.kind) : undefined} />
      <ErrorBox error={me.error} />
      {org?.kind === 'partner' && <PartnerSubscriptions administrator={administrator} />}
      {org?.kind === 'customer' && <OwnSubscription administrator={administrator} />}
    </div>
  );
}
