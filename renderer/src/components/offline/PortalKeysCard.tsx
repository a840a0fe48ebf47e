import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { OfflineStatus } from '../../../../shared/domain/offline.js';
import type { ContractError } from '../../lib/errors.js';
import { focusSoon } from '../../lib/focus.js';
import { FileButton } from '../FileButton.js';
import { localize } from '../../i18n/said.js';

interface Props {
  keys: OfflineStatus['portalKeys'];
  error: ContractError | null;
  onImport(json: string): Promise<boolean>;
}

/** The portal public keys codes are checked with: their fingerprints, or how to get them. */
export function PortalKeysCard({ keys, error, onImport }: Props) {
  const { t } = useTranslation();
  const [pasted, setPasted] = useState('');
  const [readError, setReadError] = useState<string | null>(null);
  const [imported, setImported] = useState(false);
  const message = readError ?? (error ? localize(error.message) : null);
  const importText = async (json: string) => {
    setReadError(null);
    setImported(false);
    const ok = await onImport(json);
    if (ok) {
      setPasted('');
      setImported(true);
    }
    // Imported: the keys now trusted (their fingerprints to compare); refused: why.
    focusSoon(ok ? '#keys-title' : '[data-testid="keys-error"]');
  };
  const importer = (
    <div className="key-import">
      <FileButton className={keys.length ? 'secondary' : undefined} inputLabel={t('offline.keys.fileLabel')} accept=".json,application/json,text/plain" onText={(text) => void importText(text)} onError={setReadError}>
        {keys.length ? t('offline.keys.importAnother') : t('offline.keys.importFile')}
      </FileButton>
      <details>
        <summary>{t('offline.keys.orPaste')}</summary>
        <div className="field">
          <label htmlFor="key-json">{t('offline.keys.content')}</label>
          <textarea id="key-json" rows={3} value={pasted} maxLength={16 * 1024} spellCheck={false} onChange={(e) => setPasted(e.target.value)} aria-invalid={message ? true : undefined} />
        </div>
        <div className="actions">
          <button type="button" className="secondary" disabled={!pasted.trim()} onClick={() => void importText(pasted)}>
            {t('offline.keys.importPasted')}
          </button>
        </div>
      </details>
      {message && (
        <p className="error" role="alert" tabIndex={-1} data-testid="keys-error">
          {message}
        </p>
      )}
    </div>
  );

  if (keys.length === 0) {
    return (
      <section className="card callout-warning" aria-labelledby="keys-title" data-testid="keys-missing">
        <h2 id="keys-title" tabIndex={-1}>
          {t('offline.keys.missingTitle')}
        </h2>
        <p>
          <Trans i18nKey="offline.keys.missingText" components={{ code: <code /> }} />
        </p>
        {importer}
      </section>
    );
  }
  return (
    <section className="card keys" aria-labelledby="keys-title">
      <div className="card-head">
        <h2 id="keys-title" tabIndex={-1}>
          {t('offline.keys.title')}
        </h2>
        {imported && (
          <span className="text-ok small" role="status">
            {t('offline.keys.imported')}
          </span>
        )}
      </div>
      <p className="muted small">{t('offline.keys.lead')}</p>
      <ul className="plain" data-testid="portal-keys">
        {keys.map((k) => (
          <li key={k.keyId}>
            <Trans i18nKey="offline.keys.key" values={{ id: k.keyId, fingerprint: k.fingerprint }} components={{ code: <code data-testid="key-fingerprint" /> }} />
          </li>
        ))}
      </ul>
      {importer}
    </section>
  );
}
