// The records kept about a registration: its System IDs over time, the codes issued, the site's
// last inventory, the audit log and the notification mail. Each a table with a caption and headers.
import { useTranslation } from 'react-i18next';
import type { SystemInformationView } from '../../../../shared/domain/online.js';
import type { SystemInformation } from '../../../../shared/portal/information.js';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { InfoSection } from './Facts.js';
import { formatWhen } from './format.js';
import { localize } from '../../i18n/said.js';

export function SystemIdHistory({ r }: { r: RegistrationView }) {
  const { t } = useTranslation();
  return (
    <InfoSection id="sys-history" title={t('systems.history.title')} testId="info-history">
      <table className="sys-data">
        <caption className="visually-hidden">{t('systems.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('systems.history.systemId')}</th>
            <th scope="col">{t('systems.history.associated')}</th>
            <th scope="col">{t('systems.history.replaced')}</th>
          </tr>
        </thead>
        <tbody>
          {r.systemIds.map((s) => (
            <tr key={s.systemId} data-testid="history-row">
              <td data-label={t('systems.history.systemId')}>
                <code>{s.systemId}</code>
              </td>
              <td data-label={t('systems.history.associated')}>{formatWhen(s.associatedAt)}</td>
              <td data-label={t('systems.history.replaced')}>{s.replacedAt ? t('systems.history.replacedAt', { when: formatWhen(s.replacedAt) }) : <strong>{t('systems.history.current')}</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </InfoSection>
  );
}

export function CodesIssued({ codes, applied }: { codes: SystemInformation['codes']; applied: SystemInformationView['applied'] }) {
  const { t } = useTranslation();
  const appliedAt = new Map(applied.map((a) => [a.serial, a.appliedAt]));
  return (
    <InfoSection id="sys-codes" title={t('systems.codes.title')} testId="info-codes">
      {codes.length === 0 ? (
        <p className="muted">{t('systems.codes.none')}</p>
      ) : (
        <table className="sys-data">
          <caption className="visually-hidden">{t('systems.codes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('systems.codes.serial')}</th>
              <th scope="col">{t('systems.codes.kind')}</th>
              <th scope="col">{t('systems.codes.forSystemId')}</th>
              <th scope="col">{t('systems.codes.issued')}</th>
              <th scope="col">{t('systems.codes.validUntil')}</th>
              <th scope="col">{t('systems.codes.used')}</th>
            </tr>
          </thead>
          <tbody>
            {codes.map((c) => {
              const used = appliedAt.get(c.serial);
              return (
                <tr key={c.serial} data-testid="code-row">
                  <td data-label={t('systems.codes.serial')}>{c.serial}</td>
                  <td data-label={t('systems.codes.kind')}>{t(`systems.codes.${c.kind}`)}</td>
                  <td data-label={t('systems.codes.forSystemId')}>
                    <code>{c.systemId}</code>
                  </td>
                  <td data-label={t('systems.codes.issued')}>{formatWhen(c.issuedAt)}</td>
                  <td data-label={t('systems.codes.validUntil')}>{formatWhen(c.validUntil)}</td>
                  <td data-label={t('systems.codes.used')}>{used ? t('systems.codes.appliedHere', { when: formatWhen(used) }) : <span className="muted">{t('systems.codes.notKnown')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </InfoSection>
  );
}

/** Each server kind's name: systems.inventory.<key> (product names). */
const KIND_KEYS: Record<string, 'enterpriseCentral' | 'enterpriseServer' | 'automationServer'> = {
  'enterprise-central': 'enterpriseCentral',
  'enterprise-server': 'enterpriseServer',
  'automation-server': 'automationServer',
};

export function InventoryTable({ inventory }: { inventory: SystemInformation['inventory'] }) {
  const { t } = useTranslation();
  const kind = (k: string) => (KIND_KEYS[k] ? t(`systems.inventory.${KIND_KEYS[k]}`) : k);
  return (
    <InfoSection id="sys-inventory" title={t('systems.inventory.title')} testId="info-inventory">
      {!inventory ? (
        <p className="muted">{t('systems.inventory.none')}</p>
      ) : (
        <>
          <p>{t(inventory.source === 'online' ? 'systems.inventory.reportedOnline' : 'systems.inventory.reportedFile', { when: formatWhen(inventory.reportedAt), count: inventory.servers.length })}</p>
          <div className="sys-scroll" tabIndex={0} role="region" aria-label={t('systems.inventory.region')}>
            <table className="sys-data">
              <caption className="visually-hidden">{t('systems.inventory.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('systems.inventory.name')}</th>
                  <th scope="col">{t('systems.inventory.kind')}</th>
                  <th scope="col">{t('systems.inventory.model')}</th>
                  <th scope="col">{t('systems.inventory.serialNumber')}</th>
                  <th scope="col">{t('systems.inventory.firmware')}</th>
                  <th scope="col">{t('systems.inventory.ipAddress')}</th>
                  <th scope="col">{t('systems.inventory.systemId')}</th>
                  <th scope="col">{t('systems.inventory.leadOrShadow')}</th>
                </tr>
              </thead>
              <tbody>
                {inventory.servers.map((s, n) => (
                  <tr key={`${s.systemId} ${n}`} data-testid="inventory-row">
                    <td data-label={t('systems.inventory.name')}>{s.name}</td>
                    <td data-label={t('systems.inventory.kind')}>{kind(s.kind)}</td>
                    <td data-label={t('systems.inventory.model')}>{s.model ?? <Unknown />}</td>
                    <td data-label={t('systems.inventory.serialNumber')}>{s.serialNumber ?? <Unknown />}</td>
                    <td data-label={t('systems.inventory.firmware')}>{s.firmwareVersion ?? <Unknown />}</td>
                    <td data-label={t('systems.inventory.ipAddress')}>{s.ipAddress ?? <Unknown />}</td>
                    <td data-label={t('systems.inventory.systemId')}>
                      <code>{s.systemId}</code>
                    </td>
                    <td data-label={t('systems.inventory.leadOrShadow')}>{s.role === 'lead' ? t('systems.inventory.lead') : t('systems.inventory.shadow')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </InfoSection>
  );
}

function Unknown() {
  const { t } = useTranslation();
  return (
    <span className="muted" title={t('systems.inventory.notToldTitle')}>
      {t('systems.inventory.notTold')}
    </span>
  );
}

/** The audit log's actions: systems.audit.actions.<key>; one the app does not know shows as the portal names it. */
const ACTION_KEYS: Record<string, 'registered' | 'modified' | 'invited' | 'claimed' | 'associated' | 'inventoryReported' | 'codeIssued'> = {
  'system.registered': 'registered',
  'system.modified': 'modified',
  'system.invited': 'invited',
  'system.claimed': 'claimed',
  'system.associated': 'associated',
  'system.inventory-reported': 'inventoryReported',
  'code.issued': 'codeIssued',
};

/** An audit entry's detail as "key: value" pairs; nested values as compact JSON, long ones cut. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}: ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`;
    })
    .join('; ');
}

export function AuditLog({ audit }: { audit: SystemInformation['audit'] }) {
  const { t } = useTranslation();
  const action = (a: string) => (ACTION_KEYS[a] ? t(`systems.audit.actions.${ACTION_KEYS[a]}`) : a);
  return (
    <InfoSection id="sys-audit" title={t('systems.audit.title')} testId="info-audit">
      {audit.length === 0 ? (
        <p className="muted">{t('systems.audit.none')}</p>
      ) : (
        <div className="sys-scroll" tabIndex={0} role="region" aria-label={t('systems.audit.region')}>
          <table className="sys-data">
            <caption className="visually-hidden">{t('systems.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('systems.audit.when')}</th>
                <th scope="col">{t('systems.audit.who')}</th>
                <th scope="col">{t('systems.audit.what')}</th>
                <th scope="col">{t('systems.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((a) => (
                <tr key={a.id} data-testid="audit-row">
                  <td className="sys-when" data-label={t('systems.audit.when')}>{formatWhen(a.at)}</td>
                  <td data-label={t('systems.audit.who')}>{a.actor ?? <span className="muted">{t('systems.audit.thePortal')}</span>}</td>
                  <td data-label={t('systems.audit.what')}>{action(a.action)}</td>
                  <td className="sys-detail" data-label={t('systems.audit.details')}>{detailText(a.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </InfoSection>
  );
}

export function MailLog({ mail }: { mail: SystemInformation['mail'] }) {
  const { t } = useTranslation();
  return (
    <InfoSection id="sys-mail" title={t('systems.mail.title')} testId="info-mail">
      {mail.length === 0 ? (
        <p className="muted">{t('systems.mail.none')}</p>
      ) : (
        <table className="sys-data">
          <caption className="visually-hidden">{t('systems.mail.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('systems.mail.recipients')}</th>
              <th scope="col">{t('systems.mail.subject')}</th>
              <th scope="col">{t('systems.mail.state')}</th>
              <th scope="col">{t('systems.mail.when')}</th>
            </tr>
          </thead>
          <tbody>
            {mail.map((m) => (
              <tr key={m.id} data-testid="mail-row">
                <td data-label={t('systems.mail.recipients')}>{m.recipients.join(', ')}</td>
                <td data-label={t('systems.mail.subject')}>{m.subject}</td>
                <td data-label={t('systems.mail.state')}>
                  {t(`systems.mail.${m.state}`)}
                  {m.state !== 'sent' && m.attempts > 0 && t('systems.mail.attempts', { count: m.attempts })}
                  {m.lastError && m.state !== 'sent' && <span className="sys-mail-error">: {localize(m.lastError)}</span>}
                </td>
                <td data-label={t('systems.mail.when')}>{m.sentAt ? t('systems.mail.sentAt', { when: formatWhen(m.sentAt) }) : t('systems.mail.queuedAt', { when: formatWhen(m.queuedAt) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </InfoSection>
  );
}
