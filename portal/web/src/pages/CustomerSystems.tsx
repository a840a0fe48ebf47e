// A customer's systems as the partner's organization sees them (GET /api/v1/customers/:id/systems,
// SharedSystems): per system its status, country, when its servers were reported, and the servers
// with the IP address masked by the portal (its last two segments; a host name is not shared).
// Shown below the customer list on Customers; a 403 says the access was taken back meanwhile.
import { useEffect } from 'react';
import { countryName } from '../../../../renderer/src/components/systems/format.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import type { SharedSystem } from '../../../../shared/portal/partner-access.js';
import { ApiError, api } from '../api.js';
import { errorText } from '../components/Page.js';
import { useLoad } from '../components/useLoad.js';
import { formatDateTime, useWebT } from '../i18n/index.js';

const CUSTOMER_SYSTEMS_TITLE = 'customer-systems-title';

export function CustomerSystems({ customerId, name, onClose, onRefused }: { customerId: number; name: string; onClose(): void; onRefused(): void }) {
  const t = useWebT();
  const systems = useLoad(() => api('customerSystems', { params: { customerId: String(customerId) } }), [customerId]);
  const refused = systems.error instanceof ApiError && systems.error.status === 403;
  useEffect(() => {
    if (systems.loading) return;
    // What the person asked for is here (or what refused it): focus goes to its heading.
    focusSoon(`#${CUSTOMER_SYSTEMS_TITLE}`);
    // Access taken back meanwhile: the list above shows what is left.
    if (refused) onRefused();
  }, [systems.loading, systems.error]);
  const shown = systems.data && !systems.error ? systems.data : null;
  return (
    <section className="card customer-systems stack-host" aria-labelledby={CUSTOMER_SYSTEMS_TITLE} aria-busy={systems.loading} data-testid="customer-systems">
      <div className="card-head">
        <h2 id={CUSTOMER_SYSTEMS_TITLE} tabIndex={-1}>
          {t('web.customers.systemsTitle', { name: shown?.name ?? name })}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('web.customers.hide')}
        </button>
      </div>
      {systems.loading && !shown && (
        <p className="muted" role="status">
          {t('web.customers.loadingSystems')}
        </p>
      )}
      {systems.error !== null && !systems.loading && (
        <div className="error" role="alert" data-testid="customer-systems-error">
          <p>{refused ? t('web.customers.revoked', { message: errorText(systems.error, t('web.unreachable')) }) : t('web.customers.systemsFailed', { message: errorText(systems.error, t('web.unreachable')) })}</p>
          {!refused && (
            <button type="button" className="secondary" onClick={() => void systems.reload()}>
              {t('web.common.retry')}
            </button>
          )}
        </div>
      )}
      {shown && (
        <>
          <p className="muted small">{t('web.customers.sharedNote')}</p>
          {shown.systems.length === 0 && <p className="empty">{t('web.customers.noSystems')}</p>}
          {shown.systems.map((s) => (
            <SharedSystemBlock key={s.registrationId} system={s} />
          ))}
        </>
      )}
    </section>
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
          <thead>
            <tr>
              <th scope="col">{t('web.customers.server.name')}</th>
              <th scope="col">{t('web.customers.server.make')}</th>
              <th scope="col">{t('web.customers.server.model')}</th>
              <th scope="col">{t('web.customers.server.serialNumber')}</th>
              <th scope="col">{t('web.customers.server.firmware')}</th>
              <th scope="col">{t('web.customers.server.ipAddress')}</th>
            </tr>
          </thead>
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
