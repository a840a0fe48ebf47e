// A customer's registrations, for a partner the customer gave Administrator access
// (GET /api/v1/customers/:id/registrations): by System ID and site name, each opening the full
// registration (/customers/system?customer=<id>&id=<System ID>), where it can be changed as its
// integrator may. Shown below the customer list on Customers; a 403 says the access was taken back.
import { formatWhen } from '../../../../renderer/src/components/systems/format.js';
import { api } from '../api.js';
import { CustomerPanelCard, usePanelLoad } from '../components/CustomerPanel.js';
import { Link } from '../components/Link.js';
import { Paged } from '../components/Pager.js';
import { TableHead } from '../components/TableHead.js';
import { useWebT, type WebT } from '../i18n/index.js';
import { addressOf } from '../state.js';

const TITLE = 'customer-registrations-title';

/** The address of a customer's registration. */
export const customerSystemAddress = (customerId: number, systemId: string) => addressOf('/customers/system', { customer: customerId, id: systemId });

export const registrationStatus = (t: WebT, status: 'confirmed' | 'pending-consent') => (status === 'confirmed' ? t('web.customers.statuses.confirmed') : t('web.customers.statuses.pendingConsent'));

export function CustomerRegistrations({ customerId, name, onClose, onRefused }: { customerId: number; name: string; onClose(): void; onRefused(): void }) {
  const t = useWebT();
  // Each answer (or refusal) takes focus to the heading; access taken back meanwhile: the list above shows what is left.
  const list = usePanelLoad(() => api('customerRegistrations', { params: { customerId: String(customerId) } }), [customerId], { titleId: TITLE, onRefused });
  const shown = list.shown;
  return (
    <CustomerPanelCard
      title={t('web.customers.registrationsTitle', { name })}
      hide={t('web.customers.hideRegistrations')}
      onClose={onClose}
      list={list}
      words={{ loading: t('web.customers.loadingRegistrations'), refused: (message) => t('web.customers.adminRevoked', { message }), failed: (message) => t('web.customers.registrationsFailed', { message }) }}
      testId="customer-registrations"
    >
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
                  <TableHead columns={[t('web.systems.systemId'), t('web.systems.name'), t('web.customers.status'), t('web.systems.updated')]} />
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
    </CustomerPanelCard>
  );
}
