import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { fieldMessages, type ContractError } from '../../lib/errors.js';
import { focusSoon } from '../../lib/focus.js';
import { PortalCertificate } from './PortalCertificate.js';
import { localize } from '../../i18n/said.js';

interface Props {
  url: string | null;
  busy: boolean;
  error: ContractError | null;
  onConnect(url: string): Promise<boolean>;
}

/** Where the Registration Portal is: https, or http on this machine only. */
export function ConnectCard({ url, busy, error, onConnect }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(!url);
  const [value, setValue] = useState(url ?? '');
  const messages = fieldMessages(error?.issues, 'url').map(localize);
  const message = messages[0] ?? (error ? localize(error.message) : undefined);
  // The portal named a certificate no authority signed: offer the fingerprint trust.
  const untrustedHost = fieldMessages(error?.issues, 'certificate')[0];
  // Connected: on to log-on (or, with a session kept, to the system's start); refused: back to the address, its message read with it.
  const afterConnect = (ok: boolean) => {
    if (!ok) return focusSoon('#portal-url');
    setEditing(false);
    focusSoon(() => document.getElementById('logon-email') ?? document.getElementById('start-title'));
  };
  if (url && !editing) {
    return (
      <section className="card portal-address" aria-label={t('connect.region')}>
        <span>
          <Trans i18nKey="connect.current" values={{ url }} components={{ code: <code data-testid="portal-url" /> }} />
        </span>
        <button type="button" className="link small" onClick={() => setEditing(true)}>
          {t('common.change')}
        </button>
      </section>
    );
  }
  return (
    <form
      className="card"
      aria-labelledby="connect-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onConnect(value).then(afterConnect);
      }}
    >
      <h2 id="connect-title">{t('connect.title')}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor="portal-url">{t('connect.address')}</label>
          <input
            id="portal-url"
            type="url"
            value={value}
            maxLength={2048}
            placeholder="https://portal.example.com"
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={message ? true : undefined}
            aria-describedby="portal-url-help portal-url-error"
          />
          <div id="portal-url-help" className="muted small">
            {t('connect.help')}
          </div>
          {message && (
            <p id="portal-url-error" className="field-error" role="alert">
              {message}
            </p>
          )}
          {untrustedHost && <PortalCertificate key={untrustedHost} hostPort={untrustedHost} onTrusted={() => void onConnect(value).then(afterConnect)} />}
        </div>
      </div>
      <div className="actions">
        {url && (
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            {t('connect.keep', { url })}
          </button>
        )}
        <button type="submit" disabled={busy || !value.trim()}>
          {busy ? t('connect.connecting') : t('connect.connect')}
        </button>
      </div>
    </form>
  );
}
