import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ConnectionForm } from '../components/ConnectionForm.js';
import { DiscoveryProgress } from '../components/DiscoveryProgress.js';
import { OverwriteDialog } from '../components/OverwriteDialog.js';
import { ServerDetailPanel } from '../components/ServerDetailPanel.js';
import { ServerTree } from '../components/ServerTree.js';
import { ATTENTION_STATUSES } from '../../../shared/domain/server.js';
import { attr, focusSoon } from '../lib/focus.js';
import { formatCount, formatWhen } from '../lib/format.js';
import { useOnline } from '../stores/online.js';
import { useSite } from '../stores/site.js';
import { localize } from '../i18n/said.js';

const rowOf = (address: string) => () => document.querySelector<HTMLElement>(`tr[data-testid="server-row"]${attr('data-address', address)}`);
const panelOf = (address: string) => () => document.querySelector<HTMLElement>(`aside.detail${attr('data-address', address)} h2`);

/**
 * Where the site is, the server tree with each server's status, and the selected server's details.
 * After every action focus goes to what it produced or to its error (lib/focus.ts).
 */
export function SiteScreen() {
  const { t } = useTranslation();
  const site = useSite();
  const { snapshot, connection, progress, detail, pendingLead } = site;
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const hasSite = !!connection?.targets;
  const showForm = connection && (editing || !hasSite);
  const servers = snapshot?.servers ?? [];
  const attention = servers.filter((s) => ATTENTION_STATUSES.includes(s.status)).length;
  const online = useOnline();

  /** Reads the site with focus on the progress, then on what the read came to. */
  const read = async () => {
    focusSoon('[data-testid="progress"]');
    await site.discover();
    focusSoon(useSite.getState().error ? '#site-error' : '[data-testid="read-summary"]');
  };
  const closeForm = () => {
    setEditing(false);
    focusSoon(() => editButton.current);
  };
  const select = (address: string) => void site.select(address).then(() => useSite.getState().detail?.server.address === address && focusSoon(panelOf(address)));
  const closePanel = () => {
    const address = site.selected;
    void site.select(null);
    if (address) focusSoon(rowOf(address));
  };
  /** After an action in the panel: its message, else the panel's heading, else the screen's error. */
  const thenFocus = (address: string, message?: string) => () =>
    focusSoon(() => (useSite.getState().error ? document.getElementById('site-error') : ((message ? document.querySelector<HTMLElement>(message) : null) ?? panelOf(address)())));

  return (
    <section className="screen" aria-labelledby="site-title">
      <header className="screen-header">
        <div>
          <h1 id="site-title" tabIndex={-1}>
            {t('site.screen.title')}
          </h1>
          {snapshot?.readAt ? (
            <p className="muted" data-testid="read-summary" tabIndex={-1}>
              {t('site.screen.readSummary', {
                servers: t('site.screen.servers', { count: servers.length, n: formatCount(servers.length) }),
                attention: t('site.screen.attention', { count: attention, n: formatCount(attention) }),
                when: formatWhen(snapshot.readAt),
              })}
            </p>
          ) : (
            <p className="muted">{t('site.screen.intro')}</p>
          )}
        </div>
        {hasSite && !showForm && (
          <div className="header-actions">
            <button
              type="button"
              className="secondary"
              ref={editButton}
              onClick={() => {
                setEditing(true);
                focusSoon('#targets');
              }}
            >
              {t('site.screen.editConnection')}
            </button>
            <button type="button" onClick={() => void read()} disabled={!!progress?.running}>
              {t('site.screen.readAgain')}
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
          onCancel={hasSite ? closeForm : undefined}
          onSubmit={(input) =>
            void site.saveConnection(input).then((saved) => {
              if (!saved) {
                // The first field with a message, else the form's own message.
                focusSoon(() => document.querySelector<HTMLElement>('form.connection [aria-invalid="true"], form.connection .error'));
                return;
              }
              setEditing(false);
              void read();
            })
          }
          onProbe={(hostPort) => void site.probeCertificate(hostPort).then(() => focusSoon(() => document.querySelector<HTMLElement>('[data-testid="probed"], form.connection .error')))}
          onTrust={() => void site.trustCertificate()}
          onDistrust={(hostPort) => void site.distrustCertificate(hostPort)}
        />
      )}
      {progress?.running && <DiscoveryProgress progress={progress} onCancel={() => void site.cancel()} />}
      {/* Errors come from main, in English. */}
      {site.error && (
        <p role="alert" className="error" id="site-error" tabIndex={-1}>
          {localize(site.error.message)}
        </p>
      )}

      {snapshot && snapshot.failures.length > 0 && (
        <div className="failures" role="status">
          <h2>{t('site.screen.couldNotRead')}</h2>
          <ul>
            {snapshot.failures.map((f) => (
              <li key={f.address} data-testid="failure">
                <Trans i18nKey="site.screen.failure" values={{ address: f.address, reason: localize(f.reason) }} components={{ code: <code /> }} />
              </li>
            ))}
          </ul>
        </div>
      )}

      {snapshot && snapshot.removed.length > 0 && (
        <div className="notice removed" role="status" data-testid="removed">
          <h2>{t('site.screen.removedTitle')}</h2>
          <ul>
            {snapshot.removed.map((r) => (
              <li key={r.address}>
                <Trans
                  i18nKey="site.screen.removed"
                  values={{ name: r.name, id: r.systemId, address: r.address, reason: localize(r.reason) }}
                  components={{ strong: <strong />, code: <code /> }}
                />
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="site-body">
        <div className="split">
          {servers.length > 0 && (
            <div
              className="tree-area"
              onKeyDown={(e) => {
                if (e.key === 'Escape' && detail && e.target instanceof HTMLTableRowElement) {
                  e.preventDefault();
                  closePanel();
                }
              }}
            >
              <ServerTree servers={servers} selected={site.selected} onSelect={select} />
            </div>
          )}
          {detail && (
            <ServerDetailPanel
              key={detail.server.address}
              detail={detail}
              servers={servers}
              onClose={closePanel}
              onSetLead={(lead) => void site.proposeLead(detail.server.address, lead).then(() => !useSite.getState().pendingLead && thenFocus(detail.server.address)())}
              onRewrite={() => void site.rewriteShadow(detail.server.address).then(thenFocus(detail.server.address, '[data-testid="rewrite-result"]'))}
              rewriteResult={site.rewrite?.address === detail.server.address ? site.rewrite : null}
              onOffline={(kind) => online.goOffline(detail.server.address, kind)}
              onOnline={(kind) =>
                void online.start(detail.server, servers, kind).then(() => useOnline.getState().offer && focusSoon('[data-testid="offline-offer"]'))
              }
              checking={online.checking === detail.server.address}
              offlineOffer={online.offer?.address === detail.server.address ? online.offer : null}
            />
          )}
        </div>
      </div>
      {snapshot && servers.length === 0 && !progress?.running && hasSite && <p className="empty">{t('site.screen.empty')}</p>}
      {pendingLead && (
        <OverwriteDialog
          change={pendingLead}
          onConfirm={() => {
            const shadow = pendingLead.shadow;
            void site.confirmLead().then(thenFocus(shadow));
          }}
          onCancel={() => {
            site.dismissLead();
            focusSoon('#lead-choice');
          }}
        />
      )}
    </section>
  );
}
