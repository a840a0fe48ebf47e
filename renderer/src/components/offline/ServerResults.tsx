import { useTranslation } from 'react-i18next';
import type { OfflineRequestView } from '../../../../shared/domain/offline.js';
import { formatDateTime } from '../../i18n/index.js';
import { localize } from '../../i18n/said.js';

type Server = OfflineRequestView['servers'][number];

/** A server's state as its badge names it: a first write under way is "Writing…", a later one "Retrying". */
const stateKey = (s: Server) => (s.state === 'pending' && s.attempts === 0 ? 'writing' : s.state);
/** A moment from main, in the active language; one that does not parse is shown as it came. */
const when = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : formatDateTime(iso));

/** What writing the registration did on each server: the lead first, then its shadows. */
export function ServerResults({ servers, onRetry }: { servers: Server[]; onRetry?: () => void }) {
  const { t } = useTranslation();
  // Servers that gave up wait for the user; the others are retried on their own, or now on request.
  const failing = servers.filter((s) => s.state === 'failed');
  const retrying = servers.filter((s) => s.state === 'pending' && s.lastError);
  return (
    <div className="results">
      <table className="servers compact" aria-label={t('offline.results.label')}>
        <thead>
          <tr>
            <th>{t('offline.results.server')}</th>
            <th>{t('offline.results.systemId')}</th>
            <th>{t('offline.results.result')}</th>
            <th>{t('offline.results.attempts')}</th>
            <th>{t('offline.results.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((s, i) => (
            <tr key={s.address} data-testid="result-row" data-address={s.address}>
              <td>
                {s.name} {i === 0 && <span className="muted small">{t('offline.results.lead')}</span>}
              </td>
              <td>
                <code>{s.systemId}</code>
              </td>
              <td>
                <span className={`badge result-${s.state}`} data-testid="server-state">
                  {t(`offline.results.state.${stateKey(s)}`)}
                </span>
              </td>
              <td>{s.attempts}</td>
              <td className={s.lastError && s.state !== 'done' ? 'text-danger small' : 'muted small'}>
                {s.state === 'done' && s.doneAt ? t('offline.results.written', { date: when(s.doneAt) }) : (s.lastError ? localize(s.lastError) : '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {retrying.length > 0 && (
        <p className="notice small" role="status" data-testid="retrying-note">
          {t('offline.results.retrying', { count: retrying.length })}
          {onRetry && failing.length === 0 && (
            <>
              {' '}
              <button type="button" className="link" onClick={onRetry}>
                {t('offline.results.retryNow')}
              </button>
            </>
          )}
        </p>
      )}
      {failing.length > 0 && onRetry && (
        <div className="actions left">
          <button type="button" onClick={onRetry}>
            {t('offline.results.retryFailed', { count: failing.length })}
          </button>
          <span className="muted small">{t('offline.results.stopped')}</span>
        </div>
      )}
    </div>
  );
}
