import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ServerDetail, ServerView } from '../../../shared/domain/server.js';
import { formatDate, formatWhen } from '../lib/format.js';
import { kindLabel, nameWithKind } from '../lib/servers.js';
import { StatusBadge } from './StatusBadge.js';
import { localize } from '../i18n/said.js';

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
  /** The portal did not answer: why (main's message), and the offline path with this server chosen. */
  offlineOffer?: { kind: 'register' | 'associate'; message: string } | null;
  /** Writes the lead's registration to this wiped shadow again. */
  onRewrite?(): void;
  /** What the last rewrite of this shadow came to: written, or why not (main's error). */
  rewriteResult?: { written: boolean; error: string | null } | null;
}

export function ServerDetailPanel({ detail, servers, onClose, onSetLead, onOffline, onOnline, checking, offlineOffer, onRewrite, rewriteResult }: Props) {
  const { t } = useTranslation();
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
          <span className="visually-hidden">{t('site.detail.heading')} </span>
          {server.name}
        </h2>
        <button type="button" className="icon" aria-label={t('site.detail.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <StatusBadge status={server.status} />
      {/* The status reason, the read note and the notice come from main: localize() says them in the chosen language. */}
      {server.statusReason && (
        <p className={server.status === 'unreachable' || server.status === 'ews-disabled' ? 'error' : 'notice'} role="note" data-testid="status-reason">
          {localize(server.statusReason)}
        </p>
      )}
      {server.readNote && (
        <div className="notice" data-testid="read-note">
          {localize(server.readNote)}
        </div>
      )}
      {server.notice && (
        <div className="notice" data-testid="server-notice">
          {localize(server.notice)}
        </div>
      )}
      {server.previousSystemId && (
        <div className="notice" data-testid="wipe-notice">
          <Trans i18nKey="site.detail.wiped" values={{ old: server.previousSystemId, new: server.systemId }} components={{ strong: <strong />, code: <code /> }} />{' '}
          {server.role === 'shadow'
            ? lead
              ? t('site.detail.wipedShadow', { lead: lead.name })
              : t('site.detail.wipedShadowNoLead')
            : t('site.detail.wipedLead')}
        </div>
      )}
      {rewriteResult && (
        <p className={rewriteResult.written ? 'notice' : 'error'} role="status" tabIndex={-1} data-testid="rewrite-result">
          {rewriteResult.written ? t('site.detail.rewritten') : t('site.detail.notRewritten', { error: rewriteResult.error ? localize(rewriteResult.error) : t('site.detail.noAnswer') })}
        </p>
      )}
      <dl className="facts">
        <dt>{t('site.detail.systemId')}</dt>
        <dd>
          <code data-testid="detail-system-id">{server.systemId}</code>
        </dd>
        <dt>{t('site.detail.type')}</dt>
        <dd>
          {kindLabel(server.kind)}
          {server.model && ` (${server.model})`}
        </dd>
        <dt>{t('site.detail.version')}</dt>
        <dd>{server.version}</dd>
        <dt>{t('site.detail.address')}</dt>
        <dd>{server.address}</dd>
        <dt>{t('site.detail.lastRead')}</dt>
        <dd>{formatWhen(server.lastSeenAt)}</dd>
      </dl>

      <h3>{t('site.detail.registration')}</h3>
      {server.role === 'shadow' ? (
        <p>
          <Trans
            i18nKey={server.relationship === 'user' ? 'site.detail.shadowOfUser' : 'site.detail.shadowOfHierarchy'}
            values={{ lead: lead?.name ?? server.leadAddress }}
            components={{ strong: <strong /> }}
          />
        </p>
      ) : (
        <p>{shadows.length > 0 ? t('site.detail.leadsWithShadows', { count: shadows.length }) : t('site.detail.leadsOwn')}</p>
      )}
      {reg?.state === 'registered' ? (
        <dl className="facts" data-testid="registration">
          <dt>{t('site.detail.registered')}</dt>
          <dd>
            <RegisteredHow method={reg.method} date={reg.registeredAt ? formatDate(reg.registeredAt) : null} code={reg.code} />
          </dd>
          {reg.organization && (
            <>
              <dt>{t('site.detail.organization')}</dt>
              <dd>{reg.organization}</dd>
            </>
          )}
          {reg.siteName && (
            <>
              <dt>{t('site.detail.site')}</dt>
              <dd>{reg.siteName}</dd>
            </>
          )}
        </dl>
      ) : (
        server.role === 'lead' && <p className="muted">{t('site.detail.notRegistered')}</p>
      )}
      {server.previousSystemId && server.role === 'shadow' ? (
        onRewrite && (
          <button type="button" className="secondary" onClick={onRewrite}>
            {lead ? t('site.detail.rewrite', { lead: lead.name }) : t('site.detail.rewriteNoLead')}
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
          <p>{localize(offlineOffer.message)}</p>
          {onOffline && (
            <button type="button" onClick={() => onOffline(offlineOffer.kind)}>
              {offlineOffer.kind === 'associate' ? t('site.detail.associateOffline') : t('site.detail.registerOffline')}
            </button>
          )}
        </div>
      )}

      {(candidates.length > 0 || server.relationship === 'user') && (
        <div className="lead-change">
          <h3>{t('site.detail.leadAndShadow')}</h3>
          {server.relationship === 'user' && (
            <button type="button" className="secondary" onClick={() => onSetLead(null)}>
              {t('site.detail.leadAgain')}
            </button>
          )}
          {candidates.length > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (choice) onSetLead(choice);
              }}
            >
              <label htmlFor="lead-choice">{t('site.detail.makeShadow')}</label>
              <select id="lead-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">{t('site.detail.chooseLead')}</option>
                {candidates.map((c) => (
                  <option key={c.address} value={c.address}>
                    {nameWithKind(c)}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={!choice}>
                {t('site.detail.setLead')}
              </button>
            </form>
          )}
        </div>
      )}

      <h3>{t('site.detail.history')}</h3>
      <ol className="history" data-testid="history">
        {history.map((h) => (
          <li key={h.systemId + h.seenAt}>
            <code>{h.systemId}</code> <span className="muted small">{t('site.detail.firstSeen', { when: formatWhen(h.seenAt) })}</span>
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
  const { t } = useTranslation();
  const online = kind === 'associate' ? t('site.detail.associateOnline') : registered ? t('site.detail.modifyOnline') : t('site.detail.registerOnline');
  const offline = kind === 'associate' ? t('site.detail.associateOfflineAction') : t('site.detail.registerOfflineAction');
  return (
    <div className="actions left">
      {onOnline && (
        <button type="button" onClick={() => onOnline(kind)} disabled={checking} aria-busy={checking}>
          {checking ? t('site.detail.asking') : online}
        </button>
      )}
      {/* A registered lead has nothing to register offline: a change is made online, or the offline offer follows when the portal does not answer. */}
      {onOffline && !registered && (
        <button type="button" className="secondary" onClick={() => onOffline(kind)}>
          {offline}
        </button>
      )}
    </div>
  );
}

/** "Offline on 12 Mar 2026, code <code>R-1</code>": how and when, and the code when there is one. */
function RegisteredHow({ method, date, code }: { method: 'online' | 'offline' | null; date: string | null; code: string | null }) {
  const { t } = useTranslation();
  const how = method === 'offline' ? t('site.detail.offline') : t('site.detail.online');
  const registered = date ? t('site.detail.registeredOn', { method: how, date }) : how;
  return code ? <Trans i18nKey="site.detail.withCode" values={{ registered, code }} components={{ code: <code /> }} /> : <>{registered}</>;
}
