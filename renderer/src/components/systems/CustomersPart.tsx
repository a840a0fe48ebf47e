// My systems, for a partner account: the customers that gave the partner's organization access,
// each with its access level in words, and the chosen customer's systems as the access allows.
// Read-only: per system its status, country, when reported and its servers (masked IP addresses),
// nothing else exists to show. Administrator: also its registrations by System ID and site name,
// each opening the System Information page with the full registration.
import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AdministeredSystem, Customer, SharedSystem } from '../../../../shared/domain/customers.js';
import { t as translate } from '../../i18n/index.js';
import { localize } from '../../i18n/said.js';
import { focusSoon } from '../../lib/focus.js';
import type { ContractError } from '../../lib/errors.js';
import { useCustomers } from '../../stores/customers.js';
import { hashFor, useNav } from '../../stores/nav.js';
import { ScreenLink } from '../ScreenLink.js';
import { countryName, formatCount, formatWhen } from './format.js';

const PANEL_TITLE = 'customer-systems-title';

/** The access a customer gave, in words: Read-only or Administrator, and API device data when given. */
export function accessWords(c: Pick<Customer, 'administrator' | 'api'>): string {
  return [c.administrator ? translate('systems.customers.level.administrator') : translate('systems.customers.level.readOnly'), ...(c.api ? [translate('systems.customers.level.api')] : [])].join(', ');
}

const sharedStatus = (status: SharedSystem['status']) => (status === 'pending-consent' ? translate('systems.status.pendingConsent') : translate('systems.status.confirmed'));

/** After choosing a customer: focus on its systems' heading, or on what refused them. */
const focusPanel = (ok: boolean) => focusSoon(ok ? `#${PANEL_TITLE}` : '[data-testid="customer-systems-error"]');

