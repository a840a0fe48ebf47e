import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result.js';
import { CONNECTION_LIMITS as MAX, type CertificateView, type ConnectionInput, type ConnectionView } from '../../../shared/domain/connection.js';
import { localize } from '../i18n/said.js';

interface Props {
  connection: ConnectionView;
  error: ContractError | null;
  busy: boolean;
  probed: CertificateView | null;
  onSubmit(input: ConnectionInput): void;
  /** Closes the form without saving (Escape, or Cancel); absent while there is no site yet. */
  onCancel?(): void;
  onProbe(hostPort: string): void;
  onTrust(): void;
  onDistrust(hostPort: string): void;
}

interface ServerCredentialDraft {
  address: string;
  username: string;
  password: string;
  saved: boolean;
}

/** Where the site is and how to log on. Field messages and errors come from main, said in the chosen language. */
export function ConnectionForm({ connection, error, busy, probed, onSubmit, onCancel, onProbe, onTrust, onDistrust }: Props) {
  const { t } = useTranslation();
  const [targets, setTargets] = useState(connection.targets);
  const [username, setUsername] = useState(connection.username ?? '');
  const [password, setPassword] = useState('');
  const [concurrency, setConcurrency] = useState(String(connection.concurrency));
  const [timeout, setTimeoutSeconds] = useState(String(connection.timeoutSeconds));
  const [perServer, setPerServer] = useState<ServerCredentialDraft[]>(connection.perServer.map((p) => ({ ...p, password: '', saved: p.hasPassword })));
  const [hostPort, setHostPort] = useState('');
  const issue = (path: string) => {
    const found = error?.issues?.find((i) => i.path === path || i.path.startsWith(`${path}.`));
    return found && localize(found.message);
  };
  const messages = (path: string) => error?.issues?.filter((i) => i.path === path).map((i) => localize(i.message)) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      targets,
      username,
      ...(password ? { password } : {}),
      concurrency: Number(concurrency),
      timeoutSeconds: Number(timeout),
      perServer: perServer.filter((p) => p.address.trim()).map((p) => ({ address: p.address, username: p.username, ...(p.password || !p.saved ? { password: p.password } : {}) })),
    });
  };
  const update = (index: number, change: Partial<ServerCredentialDraft>) => setPerServer((rows) => rows.map((r, i) => (i === index ? { ...r, ...change } : r)));

  return (
    <form
      className="card connection"
      onSubmit={submit}
      aria-label={t('site.connection.form')}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel && !e.defaultPrevented && !(e.target instanceof HTMLSelectElement)) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="field wide">
        <label htmlFor="targets">{t('site.connection.targets')}</label>
        <textarea
          id="targets"
          rows={3}
          value={targets}
          maxLength={MAX.targets}
          onChange={(e) => setTargets(e.target.value)}
          placeholder={'10.0.0.5\nes01:8080, https://es02\n10.0.1.10-10.0.1.60'}
          spellCheck={false}
          aria-invalid={messages('targets').length ? true : undefined}
          aria-describedby="targets-help targets-error"
        />
        <div id="targets-help" className="muted small">
          {t('site.connection.targetsHelp')}
        </div>
        {messages('targets').length > 0 && (
          // role=alert on a wrapper: on the <ul> itself it would stop being a list.
          <div id="targets-error" role="alert">
            <ul className="field-error">
              {messages('targets').map((m, index) => (
                <li key={index}>{m}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="username">{t('site.connection.username')}</label>
          <input id="username" value={username} maxLength={MAX.username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" aria-invalid={issue('username') ? true : undefined} />
          {issue('username') && <div className="field-error">{issue('username')}</div>}
        </div>
        <div className="field">
          <label htmlFor="password">{t('site.connection.password')}</label>
          <input
            id="password"
            type="password"
            value={password}
            maxLength={MAX.password}
            onChange={(e) => setPassword(e.target.value)}
            placeholder={connection.hasPassword ? t('site.connection.passwordSaved') : ''}
            autoComplete="new-password"
            aria-invalid={issue('password') ? true : undefined}
          />
          {issue('password') && <div className="field-error">{issue('password')}</div>}
        </div>
        <div className="field narrow">
          <label htmlFor="concurrency">{t('site.connection.concurrency')}</label>
          <input id="concurrency" inputMode="numeric" value={concurrency} maxLength={3} onChange={(e) => setConcurrency(e.target.value)} aria-invalid={issue('concurrency') ? true : undefined} />
          {issue('concurrency') && <div className="field-error">{issue('concurrency')}</div>}
        </div>
        <div className="field narrow">
          <label htmlFor="timeout">{t('site.connection.timeout')}</label>
          <input id="timeout" inputMode="decimal" value={timeout} maxLength={8} onChange={(e) => setTimeoutSeconds(e.target.value)} aria-invalid={issue('timeoutSeconds') ? true : undefined} />
          {issue('timeoutSeconds') && <div className="field-error">{issue('timeoutSeconds')}</div>}
        </div>
      </div>

      <details className="advanced" open={perServer.length > 0 || connection.trusted.length > 0 ? true : undefined}>
        <summary>{t('site.connection.advanced')}</summary>
        <fieldset>
          <legend>{t('site.connection.perServer')}</legend>
          {perServer.map((p, index) => (
            <div className="field-row" key={index}>
              <input aria-label={t('site.connection.serverAddress')} placeholder="https://as-12" value={p.address} maxLength={MAX.address} onChange={(e) => update(index, { address: e.target.value })} />
              <input aria-label={t('site.connection.username')} placeholder={t('site.connection.usernamePlaceholder')} value={p.username} maxLength={MAX.username} onChange={(e) => update(index, { username: e.target.value })} />
              <input
                aria-label={t('site.connection.password')}
                type="password"
                placeholder={p.saved ? t('site.connection.saved') : t('site.connection.passwordPlaceholder')} value={p.password} maxLength={MAX.password} onChange={(e) => update(index, { password: e.target.value })} />
              <button type="button" className="secondary" onClick={() => setPerServer((rows) => rows.filter((_, i) => i !== index))}>
                {t('site.connection.remove')}
              </button>
            </div>
          ))}
          {issue('perServer') && <div className="field-error">{issue('perServer')}</div>}
          <button type="button" className="secondary" onClick={() => setPerServer((rows) => [...rows, { address: '', username: '', password: '', saved: false }])}>
            {t('site.connection.addServer')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('site.connection.trusted')}</legend>
          <ul className="plain">
            {connection.trusted.map((c) => (
              <li key={c.hostPort}>
                <strong>{c.hostPort}</strong> <code className="small">{c.fingerprint256}</code>{' '}
                <button type="button" className="link" onClick={() => onDistrust(c.hostPort)}>
                  {t('site.connection.stopTrusting')}
                </button>
              </li>
            ))}
          </ul>
          <div className="field-row">
            <input aria-label={t('site.connection.hostPort')} placeholder="es01:443" value={hostPort} maxLength={300} onChange={(e) => setHostPort(e.target.value)} />
            <button type="button" className="secondary" disabled={!hostPort.trim()} onClick={() => onProbe(hostPort.trim())}>
              {t('site.connection.fetch')}
            </button>
          </div>
          {probed && (
            <div className="notice" data-testid="probed" tabIndex={-1}>
              <p>
                <Trans
                  i18nKey="site.connection.presents"
                  values={{
                    host: probed.hostPort,
                    subject: probed.subject || t('site.connection.noSubject'),
                    issuer: probed.issuer || t('site.connection.unknownIssuer'),
                    validTo: probed.validTo,
                  }}
                  components={{ strong: <strong />, em: <em /> }}
                />
              </p>
              <p>
                <Trans i18nKey="site.connection.fingerprint" values={{ fingerprint: probed.fingerprint256 }} components={{ code: <code /> }} />
              </p>
              <p className="muted small">{t('site.connection.compare')}</p>
              <button type="button" onClick={onTrust}>
                {t('site.connection.trust')}
              </button>
            </div>
          )}
        </fieldset>
      </details>
      {error && !error.issues?.length && (
        <p className="error" role="alert">
          {localize(error.message)}
        </p>
      )}
      <div className="actions">
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('site.connection.reading') : t('site.connection.save')}
        </button>
      </div>
    </form>
  );
}
