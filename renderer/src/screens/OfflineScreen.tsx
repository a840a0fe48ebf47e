import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NewRequestCard } from '../components/offline/NewRequestCard.js';
import { PortalKeysCard } from '../components/offline/PortalKeysCard.js';
import { RequestCard } from '../components/offline/RequestCard.js';
import type { ServerView } from '../../../shared/domain/server.js';
import { attr, focusSoon } from '../lib/focus.js';
import { useNav } from '../stores/nav.js';
import { useOffline } from '../stores/offline.js';
import { useSite } from '../stores/site.js';
import { localize } from '../i18n/said.js';

/** One empty list: a selector that made a new [] on every call would re-render without end before the site is loaded. */
const NO_SERVERS: ServerView[] = [];

const requestSelector = (id: number) => `[data-testid="request"]${attr('data-request-id', String(id))}`;

/** The air-gapped site's side: make a request, carry it to the portal, enter the code that comes back. */
export function OfflineScreen() {
  const { t } = useTranslation();
  const offline = useOffline();
  const servers = useSite((s) => s.snapshot?.servers ?? NO_SERVERS);
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
        // Applied: the plain result (what was written where); refused: back in the box, its message read with it.
        void offline.apply(r.id, text).then((ok) => focusSoon(ok ? `${requestSelector(r.id)}[data-state="applied"] [data-testid="request-summary"]` : `#code-${r.id}`))
      }
      onCancel={() => void offline.cancel(r.id).then(() => focusSoon(useOffline.getState().requestErrors[r.id] ? `${requestSelector(r.id)} [data-testid="request-error"]` : '#new-request-title'))}
      onRetry={() =>
        void offline.retry(r.id).then(() => focusSoon(`${requestSelector(r.id)} ${useOffline.getState().requestErrors[r.id] ? '[data-testid="request-error"]' : '[data-testid="request-summary"]'}`))
      }
    />
  );

  return (
    <section className="screen" aria-labelledby="offline-title">
      <header className="screen-header">
        <div>
          <h1 id="offline-title" tabIndex={-1}>
            {t('offline.screen.title')}
          </h1>
          <p className="muted">{t('offline.screen.intro')}</p>
        </div>
      </header>
      {offline.loadError && (
        <p className="error" role="alert">
          {localize(offline.loadError.message)}
        </p>
      )}
      {status && <PortalKeysCard keys={status.portalKeys} error={offline.keysError} onImport={offline.importKeys} />}

      <NewRequestCard
        servers={servers}
        pending={pending}
        target={offline.target}
        creating={offline.creating}
        error={offline.createError}
        onCreate={(target) => void offline.create(target).then((view) => focusSoon(view ? `#request-${view.id}-title` : '[data-testid="create-error"]'))}
        onReadSite={() => go('site')}
      />

      {pending.length > 0 && (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title" className="section-title">
            {t('offline.screen.waiting', { number: pending.length })}
          </h2>
          {pending.map(card)}
        </section>
      )}

      {applied.length > 0 && (
        <section aria-labelledby="applied-title">
          <h2 id="applied-title" className="section-title">
            {t('offline.screen.applied')}
          </h2>
          {applied.map(card)}
        </section>
      )}
      {cancelled.length > 0 && (
        <details className="history-list">
          <summary>{t('offline.screen.cancelled', { number: cancelled.length })}</summary>
          {cancelled.map(card)}
        </details>
      )}
    </section>
  );
}