export function CustomersPart({ account }: { account: string }) {
  const { t } = useTranslation();
  const { customers, listLoading, listError, chosenId, loadCustomers, choose } = useCustomers();
  useEffect(() => {
    useCustomers.getState().forAccount(account);
    void useCustomers.getState().loadCustomers();
  }, [account]);

  return (
    <section className="card sys-section sys-customers" aria-labelledby="customers-title" data-testid="customers">
      <div className="card-head">
        <h2 id="customers-title" tabIndex={-1}>
          {t('systems.customers.title')}
        </h2>
        <button
          type="button"
          className="secondary"
          onClick={() => void loadCustomers().then((ok) => focusSoon(ok ? '#customers-title' : '[data-testid="customers-error"]'))}
          disabled={listLoading}
        >
          {t('systems.customers.reload')}
        </button>
      </div>
      <p className="muted">{t('systems.customers.lead')}</p>

      {listError && (
        <p className="error" role="alert" data-testid="customers-error">
          {listError.code === 'unauthorized' ? (
            <Trans i18nKey="systems.customers.sessionEnded" components={{ portal: <ScreenLink screen="portal" /> }} />
          ) : (
            t('systems.customers.loadFailed', { message: localize(listError.message) })
          )}
        </p>
      )}
      {!customers && listLoading && (
        <p className="muted" role="status">
          {t('systems.customers.loading')}
        </p>
      )}
      {customers && customers.length === 0 && (
        <p className="empty" data-testid="customers-empty">
          {t('systems.customers.none')}
        </p>
      )}
      {customers && customers.length > 0 && (
        <table className="sys-data" data-testid="customers-table" aria-busy={listLoading}>
          <caption className="visually-hidden">{t('systems.customers.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('systems.customers.name')}</th>
              <th scope="col">{t('systems.customers.country')}</th>
              <th scope="col">{t('systems.customers.access')}</th>
              <th scope="col">{t('systems.customers.systemCount')}</th>
              <th scope="col">{t('systems.customers.since')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('systems.customers.show')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => {
              const chosen = c.customerId === chosenId;
              return (
                <tr key={c.customerId} data-testid="customer-row" aria-current={chosen ? 'true' : undefined} className={chosen ? 'sys-chosen' : undefined}>
                  <th scope="row">
                    <span id={`customer-${c.customerId}-name`}>{c.name}</span>
                    {/* Which customer's systems are below: said in words, not only marked. */}
                    {chosen && <span className="sys-shown-word">{t('systems.customers.shown')}</span>}
                  </th>
                  <td data-label={t('systems.customers.country')}>{c.country ? countryName(c.country) : <NotGiven />}</td>
                  <td data-label={t('systems.customers.access')}>
                    <span className={`badge ${c.administrator ? 'sys-access-admin' : 'sys-access-read'}`} data-testid="customer-access">
                      {accessWords(c)}
                    </span>
                  </td>
                  <td data-label={t('systems.customers.systemCount')}>{formatCount(c.systems)}</td>
                  <td data-label={t('systems.customers.since')}>{formatWhen(c.addedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-describedby={`customer-${c.customerId}-name`}
                      onClick={() => void choose(c.customerId).then(focusPanel)}
                      data-testid="customer-show"
                    >
                      {t('systems.customers.show')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {chosenId !== null && <CustomerSystems customerId={chosenId} />}
    </section>
  );
}

function CustomerSystems({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { customers, chosenName, systems, systemsLoading, systemsError, registrations, registrationsError, choose } = useCustomers();
  const customer = customers?.find((c) => c.customerId === customerId) ?? null;
  const name = systems?.name || customer?.name || chosenName;
  const shown = systems && systems.customerId === customerId ? systems : null;
  return (
    <div className="sys-customer" aria-busy={systemsLoading} data-testid="customer-systems">
      <h3 id={PANEL_TITLE} tabIndex={-1}>
        {name ? t('systems.customers.systemsTitle', { name }) : t('systems.customers.systemsTitleUnnamed')}
      </h3>
      {customer && !systemsError && (
        <p className="sys-access-note" data-testid="customer-access-note">
          <strong>{accessWords(customer)}.</strong> {customer.administrator ? t('systems.customers.administratorNote') : t('systems.customers.readOnlyNote')}
        </p>
      )}
      {systemsError && <Refusal error={systemsError} onRetry={() => void choose(customerId).then(focusPanel)} testId="customer-systems-error" which="systems" />}
      {!shown && systemsLoading && (
        <p className="muted" role="status">
          {t('systems.customers.loadingSystems')}
        </p>
      )}
      {registrationsError && !systemsError && <Refusal error={registrationsError} onRetry={() => void choose(customerId).then(focusPanel)} testId="customer-registrations-error" which="registrations" />}
      {registrations && !systemsError && <Registrations customerId={customerId} items={registrations} />}
      {shown && !systemsError && (
        <>
          <h4 className="sys-customer-sub">{t('systems.customers.serversTitle')}</h4>
          {shown.systems.length === 0 ? (
            <p className="empty" data-testid="customer-no-systems">
              {t('systems.customers.noSystems')}
            </p>
          ) : (
            <>
              <p className="muted small">{t('systems.customers.ipMasked')}</p>
              {shown.systems.map((s) => (
                <SharedSystemBlock key={s.registrationId} system={s} administered={registrations?.find((r) => r.registrationId === s.registrationId) ?? null} />
              ))}
            </>
          )}
        </>
      )}
    </div>
  );
}

/** The portal's refusal in its words, then what to do; a 403 means the access changed meanwhile. */
function Refusal({ error, onRetry, testId, which }: { error: ContractError; onRetry(): void; testId: string; which: 'systems' | 'registrations' }) {
  const { t } = useTranslation();
  const message = localize(error.message);
  return (
    <div className="error sys-error" role="alert" data-testid={testId}>
      <p>
        {error.code === 'unauthorized' ? (
          <Trans i18nKey="systems.customers.sessionEnded" components={{ portal: <ScreenLink screen="portal" /> }} />
        ) : error.code === 'forbidden' ? (
          t('systems.customers.revoked', { message })
        ) : which === 'systems' ? (
          t('systems.customers.systemsFailed', { message })
        ) : (
          t('systems.customers.registrationsFailed', { message })
        )}
      </p>
      <button type="button" className="secondary" onClick={onRetry}>
        {t('systems.tryAgain')}
      </button>
    </div>
  );
}

function Registrations({ customerId, items }: { customerId: number; items: AdministeredSystem[] }) {
  const { t } = useTranslation();
  const open = (systemId: string) => useNav.getState().openSystem(systemId, customerId);
  return (
    <>
      <h4 className="sys-customer-sub">{t('systems.customers.registrationsTitle')}</h4>
      {items.length === 0 ? (
        <p className="empty">{t('systems.customers.registrationsNone')}</p>
      ) : (
        <table className="sys-data" data-testid="customer-registrations">
          <caption className="visually-hidden">{t('systems.customers.registrationsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('systems.table.systemId')}</th>
              <th scope="col">{t('systems.table.siteName')}</th>
              <th scope="col">{t('systems.table.status')}</th>
              <th scope="col">{t('systems.table.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.registrationId} data-testid="customer-registration-row">
                <td data-label={t('systems.table.systemId')}>
                  <a
                    href={hashFor('system', r.systemId, customerId)}
                    data-testid="customer-registration-link"
                    onClick={(e) => {
                      e.preventDefault();
                      open(r.systemId);
                    }}
                  >
                    <code>{r.systemId}</code>
                  </a>
                </td>
                <td data-label={t('systems.table.siteName')}>{r.siteName}</td>
                <td data-label={t('systems.table.status')}>{sharedStatus(r.status)}</td>
                <td data-label={t('systems.table.updatedAt')}>{formatWhen(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** One system in the read-only view; with Administrator access its registration (System ID, site name) names it. */
function SharedSystemBlock({ system, administered }: { system: SharedSystem; administered: AdministeredSystem | null }) {
  const { t } = useTranslation();
  const title = administered
    ? t('systems.customers.registrationNamed', { siteName: administered.siteName, systemId: administered.systemId })
    : t('systems.customers.registrationNumber', { number: system.registrationId });
  const headingId = `shared-system-${system.registrationId}`;
  return (
    <section className="sys-shared" aria-labelledby={headingId} data-testid="shared-system">
      <h5 id={headingId}>{title}</h5>
      <dl className="sys-facts">
        <div className="sys-fact">
          <dt>{t('systems.customers.status')}</dt>
          <dd data-testid="shared-status">{sharedStatus(system.status)}</dd>
        </div>
        <div className="sys-fact">
          <dt>{t('systems.customers.country')}</dt>
          <dd>{countryName(system.country)}</dd>
        </div>
        <div className="sys-fact">
          <dt>{t('systems.customers.reported')}</dt>
          <dd>{system.reportedAt ? formatWhen(system.reportedAt) : <span className="muted">{t('systems.summary.notYet')}</span>}</dd>
        </div>
      </dl>
      {system.servers.length === 0 ? (
        <p className="muted">{t('systems.customers.notReported')}</p>
      ) : (
        <table className="sys-data" data-testid="shared-servers">
          <caption className="visually-hidden">{t('systems.customers.serversCaption', { number: system.registrationId })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('systems.customers.server.name')}</th>
              <th scope="col">{t('systems.customers.server.make')}</th>
              <th scope="col">{t('systems.customers.server.model')}</th>
              <th scope="col">{t('systems.customers.server.serialNumber')}</th>
              <th scope="col">{t('systems.customers.server.firmware')}</th>
              <th scope="col">{t('systems.customers.server.ipAddress')}</th>
            </tr>
          </thead>
          <tbody>
            {system.servers.map((s, n) => (
              <tr key={`${s.name} ${n}`} data-testid="shared-server-row">
                <td data-label={t('systems.customers.server.name')}>{s.name}</td>
                <td data-label={t('systems.customers.server.make')}>{s.make}</td>
                <td data-label={t('systems.customers.server.model')}>{s.model ?? <NotGiven />}</td>
                <td data-label={t('systems.customers.server.serialNumber')}>{s.serialNumber ?? <NotGiven />}</td>
                <td data-label={t('systems.customers.server.firmware')}>{s.firmwareVersion ?? <NotGiven />}</td>
                <td data-label={t('systems.customers.server.ipAddress')} data-testid="shared-ip">
                  {s.ipAddress ? <code>{s.ipAddress}</code> : <span className="muted">{t('systems.customers.ipNotShared')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NotGiven() {
  const { t } = useTranslation();
  return <span className="muted">{t('systems.notGiven')}</span>;
}
