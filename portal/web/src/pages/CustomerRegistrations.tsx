// A customer's registrations, for a partner the customer gave Administrator access
// (GET /api/v1/customers/:id/registrations): by System ID and site name, each opening the full
// registration (/customers/system?customer=<id>&id=<System ID>), where it can be changed as its
// integrator may. Shown below the customer list on Customers; a 403 says the access was taken back.
import { useEffect } from 'react';
import { formatWhen } from '../../../../renderer/src/components/systems/format.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import { ApiError, api } from '../api.js';
import { Link } from '../components/Link.js';
import { errorText } from '../components/Page.js';
import { Paged } from '../components/Pager.js';
import { useLoad } from '../components/useLoad.js';
import { useWebT, type WebT } from '../i18n/index.js';
import { addressOf } from '../state.js';

const TITLE = 'customer-registrations-title';

/** The address of a customer's registration. */
export const customerSystemAddress = (customerId: number, systemId: string) => addressOf('/customers/system', { customer: customerId, id: systemId });

export const registrationStatus = (t: WebT, status: 'confirmed' | 'pending-consent') => (status === 'confirmed' ? t('web.customers.statuses.confirmed') : t('web.customers.statuses.pendingConsent'));

export function CustomerRegistrations({ customerId, name, onClose, onRefused }: { customerId: number; name: string; onClose(): void; onRefused(): void }) {
  const t = useWebT();
  const list = useLoad(() => api('customerRegistrations', { params: { customerId: String(customerId) } }), [customerId]);
  const refused = list.error instanceof ApiError && list.error.status === 403;
  useEffect(() => {
    if (list.loading) return;
    focusSoon(`#${TITLE}`);
    // Access taken back meanwhile: the list above shows what is left.
    if (refused) onRefused();
  }, [list.loading, list.error]);
  const shown = list.data && !list.error ? list.data : null;
  return (
    <section className="card customer-systems stack-host" aria-labelledby={TITLE} aria-busy={list.loading} data-testid="customer-registrations">
      <div className="card-head">
        <h2 id={TITLE} tabIndex={-1}>
          {t('web.customers.registrationsTitle', { name })}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('web.customers.hideRegistrations')}
        </button>
      </div>
      {list.loading && !shown && (
        <p className="muted" role="status">
          {t('web.customers.loadingRegistrations')}
        </p>
      )}
      {list.error !== null && !list.loading && (
        <div className="error" role="alert" data-testid="customer-registrations-error">
          <p>{refused ? t('web.customers.adminRevoked', { message: errorText(list.error, t('web.unreachable')) }) : t('web.customers.registrationsFailed', { message: errorText(list.error, t('web.unreachable')) })}</p>
          {!refused && (
            <button type="button" className="secondary" onClick={() => void list.reload()}>
              {t('web.common.retry')}
            </button>
          )}
        </div>
      )}
      {shown && (
        <>
          <p className="muted small">{t('web.customers.registrationsNote')}</p>
          {shown.length === 0 ? (
            <p className="empty">{t('web.customers.noSystems')}</p>
          ) : (
            <Paged items={shown} size={50} label={t('web.customers.registrationPages')} testId="registrations-pager">
              {(page) => (
                <table className="servers compact stacks registrations" data-testid="registrations">
                  <caption className="visually-hidden">{t('web.customers.registrationsTitle', { name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('web.systems.systemId')}</th>
                      <th scope="col">{t('web.systems.name')}</th>
                      <th scope="col">{t('web.customers.status')}</th>
                      <th scope="col">{t('web.systems.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.map((s) => (
                      <tr key={s.registrationId} data-testid="registration">
                        <th scope="row">
                          <Link to={customerSystemAddress(customerId, s.systemId)} testId="registration-link">
                            <code className="web-wrap">{s.systemId}</code>
                          </Link>
                        </th>
                        <td data-label={t('web.systems.name')}>{s.siteName}</td>
                        <td data-label={t('web.customers.status')}>{registrationStatus(t, s.status)}</td>
                        <td data-label={t('web.systems.updated')}>{formatWhen(s.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Paged>
          )}
        </>
      )}
    </section>
  );
}
