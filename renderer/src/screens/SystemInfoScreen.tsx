import { useEffect } from 'react';
import type { SiteDifference, SystemInformationView } from '../../../shared/domain/online.js';
import { call } from '../companion.js';
import { Facts, InfoSection } from '../components/systems/Facts.js';
import { formatWhen, roleLabel, statusClass, statusLabel } from '../components/systems/format.js';
import { AuditLog, CodesIssued, InventoryTable, MailLog, SystemIdHistory } from '../components/systems/RecordTables.js';
import { AdministratorSection, ConsentSection, InstallationSection, OwnersSection, WarrantySection } from '../components/systems/RegistrationSections.js';
import { ACTION_LABELS, SiteComparison, type FixAction } from '../components/systems/SiteComparison.js';
import { useNav } from '../stores/nav.js';
import { usePortal } from '../stores/portal.js';
import { useSite } from '../stores/site.js';
import { useSystems } from '../stores/systems.js';
import '../systems.css';

/** The System Information page: everything the portal holds about one system, set beside the site as this companion read it. */
export function SystemInfoScreen() {
  const systemId = useNav((s) => s.systemId);
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
          <span aria-hidden="true">← </span>Back to My systems
        </a>
      </p>
      <header className="screen-header">
        <div>
          <h1 id="system-info-title" tabIndex={-1}>System Information</h1>
          {systemId && (
            <p className="sys-id-line">
              System ID <code data-testid="info-system-id">{systemId}</code>
              {shown && <span className={`badge ${statusClass({ status: shown.portal.registration.status, delivery: shown.portal.delivery })}`}>{statusLabel({ status: shown.portal.registration.status, delivery: shown.portal.delivery })}</span>}
            </p>
          )}
        </div>
        {shown && (
          <div className="header-actions no-print">
            <button type="button" className="secondary" onClick={() => void loadInfo(systemId!)} disabled={infoLoading}>
              {infoLoading ? 'Loading…' : 'Reload'}
            </button>
            <button type="button" onClick={() => window.print()}>
              Print / save as PDF
            </button>
          </div>
        )}
      </header>

      {!systemId ? (
        <p className="error" role="alert" data-testid="info-no-id">
          This address does not name a system (its System ID could not be read). Choose the system in <MySystemsLink />.
        </p>
      ) : !session ? (
        <p className="muted" role="status">
          Checking the portal session…
        </p>
      ) : !loggedOn ? (
        <div className="card" data-testid="info-logged-off">
          <h2>Log on to the portal first</h2>
          <p>
            The System Information comes from your Registration Portal account. Log on on the <PortalLink />, then come back here.
          </p>
        </div>
      ) : infoError && !shown ? (
        <InfoError error={infoError} onRetry={() => void loadInfo(systemId)} />
      ) : !shown ? (
        <p className="muted" role="status">
          Loading the System Information for {systemId}…
        </p>
      ) : (
        <>
          {infoError && <InfoError error={infoError} onRetry={() => void loadInfo(systemId)} />}
          <SystemInformation view={shown} acting={acting} outcome={outcome} />
        </>
      )}
    </section>
  );
}

function MySystemsLink() {
  return (
    <a
      href="#systems"
      onClick={(e) => {
        e.preventDefault();
        useNav.getState().go('systems');
      }}
    >
      My systems
    </a>
  );
}

function PortalLink() {
  return (
    <a
      href="#portal"
      onClick={(e) => {
        e.preventDefault();
        useNav.getState().go('portal');
      }}
    >
      Portal screen
    </a>
  );
}

function InfoError({ error, onRetry }: { error: { code: string; message: string }; onRetry(): void }) {
  const why =
    error.code === 'not_found'
      ? 'The portal has no system with this System ID that your account may see. Check the System ID, or choose the system in My systems.'
      : error.code === 'forbidden'
        ? `${error.message} Only the system’s integrator and end user may see its information.`
        : error.code === 'unauthorized'
          ? 'Your portal session has ended. Log on again on the Portal screen, then reload.'
          : `The System Information could not be loaded: ${error.message}`;
  return (
    <div className="error sys-error" role="alert" data-testid="info-error">
      <p>{why}</p>
      <button type="button" className="secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

function SystemInformation({ view, acting, outcome }: { view: SystemInformationView; acting: string | null; outcome: ReturnType<typeof useSystems.getState>['outcome'] }) {
  const r = view.portal.registration;
  const onAction = (row: SiteDifference, action: FixAction) => void runFix(view, row, action);
  return (
    <div className="sys-info-body">
      <InfoSection id="sys-summary" title="Registration" testId="info-summary">
        <Facts
          rows={[
            ['Site', r.installation.siteName],
            ['Status', statusLabel({ status: r.status, delivery: view.portal.delivery })],
            ['Reached the site', view.portal.delivery === 'online' ? 'Online, written by a companion' : view.portal.delivery === 'offline' ? 'Offline, with a Registration code' : 'Not yet'],
            ['Your role', roleLabel(r.yourRole)],
            ['Registered', formatWhen(r.createdAt)],
            ['Last change', `${formatWhen(r.updatedAt)} (revision ${r.revision})`],
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

/** Runs the fix a comparison row offers. Two leave this page for the screen where the work is done. */
async function runFix(view: SystemInformationView, row: SiteDifference, action: FixAction) {
  const site = view.site!;
  const act = useSystems.getState().act;
  const label = `${action} ${row.address}`;
  switch (action) {
    case 'write-again':
      return act(label, async () => {
        const result = await call('online.register', { leadAddress: site.leadAddress, registration: {} });
        const inventory = result.inventory.reported ? ' The portal has the site’s servers as they are now.' : ` The server list was not reported to the portal: ${result.inventory.error ?? 'no reason was given'}.`;
        return `${result.summary}${inventory}`;
      });
    case 'rewrite-shadow':
      return act(label, async () => {
        const result = await call('site.shadow.rewrite', { address: row.address });
        if (!result.written) throw new Error(`${row.name} was not written: ${result.error ?? 'no reason was given'}. Check that it answers, then try again.`);
        return `The lead’s registration was written to ${row.name} again.`;
      });
    case 'read-again':
      return act(label, async () => {
        const snapshot = await call('site.discover', {});
        const failed = snapshot.failures.length;
        return `The site was read again${snapshot.readAt ? ` (${formatWhen(snapshot.readAt)})` : ''}: ${snapshot.servers.length} servers${failed ? `, ${failed} could not be read` : ''}.`;
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
      throw new Error(`No action ${String(never)} (${ACTION_LABELS[action as FixAction]}).`);
    }
  }
}
