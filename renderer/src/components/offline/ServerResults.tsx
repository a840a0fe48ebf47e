import type { OfflineRequestView } from '../../../../shared/domain/offline.js';
import { formatWhen } from '../../lib/format.js';

type Server = OfflineRequestView['servers'][number];

const LABELS: Record<Server['state'], string> = { waiting: 'Waiting', pending: 'Retrying', done: 'Done', failed: 'Failed' };
const label = (s: Server) => (s.state === 'pending' && s.attempts === 0 ? 'Writing…' : LABELS[s.state]);

/** What writing the registration did on each server: the lead first, then its shadows. */
export function ServerResults({ servers, onRetry }: { servers: Server[]; onRetry?: () => void }) {
  // Servers that gave up wait for the user; the others are retried on their own, or now on request.
  const failing = servers.filter((s) => s.state === 'failed');
  const retrying = servers.filter((s) => s.state === 'pending' && s.lastError);
  return (
    <div className="results">
      <table className="servers compact" aria-label="Result per server">
        <thead>
          <tr>
            <th>Server</th>
            <th>System ID</th>
            <th>Result</th>
            <th>Attempts</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((s, i) => (
            <tr key={s.address} data-testid="result-row" data-address={s.address}>
              <td>
                {s.name} {i === 0 && <span className="muted small">(lead)</span>}
              </td>
              <td>
                <code>{s.systemId}</code>
              </td>
              <td>
                <span className={`badge result-${s.state}`} data-testid="server-state">
                  {label(s)}
                </span>
              </td>
              <td>{s.attempts}</td>
              <td className={s.lastError && s.state !== 'done' ? 'text-danger small' : 'muted small'}>
                {s.state === 'done' && s.doneAt ? `Written ${formatWhen(s.doneAt)}` : (s.lastError ?? '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {retrying.length > 0 && (
        <p className="notice small" role="status" data-testid="retrying-note">
          {retrying.length === 1 ? 'One server' : `${retrying.length} servers`} could not be written yet and {retrying.length === 1 ? 'is' : 'are'} tried again on {retrying.length === 1 ? 'its' : 'their'} own, with
          growing pauses. Check that the server answers (firewall, EWS enabled); this list updates by itself.
          {onRetry && failing.length === 0 && (
            <>
              {' '}
              <button type="button" className="link" onClick={onRetry}>
                Retry now
              </button>
            </>
          )}
        </p>
      )}
      {failing.length > 0 && onRetry && (
        <div className="actions left">
          <button type="button" onClick={onRetry}>
            Retry {failing.length === 1 ? 'the failed server' : `the ${failing.length} failed servers`}
          </button>
          <span className="muted small">The companion stopped trying after several attempts. Fix what the detail says, then retry.</span>
        </div>
      )}
    </div>
  );
}
