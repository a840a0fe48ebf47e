// One of the account's own systems in full (GET /api/v1/systems/:systemId/information), at
// /systems/system?id=<System ID>: the registration's fields, its owners, the System ID history, the
// codes issued, the last inventory the site reported, the audit log and the mail sent. The sections
// are the companion's System Information (renderer/src/components/systems/); long lists (an audit
// log or a mail log of 1,000 entries, an inventory of 2,000 servers) are shown a page at a time.
import { useTranslation } from 'react-i18next';
import { InfoSection } from '../../../../renderer/src/components/systems/Facts.js';
import { formatWhen, roleLabel, statusClass, statusLabel } from '../../../../renderer/src/components/systems/format.js';
import { AuditLog, MailLog } from '../../../../renderer/src/components/systems/RecordTables.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import type { SystemInformation } from '../../../../shared/portal/information.js';
import { SERVER_MAKE } from '../../../../shared/portal/partner-access.js';
import { ApiError, api } from '../api.js';
import { errorText } from '../components/Page.js';
import { Paged } from '../components/Pager.js';
import { Refusal, RegistrationDetails, RegistrationScreen } from '../components/RegistrationDetails.js';
import { TableHead } from '../components/TableHead.js';
import { useLoad } from '../components/useLoad.js';
import { useWebT } from '../i18n/index.js';
import { useQuery } from '../state.js';

/** Rows per page of the long lists. */
const PAGE = 50;
/** The audit log and the mail: long rows, so fewer to a page. */
const LOG_PAGE = 20;

export function SystemPage() {
  const t = useWebT();
  const query = useQuery();
  const systemId = query.get('id')?.trim() || null;
  // Each answer with the System ID it is for: a page opened from another system's never shows the other's.
  const info = useLoad(async () => (systemId ? { systemId, information: await api('systemInformation', { params: { systemId } }) } : null), [systemId]);
  const shown = info.data?.systemId === systemId ? info.data.information : null;
  const reload = () => void info.reload().then(() => focusSoon('main h1'));
  const r = shown?.registration;
  const toList = { to: '/systems' as const, text: t('web.system.toList') };
  return (
    <RegistrationScreen
      testId="system-page"
      busy={info.loading}
      back={{ to: '/systems', text: t('web.system.back') }}
      title={t('web.system.heading')}
      systemId={systemId}
      status={r && shown && <span className={`badge ${statusClass({ status: r.status, delivery: shown.delivery })}`}>{statusLabel({ status: r.status, delivery: shown.delivery })}</span>}
      actions={
        shown && (
          <button type="button" className="secondary" onClick={reload} disabled={info.loading}>
            {info.loading ? t('web.loading') : t('web.system.reload')}
          </button>
        )
      }
    >
      {!systemId ? (
        <Refusal text={t('web.system.noId')} back={toList} testId="system-refusal" />
      ) : info.error && !info.loading ? (
        <Refusal text={whyNot(info.error, systemId, t)} error={info.error} onRetry={reload} back={toList} testId="system-refusal" />
      ) : !shown ? (
        <p className="muted" role="status">
          {t('web.system.loading', { id: systemId })}
        </p>
      ) : (
        <SystemDetails info={shown} />
      )}
    </RegistrationScreen>
  );
}

function whyNot(error: unknown, systemId: string, t: ReturnType<typeof useWebT>): string {
  const message = errorText(error, t('web.unreachable'));
  if (error instanceof ApiError && error.status === 404) return t('web.system.notFound', { id: systemId });
  if (error instanceof ApiError && error.status === 403) return t('web.system.forbidden', { message });
  return t('web.system.loadFailed', { message });
}

function SystemDetails({ info }: { info: SystemInformation }) {
  const { t } = useTranslation();
  const tw = useWebT();
  const r = info.registration;
  return (
    <RegistrationDetails
      r={r}
      facts={[
        [t('systems.summary.status'), statusLabel({ status: r.status, delivery: info.delivery })],
        [t('systems.summary.reached'), info.delivery === 'online' ? t('systems.summary.reachedOnline') : info.delivery === 'offline' ? t('systems.summary.reachedOffline') : t('systems.summary.notYet')],
        [t('systems.summary.role'), roleLabel(r.yourRole)],
      ]}
    >
      <CodesIssued codes={info.codes} />
      <Inventory inventory={info.inventory} />
      <Paged items={info.audit} size={LOG_PAGE} label={tw('web.system.auditPages')} testId="audit-pager">
        {(page) => <AuditLog audit={page} />}
      </Paged>
      <Paged items={info.mail} size={LOG_PAGE} label={tw('web.system.mailPages')} testId="mail-pager">
        {(page) => <MailLog mail={page} />}
      </Paged>
    </RegistrationDetails>
  );
}

