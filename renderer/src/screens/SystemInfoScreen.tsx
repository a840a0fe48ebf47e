import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteDifference, SystemInformationView } from '../../../shared/domain/online.js';
import { call } from '../companion.js';
import { CustomerRegistrationScreen } from '../components/systems/CustomerRegistration.js';
import { Facts, InfoSection } from '../components/systems/Facts.js';
import { formatWhen, roleLabel, statusClass, statusLabel } from '../components/systems/format.js';
import { AuditLog, CodesIssued, InventoryTable, MailLog, SystemIdHistory } from '../components/systems/RecordTables.js';
import { AdministratorSection, ConsentSection, InstallationSection, OwnersSection, WarrantySection } from '../components/systems/RegistrationSections.js';
import { ACTION_KEYS, SiteComparison, type FixAction } from '../components/systems/SiteComparison.js';
import { useNav } from '../stores/nav.js';
import { usePortal } from '../stores/portal.js';
import { useSite } from '../stores/site.js';
import { useSystems } from '../stores/systems.js';
import { t as translate } from '../i18n/index.js';
import '../systems.css';
import { InfoActions, infoGate } from '../components/systems/InfoPage.js';
import { localize } from '../i18n/said.js';
import { onlineSummary } from '../lib/summaries.js';

/**
 * The System Information page: everything the portal holds about one system, set beside the site
 * as this companion read it; for a customer's registration (a partner's Administrator access), the
 * registration as the customer's access shows it.
 */
export function SystemInfoScreen() {
  const systemId = useNav((s) => s.systemId);
  const customerId = useNav((s) => s.customerId);
  return customerId !== null ? <CustomerRegistrationScreen customerId={customerId} systemId={systemId} /> : <OwnSystemInfo systemId={systemId} />;
}

function OwnSystemInfo({ systemId }: { systemId: string | null }) {
  const { t } = useTranslation();
  const session = usePortal((s) => s.session);
  const loggedOn = !!session?.account;
  const { info, infoId, infoLoading, infoError, acting, outcome, loadInfo } = useSystems();
  useEffect(() => {
    if (!usePortal.getState().session) void usePortal.getState().load();
  }, []);
  useEffect(() => {
    if (systemId && loggedOn) void useSystems.getState().loadInfo(systemId);
  }, [systemId, loggedOn]);
  const shown = info && infoId === systemId ? info : null;

  return (
    <section className="screen system-info" aria-labelledby="system-info-title" aria-busy={infoLoading}>
      <p className="sys-back no-print">
        <a
          href="#systems"
          onClick={(e) => {
            e.preventDefault();
            useNav.getState().go('systems');
          }}
        >
          <span aria-hidden="true">← </span>
          {t('systems.info.back')}
        </a>
      </p>
      <header className="screen-header">
        <div>
          <h1 id="system-info-title" tabIndex={-1}>{t('systems.info.title')}</h1>
          {systemId && (
            <p className="sys-id-line">
              {t('systems.info.systemId')} <code data-testid="info-system-id">{systemId}</code>
              {shown && <span className={`badge ${statusClass({ status: shown.portal.registration.status, delivery: shown.portal.delivery })}`}>{statusLabel({ status: shown.portal.registration.status, delivery: shown.portal.delivery })}</span>}
            </p>
          )}
        </div>
        {shown && <InfoActions loading={infoLoading} onReload={() => void loadInfo(systemId!)} />}
      </header>

      {infoGate({ systemId, sessionKnown: !!session, loggedOn }) ?? (
        infoError && !shown ? (
        <InfoError error={infoError} onRetry={() => void loadInfo(systemId!)} />
      ) : !shown ? (
        <p className="muted" role="status">
          {t('systems.info.loadingFor', { id: systemId })}
        </p>
      ) : (
        <>
          {infoError && <InfoError error={infoError} onRetry={() => void loadInfo(systemId!)} />}
          <SystemInformation view={shown} acting={acting} outcome={outcome} />
        </>
      ))}
    </section>
  );
}


function InfoError({ error, onRetry }: { error: { code: string; message: string }; onRetry(): void }) {
  const { t } = useTranslation();
  const why =
    error.code === 'not_found'
      ? t('systems.info.notFound')
      : error.code === 'forbidden'
        ? t('systems.info.forbidden', { message: localize(error.message) })
        : error.code === 'unauthorized'
          ? t('systems.info.sessionEnded')
          : t('systems.info.loadFailed', { message: localize(error.message) });
  return (
    <div className="error sys-error" role="alert" data-testid="info-error">
      <p>{why}</p>
      <button type="button" className="secondary" onClick={onRetry}>
        {t('systems.tryAgain')}
      </button>
    </div>
  );
}

