import { useState } from 'react';
import { ConnectionForm } from '../components/ConnectionForm.js';
import { DiscoveryProgress } from '../components/DiscoveryProgress.js';
import { OverwriteDialog } from '../components/OverwriteDialog.js';
import { ServerDetailPanel } from '../components/ServerDetailPanel.js';
import { ServerTree } from '../components/ServerTree.js';
import { ATTENTION_STATUSES } from '../../../shared/domain/server.js';
import { useOnline } from '../stores/online.js';
import { useSite } from '../stores/site.js';

export function SiteScreen() {
  const site = useSite();
  const { snapshot, connection, progress, detail, pendingLead } = site;
  const [editing, setEditing] = useState(false);
  const hasSite = !!connection?.targets;
  const showForm = connection && (editing || !hasSite);
  const servers = snapshot?.servers ?? [];
  const attention = servers.filter((s) => ATTENTION_STATUSES.includes(s.status)).length;
  const online = useOnline();

  return (
    <section className="screen" aria-labelledby="site-title">
      <header className="screen-header">
        <div>
          <h1 id="site-title">Site</h1>
          {snapshot?.readAt ? (
            <p className="muted" data-testid="read-summary">
              {servers.length.toLocaleString()} servers, {attention.toLocaleString()} need attention · read {new Date(snapshot.readAt).toLocaleString()}
            </p>
          ) : (
            <p className="muted">Point the companion at the site’s Enterprise Central, Enterprise Server or stand-alone automation servers.</p>
          )}
        </div>
        {hasSite && !showForm && (
          <div className="header-actions">
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              Edit connection
            </button>
            <button type="button" onClick={() => void site.discover()} disabled={!!progress?.running}>
              Read again
            </button>
          </div>
        )}
      </header>

      {showForm && (
        <ConnectionForm
          connection={connection}
          error={site.connectionError}
          busy={!!progress?.running}
          probed={site.probed}
          onSubmit={(input) => void site.saveAndRead(input).then((saved) => saved && setEditing(false))}
          onProbe={(hostPort) => void site.probeCertificate(hostPort)}
          onTrust={() => void site.trustCertificate()}
          onDistrust={(hostPort) => void site.distrustCertificate(hostPort)}
        />
      )}
      {progress?.running && <DiscoveryProgress progress={progress} onCancel={() => void site.cancel()} />}
      {site.error && (
        <p role="alert" className="error">
          {site.error.message}
        </p>
      )}

      {snapshot && snapshot.failures.length > 0 && (
        <div className="failures" role="status">
          <h2>Could not read</h2>
          <ul>
            {snapshot.failures.map((f) => (
              <li key={f.address} data-testid="failure">
                <code>{f.address}</code>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}

      {snapshot && snapshot.removed.length > 0 && (
        <div className="notice removed" role="status" data-testid="removed">
          <h2>Removed from the site by this read</h2>
          <ul>
            {snapshot.removed.map((r) => (
              <li key={r.address}>
                <strong>{r.name}</strong> (<code>{r.systemId}</code>, {r.address}): {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className={detail ? 'split' : undefined}>
        {servers.length > 0 && <ServerTree servers={servers} selected={site.selected} onSelect={(a) => void site.select(a)} />}
        {detail && (
          <ServerDetailPanel
            key={detail.server.address}
            detail={detail}
            servers={servers}
            onClose={() => void site.select(null)}
            onSetLead={(lead) => void site.proposeLead(detail.server.address, lead)}
            onRewrite={() => void site.rewriteShadow(detail.server.address)}
            rewriteResult={site.rewrite?.address === detail.server.address ? site.rewrite : null}
            onOffline={(kind) => online.goOffline(detail.server.address, kind)}
            onOnline={(kind) => void online.start(detail.server, servers, kind)}
            checking={online.checking === detail.server.address}
            offlineOffer={online.offer?.address === detail.server.address ? online.offer : null}
          />
        )}
      </div>
      {snapshot && servers.length === 0 && !progress?.running && hasSite && <p className="empty">No server has been read yet. Choose Read again.</p>}
      {pendingLead && <OverwriteDialog change={pendingLead} onConfirm={() => void site.confirmLead()} onCancel={site.dismissLead} />}
    </section>
  );
}
