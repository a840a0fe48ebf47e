import type { DiscoveryProgress as Progress } from '../../../shared/domain/server.js';

export function DiscoveryProgress({ progress, onCancel }: { progress: Progress; onCancel(): void }) {
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="progress">
      <div className="progress-line">
        <strong>Reading the site…</strong>
        <span data-testid="progress-counts">
          {progress.done.toLocaleString()} of {progress.total.toLocaleString()} servers
          {progress.failed > 0 && <> · <span className="text-danger">{progress.failed.toLocaleString()} failed</span></>}
        </span>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label="Servers read">
        <div className="bar-fill" style={{ width: `${percent}%` }} />
      </div>
      {progress.current && <div className="muted small">Now: {progress.current}</div>}
    </div>
  );
}