/** The Registration codes issued for offline requests, newest first. */
function CodesIssued({ codes }: { codes: SystemInformation['codes'] }) {
  const { t } = useTranslation();
  const tw = useWebT();
  return (
    <Paged items={codes} size={PAGE} label={tw('web.system.codePages')} testId="codes-pager">
      {(page) => (
        <InfoSection id="sys-codes" title={t('systems.codes.title')} testId="info-codes">
          {page.length === 0 ? (
            <p className="muted">{t('systems.codes.none')}</p>
          ) : (
            <table className="sys-data">
              <caption className="visually-hidden">{t('systems.codes.caption')}</caption>
              <TableHead columns={[t('systems.codes.serial'), t('systems.codes.kind'), t('systems.codes.forSystemId'), t('systems.codes.issued'), t('systems.codes.validUntil')]} />
              <tbody>
                {page.map((c) => (
                  <tr key={c.serial} data-testid="code-row">
                    <th scope="row" data-label={t('systems.codes.serial')}>
                      {c.serial}
                    </th>
                    <td data-label={t('systems.codes.kind')}>{t(`systems.codes.${c.kind}`)}</td>
                    <td data-label={t('systems.codes.forSystemId')}>
                      <code className="web-wrap">{c.systemId}</code>
                    </td>
                    <td data-label={t('systems.codes.issued')}>{formatWhen(c.issuedAt)}</td>
                    <td data-label={t('systems.codes.validUntil')}>{formatWhen(c.validUntil)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </InfoSection>
      )}
    </Paged>
  );
}

/** Each server kind's name: systems.inventory.<key> (product names). */
const KIND_KEYS = { 'enterprise-central': 'enterpriseCentral', 'enterprise-server': 'enterpriseServer', 'automation-server': 'automationServer' } as const;

/** The servers the site last reported (the lead and its shadows): a page of them at a time. */
function Inventory({ inventory }: { inventory: SystemInformation['inventory'] }) {
  const { t } = useTranslation();
  const tw = useWebT();
  const unknown = (
    <span className="muted" title={t('systems.inventory.notToldTitle')}>
      {t('systems.inventory.notTold')}
    </span>
  );
  if (!inventory) {
    return (
      <InfoSection id="sys-inventory" title={t('systems.inventory.title')} testId="info-inventory">
        <p className="muted">{t('systems.inventory.none')}</p>
      </InfoSection>
    );
  }
  const reported = t(inventory.source === 'online' ? 'systems.inventory.reportedOnline' : 'systems.inventory.reportedFile', { when: formatWhen(inventory.reportedAt), count: inventory.servers.length });
  return (
    <Paged items={inventory.servers} size={PAGE} label={tw('web.system.serverPages')} testId="inventory-pager">
      {(page) => (
        <InfoSection id="sys-inventory" title={t('systems.inventory.title')} testId="info-inventory">
          <p>{reported}</p>
          <table className="sys-data web-inventory">
            <caption className="visually-hidden">{t('systems.inventory.caption')}</caption>
            <TableHead columns={[t('systems.inventory.name'), tw('web.system.makeModel'), t('systems.inventory.serialNumber'), t('systems.inventory.firmware'), t('systems.inventory.ipAddress'), t('systems.inventory.systemId')]} />
            <tbody>
              {page.map((s, n) => (
                <tr key={`${s.systemId} ${n}`} data-testid="inventory-row">
                  <th scope="row">
                    {s.name}
                    <span className="muted small web-server-kind">
                      {t(`systems.inventory.${KIND_KEYS[s.kind]}`)} · {s.role === 'lead' ? t('systems.inventory.lead') : t('systems.inventory.shadow')}
                    </span>
                  </th>
                  <td data-label={tw('web.system.makeModel')}>
                    {SERVER_MAKE}
                    <span className="web-model">{s.model ?? unknown}</span>
                  </td>
                  <td data-label={t('systems.inventory.serialNumber')}>{s.serialNumber ?? unknown}</td>
                  <td data-label={t('systems.inventory.firmware')}>{s.firmwareVersion ?? unknown}</td>
                  <td data-label={t('systems.inventory.ipAddress')}>{s.ipAddress ? <code className="web-wrap">{s.ipAddress}</code> : unknown}</td>
                  <td data-label={t('systems.inventory.systemId')}>
                    <code className="web-wrap">{s.systemId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </InfoSection>
      )}
    </Paged>
  );
}
