import { useEffect } from 'react';
import { NewRequestCard } from '../components/offline/NewRequestCard.js';
import { PortalKeysCard } from '../components/offline/PortalKeysCard.js';
import { RequestCard } from '../components/offline/RequestCard.js';
import { useNav } from '../stores/nav.js';
import { useOffline } from '../stores/offline.js';
import { useSite } from '../stores/site.js';

/** The air-gapped site's side: make a request, carry it to the portal, enter the code that comes back. */
export function OfflineScreen() {
  const offline = useOffline();
  const servers = useSite((s) => s.snapshot?.servers ?? []);
  const go = useNav((s) => s.go);
  const { status } = offline;
  useEffect(() => {
    void useOffline.getState().load();
  }, []);

  const requests = [...(status?.requests ?? [])].sort((a, b) => b.id - a.id);
  const pending = requests.filter((r) => r.state === 'pending');
  const applied = requests.filter((r) => r.state === 'applied');
  const cancelled = requests.filter((r) => r.state === 'cancelled');
  const card = (r: (typeof requests)[number]) => (
    <RequestCard
      key={r.id}
      request={r}
      draft={offline.drafts[r.id] ?? ''}
      codeError={offline.codeErrors[r.id] ?? null}
      applying={!!offline.applying[r.id]}
      requestError={offline.requestErrors[r.id] ?? null}
      keysMissing={!status?.portalKeys.length}
      onDraft={(text) => offline.setDraft(r.id, text)}
      onApply={(text) =>
        void offline.apply(r.id, text).then((ok) => ok && requestAnimationFrame(() => document.getElementById(`request-${r.id}-title`)?.scrollIntoView({ block: 'nearest' })))
      }
      onCancel={() => void offline.cancel(r.id)}
      onRetry={() => void offline.retry(r.id)}
    />
  );

  return (
    <section className="screen" aria-labelledby="offline-title">
      <header className="screen-header">
        <div>
          <h1 id="offline-title">Offline registration</h1>
          <p className="muted">For a site without internet: make a request here, take it to a computer with internet, and enter the Registration code that comes back.</p>
        </div>
      </header>
      {offline.loadError && (
        <p className="error" role="alert">
          {offline.loadError.message}
        </p>
      )}
      {status && <PortalKeysCard keys={status.portalKeys} error={offline.keysError} onImport={offline.importKeys} />}

      <NewRequestCard
        servers={servers}
        pending={pending}
        target={offline.target}
        creating={offline.creating}
        error={offline.createError}
        onCreate={(target) =>
          void offline.create(target).then((view) => view && requestAnimationFrame(() => document.getElementById(`request-${view.id}-title`)?.scrollIntoView({ block: 'start' })))
        }
        onReadSite={() => go('site')}
      />

      {pending.length > 0 && (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title" className="section-title">
            Waiting for a code ({pending.length})
          </h2>
          {pending.map(card)}
        </section>
      )}

      {applied.length > 0 && (
        <section aria-labelledby="applied-title">
          <h2 id="applied-title" className="section-title">
            Applied
          </h2>
          {applied.map(card)}
        </section>
      )}
      {cancelled.length > 0 && (
        <details className="history-list">
          <summary>Cancelled or replaced requests ({cancelled.length})</summary>
          {cancelled.map(card)}
        </details>
      )}
    </section>
  );
}
