// A customer's systems as the partner's organization sees them (GET /api/v1/customers/:id/systems,
// SharedSystems): per system its status, country, when its servers were reported, and the servers
// with the IP address masked by the portal (its last two segments; a host name is not shared).
// Shown below the customer list on Customers; a 403 says the access was taken back meanwhile.
import { countryName } from '../../../../renderer/src/components/systems/format.js';
import type { SharedSystem } from '../../../../shared/portal/partner-access.js';
import { api } from '../api.js';
import { CustomerPanelCard, usePanelLoad } from '../components/CustomerPanel.js';
import { TableHead } from '../components/TableHead.js';
import { formatDateTime, useWebT } from '../i18n/index.js';

const CUSTOMER_SYSTEMS_TITLE = 'customer-systems-title';

export function CustomerSystems({ customerId, name, onClose, onRefused }: { customerId: number; name: string; onClose(): void; onRefused(): void }) {
  const t = useWebT();
  // What the person asked for is here (or what refused it): focus goes to its heading; access taken back meanwhile: the list above shows what is left.
  const systems = usePanelLoad(() => api('customerSystems', { params: { customerId: String(customerId) } }), [customerId], { titleId: CUSTOMER_SYSTEMS_TITLE, onRefused });
  const shown = systems.shown;
  return (
    <CustomerPanelCard
      title={t('web.customers.systemsTitle', { name: shown?.name ?? name })}
      hide={t('web.customers.hide')}
      onClose={onClose}
      list={systems}
      words={{ loading: t('web.customers.loadingSystems'), refused: (message) => t('web.customers.revoked', { message }), failed: (message) => t('web.customers.systemsFailed', { message }) }}
      testId="customer-systems"
    >
      {shown && (
        <>
          <p className="muted small">{t('web.customers.sharedNote')}</p>
          {shown.systems.length === 0 && <p className="empty">{t('web.customers.noSystems')}</p>}
          {shown.systems.map((s) => (
            <SharedSystemBlock key={s.registrationId} system={s} />
          ))}
        </>
      )}
    </CustomerPanelCard>
  );
}

function SharedSystemBlock({ system }: { system: SharedSystem }) {
  const t = useWebT();
  const headingId = `shared-system-${system.registrationId}`;
  const notGiven = <span className="muted">{t('web.customers.notGiven')}</span>;
  return (
    <section className="shared-system" aria-labelledby={headingId} data-testid="shared-system">
      <h3 id={headingId}>{t('web.customers.registration', { number: system.registrationId })}</h3>
      <dl className="facts">
        <dt>{t('web.customers.status')}</dt>
        <dd data-testid="shared-status">{system.status === 'confirmed' ? t('web.customers.statuses.confirmed') : t('web.customers.statuses.pendingConsent')}</dd>
        <dt>{t('web.customers.country')}</dt>
        <dd data-testid="shared-country">{system.country ? countryName(system.country) : notGiven}</dd>
        <dt>{t('web.customers.reported')}</dt>
        <dd>{system.reportedAt ? formatDateTime(system.reportedAt) : notGiven}</dd>
      </dl>
      {system.servers.length === 0 ? (
        <p className="muted">{t('web.customers.noServers')}</p>
      ) : (
        <table className="servers compact stacks shared-servers" data-testid="shared-servers">
          <caption className="visually-hidden">{t('web.customers.serversCaption', { number: system.registrationId })}</caption>
          <TableHead
            columns={[t('web.customers.server.name'), t('web.customers.server.make'), t('web.customers.server.model'), t('web.customers.server.serialNumber'), t('web.customers.server.firmware'), t('web.customers.server.ipAddress')]}
          />
          <tbody>
            {system.servers.map((s, n) => (
              <tr key={`${s.name} ${n}`} data-testid="shared-server">
                <th scope="row">{s.name}</th>
                <td data-label={t('web.customers.server.make')}>{s.make}</td>
                <td data-label={t('web.customers.server.model')}>{s.model ?? notGiven}</td>
                <td data-label={t('web.customers.server.serialNumber')}>{s.serialNumber ?? notGiven}</td>
                <td data-label={t('web.customers.server.firmware')}>{s.firmwareVersion ?? notGiven}</td>
                <td data-label={t('web.customers.server.ipAddress')} data-testid="shared-ip">{s.ipAddress ? <code>{s.ipAddress}</code> : <span className="muted">{t('web.customers.ipNotShared')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
