import { useState } from 'react';
import { SERVER_KIND_LABELS, type ServerDetail, type ServerView } from '../../../shared/domain/server.js';
import { formatDate, formatWhen } from '../lib/format.js';
import { nameWithKind } from '../lib/servers.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  detail: ServerDetail;
  servers: ServerView[];
  onClose(): void;
  onSetLead(lead: string | null): void;
  /** Opens Offline registration with this server chosen. */
  onOffline?(kind: 'register' | 'associate'): void;
  /** Checks the portal and goes on online, or offers the offline path. */
  onOnline?(kind: 'register' | 'associate'): void;
  /** The portal is being asked whether it answers. */
  checking?: boolean;
  /** The portal did not answer: why, and the offline path with this server chosen. */
  offlineOffer?: { kind: 'register' | 'associate'; message: string } | null;
  /** Writes the lead's registration to this wiped shadow again. */
  onRewrite?(): void;
  /** What the last rewrite of this shadow came to. */
  rewriteResult?: { written: boolean; message: string } | null;
}

export function ServerDetailPanel({ detail, servers, onClose, onSetLead, onOffline, onOnline, checking, offlineOffer, onRewrite, rewriteResult }: Props) {
  const { server, history, shadows } = detail;
  const byAddress = new Map(servers.map((s) => [s.address, s]));
  const lead = byAddress.get(server.leadAddress);
  const reg = server.registration;
  // Only a server at the top of its own hierarchy can be made a shadow of another lead.
  const candidates = server.parentAddress ? [] : servers.filter((s) => s.role === 'lead' && s.address !== server.address && s.kind !== 'automation-server');
  const [choice, setChoice] = useState('');

  return (
    <aside
      className="detail"
      aria-labelledby="detail-title"
      data-testid="detail"
      data-address={server.address}
      onKeyDown={(e) => {
        // Escape closes the details from anywhere inside them (a select's own Escape closes its list first).
        if (e.key === 'Escape' && !e.defaultPrevented && !(e.target instanceof HTMLSelectElement)) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="detail-header">
        <h2 id="detail-title" tabIndex={-1}>
          <span className="visually-hidden">Server </span>
          {server.name}
        </h2>
        <button type="button" className="icon" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </header>
      <StatusBadge status={server.status} />
      {server.statusReason && (
        <p className={server.status === 'unreachable' || server.status === 'ews-disabled' ? 'error' : 'notice'} role="note" data-testid="status-reason">
          {server.statusReason}
        </p>
      )}
      {server.readNote && (
        <div className="notice" data-testid="read-note">
          {server.readNote}
        </div>
      )}
      {server.notice && (
        <div className="notice" data-testid="server-notice">
          {server.notice}
        </div>
      )}
      {server.previousSystemId && (
        <div className="notice" data-testid="wipe-notice">
          <strong>Database wiped: needs re-association.</strong> The System ID changed from <code>{server.previousSystemId}</code> to <code>{server.systemId}</code>.{' '}
          {server.role === 'shadow'
            ? `A shadow carries its lead's registration and has none of its own on the portal: write ${lead?.name ?? 'its lead'}'s registration to it again.`
            : 'Associate the new System ID with the existing registration so the site keeps it.'}
        </div>
      )}
      {rewriteResult && (
        <p className={rewriteResult.written ? 'notice' : 'error'} role="status" tabIndex={-1} data-testid="rewrite-result">
          {rewriteResult.message}
        </p>
      )}
      <dl className="facts">
        <dt>System ID</dt>
        <dd>
          <code data-testid="detail-system-id">{server.systemId}</code>
        </dd>
        <dt>Type</dt>
        <dd>
          {SERVER_KIND_LABELS[server.kind]}
          {server.model && ` (${server.model})`}
        </dd>
        <dt>Version</dt>
        <dd>{server.version}</dd>
        <dt>Address</dt>
        <dd>{server.address}</dd>
        <dt>Last read</dt>
        <dd>{formatWhen(server.lastSeenAt)}</dd>
      </dl>

      <h3>Registration</h3>
      {server.role === 'shadow' ? (
        <p>
          Shadow of <strong>{lead?.name ?? server.leadAddress}</strong>
          {server.relationship === 'user' ? ', set up by you' : ', which it is attached below'}: it carries that server's registration.
        </p>
      ) : (
        <p>Leads its own registration{shadows.length > 0 && <>, with {shadows.length} shadow{shadows.length === 1 ? '' : 's'}</>}.</p>
      )}
      {reg?.state === 'registered' ? (
        <dl className="facts" data-testid="registration">
          <dt>Registered</dt>
          <dd>
            {reg.method === 'offline' ? 'Offline' : 'Online'}
            {reg.registeredAt && <> on {formatDate(reg.registeredAt)}</>}
            {reg.code && (
              <>
                , code <code>{reg.code}</code>
              </>
            )}
          </dd>
          {reg.organization && (
            <>
              <dt>Organization</dt>
              <dd>{reg.organization}</dd>
            </>
          )}
          {reg.siteName && (
            <>
              <dt>Site</dt>
              <dd>{reg.siteName}</dd>
            </>
          )}
        </dl>
      ) : (
        server.role === 'lead' && <p className="muted">Not registered.</p>
      )}
      {server.previousSystemId && server.role === 'shadow' ? (
        onRewrite && (
          <button type="button" className="secondary" onClick={onRewrite}>
            Write {lead?.name ?? 'the lead'}'s registration again
          </button>
        )
      ) : (
        server.role === 'lead' &&
        (server.previousSystemId || server.status === 'unregistered' || server.status === 'registered') && (
          <RegisterActions kind={server.previousSystemId ? 'associate' : 'register'} registered={server.status === 'registered'} checking={!!checking} onOnline={onOnline} onOffline={onOffline} />
        )
      )}
      {offlineOffer && (
        <div className="error" role="alert" tabIndex={-1} data-testid="offline-offer">
          <p>{offlineOffer.message}</p>
          {onOffline && (
            <button type="button" onClick={() => onOffline(offlineOffer.kind)}>
              {offlineOffer.kind === 'associate' ? 'Associate offline instead' : 'Register offline instead'}
            </button>
          )}
        </div>
      )}

      {(candidates.length > 0 || server.relationship === 'user') && (
        <div className="lead-change">
          <h3>Lead and shadow</h3>
          {server.relationship === 'user' && (
            <button type="button" className="secondary" onClick={() => onSetLead(null)}>
              Lead its own registration again
            </button>
          )}
          {candidates.length > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (choice) onSetLead(choice);
              }}
            >
              <label htmlFor="lead-choice">Make it a shadow of</label>
              <select id="lead-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">Choose a lead…</option>
                {candidates.map((c) => (
                  <option key={c.address} value={c.address}>
                    {nameWithKind(c)}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={!choice}>
                Set lead
              </button>
            </form>
          )}
        </div>
      )}

      <h3>System ID history</h3>
      <ol className="history" data-testid="history">
        {history.map((h) => (
          <li key={h.systemId + h.seenAt}>
            <code>{h.systemId}</code> <span className="muted small">first seen {formatWhen(h.seenAt)}</span>
          </li>
        ))}
      </ol>
    </aside>
  );
}

/** Online first (the portal is asked whether it answers), offline always at hand for a site without internet. */
function RegisterActions({
  kind,
  registered,
  checking,
  onOnline,
  onOffline,
}: {
  kind: 'register' | 'associate';
  registered: boolean;
  checking: boolean;
  onOnline?: (kind: 'register' | 'associate') => void;
  onOffline?: (kind: 'register' | 'associate') => void;
}) {
  const online = kind === 'associate' ? 'Associate the new System ID online…' : registered ? 'Modify online…' : 'Register online…';
  const offline = kind === 'associate' ? 'Associate the new System ID offline…' : registered ? 'Register offline again…' : 'Register offline…';
  return (
    <div className="actions left">
      {onOnline && (
        <button type="button" onClick={() => onOnline(kind)} disabled={checking} aria-busy={checking}>
          {checking ? 'Asking the portal…' : online}
        </button>
      )}
      {onOffline && (
        <button type="button" className="secondary" onClick={() => onOffline(kind)}>
          {offline}
        </button>
      )}
    </div>
  );
}
