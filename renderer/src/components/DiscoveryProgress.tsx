import { useTranslation } from 'react-i18next';
import type { DiscoveryProgress as Progress } from '../../../shared/domain/server.js';
import { formatNumber } from '../i18n/index.js';

export function DiscoveryProgress({ progress, onCancel }: { progress: Progress; onCancel(): void }) {
  const { t } = useTranslation();
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="progress">
      <div className="progress-line">
        <strong>{t('site.progress.reading')}</strong>
        <span data-testid="progress-counts">
          {t('site.progress.counts', { count: progress.total, done: formatNumber(progress.done), total: formatNumber(progress.total) })}
          {progress.failed > 0 && (
            <>
              {' · '}
              <span className="text-danger">{t('site.progress.failed', { n: formatNumber(progress.failed) })}</span>
            </>
          )}
        </span>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t('site.progress.bar')}>
        <div className="bar-fill" style={{ width: `${percent}%` }} />
      </div>
      {progress.current && <div className="muted small">{t('site.progress.now', { address: progress.current })}</div>}
    </div>
  );
}
