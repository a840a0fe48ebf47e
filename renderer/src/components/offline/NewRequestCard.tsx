import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { OfflineKind, OfflineRequestView } from '../../../../shared/domain/offline.js';
import type { ServerView } from '../../../../shared/domain/server.js';
import type { ContractError } from '../../lib/errors.js';
import { nameWithKind } from '../../lib/servers.js';
import type { OfflineTarget } from '../../stores/offline.js';
import { localize } from '../../i18n/said.js';

interface Props {
  servers: ServerView[];
  pending: OfflineRequestView[];
  target: OfflineTarget | null;
  creating: boolean;
  error: ContractError | null;
  onCreate(target: OfflineTarget): void;
  onReadSite(): void;
}

const registrable = (s: ServerView) => s.role === 'lead' && (s.status === 'unregistered' || s.status === 'registered');
const wiped = (s: ServerView) => !!s.previousSystemId;
const encode = (t: OfflineTarget) => `${t.kind} ${t.address}`;
const decode = (value: string): OfflineTarget | null => {
  const space = value.indexOf(' ');
  return space > 0 ? { kind: value.slice(0, space) as OfflineKind, address: value.slice(space + 1) } : null;
};

/** Choose what the request is for: a lead to register (with its shadows), or a wiped server to associate. */
export function NewRequestCard({ servers, pending, target, creating, error, onCreate, onReadSite }: Props) {
  const { t } = useTranslation();
  // The first five shadows by name, then how many more.
  const shadowNames = (names: string[]) => {
    const shown = names.slice(0, 5).join(', ');
    return names.length > 5 ? t('offline.newRequest.andMore', { names: shown, more: names.length - 5 }) : shown;
  };
  const leads = servers.filter(registrable);
  const wipedServers = servers.filter(wiped);
  const first = wipedServers[0] ? { kind: 'associate' as const, address: wipedServers[0].address } : leads[0] ? { kind: 'register' as const, address: leads[0].address } : null;
  const [picked, setChoice] = useState(target ? encode(target) : '');
  // Requests made while this card is shown are the person's own, just made: no caution about them.
  const [shownSince] = useState(() => Date.now());
  useEffect(() => {
    if (target) setChoice(encode(target));
  }, [target]);
  // What was picked may no longer be offered (the server was registered or re-associated since): fall back to the first.
  const offered = [...wipedServers.map((s) => encode({ kind: 'associate', address: s.address })), ...leads.map((s) => encode({ kind: 'register', address: s.address }))];
  const choice = offered.includes(picked) ? picked : first ? encode(first) : '';
  const chosen = decode(choice);
  const server = chosen ? servers.find((s) => s.address === chosen.address) : undefined;
  const shadows = server ? servers.filter((s) => s.role === 'shadow' && s.leadAddress === server.address) : [];
  // A new request replaces a pending one for the same lead: said only about a request made before, whose code may be on its way.
  const replaces = chosen ? pending.find((r) => r.leadAddress === chosen.address && Date.parse(r.createdAt) < shownSince) : undefined;

  if (servers.length === 0) {
    return (
      <section className="card" aria-labelledby="new-request-title">
        <h2 id="new-request-title" tabIndex={-1}>
          {t('offline.newRequest.title')}
        </h2>
        <p>{t('offline.newRequest.notRead')}</p>
        <button type="button" onClick={onReadSite}>
          {t('offline.newRequest.goToSite')}
        </button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="new-request-title">
      <h2 id="new-request-title" tabIndex={-1}>
        {t('offline.newRequest.title')}
      </h2>
      <form
        className="new-request"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen) onCreate(chosen);
        }}
      >
        <div className="field">
          <label htmlFor="request-target">{t('offline.newRequest.server')}</label>
          <select id="request-target" value={choice} onChange={(e) => setChoice(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby="request-target-help">
            {!chosen && <option value="">{t('offline.newRequest.choose')}</option>}
            {leads.length > 0 && (
              <optgroup label={t('offline.newRequest.registerGroup')}>
                {leads.map((s) => (
                  <option key={s.address} value={encode({ kind: 'register', address: s.address })}>
                    {s.status === 'registered' ? t('offline.newRequest.registeredAlready', { server: nameWithKind(s) }) : nameWithKind(s)}
                  </option>
                ))}
              </optgroup>
            )}
            {wipedServers.length > 0 && (
              <optgroup label={t('offline.newRequest.associateGroup')}>
                {wipedServers.map((s) => (
                  <option key={s.address} value={encode({ kind: 'associate', address: s.address })}>
                    {s.name}: {s.previousSystemId} → {s.systemId}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <div id="request-target-help" className="muted small">
            {t('offline.newRequest.help')}
          </div>
        </div>
        {server && chosen && (
          <div className="request-preview" data-testid="request-preview">
            {chosen.kind === 'register' ? (
              <p>
                {shadows.length > 0 ? (
                  <Trans
                    i18nKey="offline.newRequest.registersShadows"
                    count={shadows.length}
                    values={{ name: server.name, id: server.systemId, names: shadowNames(shadows.map((s) => s.name)) }}
                    components={{ strong: <strong />, code: <code /> }}
                  />
                ) : (
                  <Trans i18nKey="offline.newRequest.registers" values={{ name: server.name, id: server.systemId }} components={{ strong: <strong />, code: <code /> }} />
                )}
              </p>
            ) : (
              <p>
                <Trans
                  i18nKey="offline.newRequest.associates"
                  values={{ id: server.systemId, name: server.name, old: server.previousSystemId }}
                  components={{ strong: <strong />, code: <code /> }}
                />
              </p>
            )}
            {server.status === 'registered' && chosen.kind === 'register' && <p className="muted small">{t('offline.newRequest.replacesRegistration')}</p>}
            {replaces && <p className="notice small">{t('offline.newRequest.replacesRequest', { id: replaces.id })}</p>}
          </div>
        )}
        {error && (
          <p className="error" role="alert" data-testid="create-error">
            {localize(error.message)}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={!chosen || creating}>
            {creating ? t('offline.newRequest.making') : t('offline.newRequest.make')}
          </button>
        </div>
      </form>
    </section>
  );
}