function SystemInformation({ view, acting, outcome }: { view: SystemInformationView; acting: string | null; outcome: ReturnType<typeof useSystems.getState>['outcome'] }) {
  const { t } = useTranslation();
  const r = view.portal.registration;
  const onAction = (row: SiteDifference, action: FixAction) => void runFix(view, row, action);
  return (
    <div className="sys-info-body">
      <InfoSection id="sys-summary" title={t('systems.summary.title')} testId="info-summary">
        <Facts
          rows={[
            [t('systems.summary.site'), r.installation.siteName],
            [t('systems.summary.status'), statusLabel({ status: r.status, delivery: view.portal.delivery })],
            [
              t('systems.summary.reached'),
              view.portal.delivery === 'online' ? t('systems.summary.reachedOnline') : view.portal.delivery === 'offline' ? t('systems.summary.reachedOffline') : t('systems.summary.notYet'),
            ],
            [t('systems.summary.role'), roleLabel(r.yourRole)],
            [t('systems.summary.registered'), formatWhen(r.createdAt)],
            [t('systems.summary.lastChange'), t('systems.summary.lastChangeValue', { when: formatWhen(r.updatedAt), revision: r.revision })],
          ]}
        />
      </InfoSection>
      {view.site && <SiteComparison view={view} acting={acting} outcome={outcome} onAction={onAction} />}
      {!view.site && outcome && (
        <p className={outcome.ok ? 'sys-done' : 'error'} role="status">
          {outcome.message}
        </p>
      )}
      <div className="sys-columns">
        <InstallationSection r={r} />
        <AdministratorSection r={r} />
        <WarrantySection r={r} />
        <ConsentSection r={r} />
      </div>
      <OwnersSection r={r} />
      <SystemIdHistory r={r} />
      <CodesIssued codes={view.portal.codes} applied={view.applied} />
      <InventoryTable inventory={view.portal.inventory} />
      <AuditLog audit={view.portal.audit} />
      <MailLog mail={view.portal.mail} />
    </div>
  );
}

/**
 * Runs the fix a comparison row offers. Two leave this page for the screen where the work is done.
 * Its outcome is worded in the language of the moment.
 */
async function runFix(view: SystemInformationView, row: SiteDifference, action: FixAction) {
  const t = translate;
  const site = view.site!;
  const act = useSystems.getState().act;
  const label = `${action} ${row.address}`;
  switch (action) {
    case 'write-again':
      return act(label, async () => {
        const result = await call('online.register', { leadAddress: site.leadAddress, registration: {} });
        const inventory = result.inventory.reported ? t('systems.fixed.inventoryReported') : t('systems.fixed.inventoryNotReported', { reason: result.inventory.error ? localize(result.inventory.error) : t('systems.fixed.noReason') });
        return `${onlineSummary(t, result)}${inventory}`;
      });
    case 'rewrite-shadow':
      return act(label, async () => {
        const result = await call('site.shadow.rewrite', { address: row.address });
        if (!result.written) throw new Error(t('systems.fixed.shadowNotWritten', { name: row.name, reason: result.error ? localize(result.error) : t('systems.fixed.noReason') }));
        return t('systems.fixed.shadowWritten', { name: row.name });
      });
    case 'read-again':
      return act(label, async () => {
        const snapshot = await call('site.discover', {});
        const failed = snapshot.failures.length;
        const words = { at: snapshot.readAt ? t('systems.fixed.at', { when: formatWhen(snapshot.readAt) }) : '', count: snapshot.servers.length, failed };
        return failed ? t('systems.fixed.readAgainFailed', words) : t('systems.fixed.readAgain', words);
      });
    case 'associate': {
      const lead = site.servers.find((s) => s.role === 'lead') ?? row;
      const serverCount = site.servers.filter((s) => s.address && s.state !== 'not-in-inventory').length;
      usePortal.getState().startSiteWork({
        kind: 'associate',
        site: { leadAddress: site.leadAddress, leadName: lead.name, serverCount: Math.max(1, serverCount) },
        systemId: view.portal.registration.systemId,
        newSystemId: row.systemId,
      });
      useNav.getState().go('portal');
      return;
    }
    case 'register':
      await useSite.getState().select(row.address);
      useNav.getState().go('site');
      return;
    default: {
      const never: never = action;
      throw new Error(`No action ${String(never)} (${t(`systems.compare.actions.${ACTION_KEYS[action as FixAction]}`)}).`);
    }
  }
}
