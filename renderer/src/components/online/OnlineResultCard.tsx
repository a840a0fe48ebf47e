import { useEffect, useRef } from 'react';
import type { OnlineResultView } from '../../../../shared/domain/online.js';
import { ServerResults } from '../offline/ServerResults.js';

interface Props {
  result: OnlineResultView;
  busy: boolean;
  onRetry(): void;
  onBackToSite(): void;
  onInformation?(): void;
}

/** What registering online came to: the plain state first (focused), then each server's write. */
export function OnlineResultCard({ result, busy, onRetry, onBackToSite, onInformation }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result.id]);
  return (
    <section className="card" aria-labelledby="online-result-title" data-testid="online-result">
      <h2 id="online-result-title" ref={heading} tabIndex={-1}>
        {result.kind === 'associate' ? 'New System ID associated' : 'Registered online'}
      </h2>
      <p role="status" data-testid="online-summary">
        {result.summary}
      </p>
      {!result.inventory.reported && (
        <p className="notice small" data-testid="inventory-note">
          The portal did not take the list of the site’s servers ({result.inventory.error}). The registration stands; the list is sent again with the next registration or change.
        </p>
      )}
      <ServerResults servers={result.servers} onRetry={busy ? undefined : onRetry} />
      <div className="actions left">
        <button type="button" className="secondary" onClick={onBackToSite}>
          Back to the site
        </button>
        {onInformation && (
          <button type="button" className="secondary" onClick={onInformation}>
            System information
          </button>
        )}
      </div>
    </section>
  );
}
