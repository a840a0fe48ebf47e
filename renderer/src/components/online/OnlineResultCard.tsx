import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnlineResultView } from '../../../../shared/domain/online.js';
import { onlineSummary } from '../../lib/summaries.js';
import { ServerResults } from '../offline/ServerResults.js';
import { localize } from '../../i18n/said.js';

interface Props {
  result: OnlineResultView;
  busy: boolean;
  onRetry(): void;
  onBackToSite(): void;
  onInformation?(): void;
}

/** What registering online came to: the plain state first (focused), then each server's write. */
export function OnlineResultCard({ result, busy, onRetry, onBackToSite, onInformation }: Props) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result.id]);
  return (
    <section className="card" aria-labelledby="online-result-title" data-testid="online-result">
      <h2 id="online-result-title" ref={heading} tabIndex={-1}>
        {result.kind === 'associate' ? t('site.online.associated') : t('site.online.registered')}
      </h2>
      <p role="status" data-testid="online-summary">
        {onlineSummary(t, result)}
      </p>
      {!result.inventory.reported && (
        <p className="notice small" data-testid="inventory-note">
          {t('site.online.inventoryNotTaken', { error: result.inventory.error ? localize(result.inventory.error) : '' })}
        </p>
      )}
      <ServerResults servers={result.servers} onRetry={busy ? undefined : onRetry} />
      <div className="actions left">
        <button type="button" className="secondary" onClick={onBackToSite}>
          {t('site.online.backToSite')}
        </button>
        {onInformation && (
          <button type="button" className="secondary" onClick={onInformation}>
            {t('site.online.information')}
          </button>
        )}
      </div>
    </section>
  );
}
