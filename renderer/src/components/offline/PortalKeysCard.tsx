import { useState } from 'react';
import type { OfflineStatus } from '../../../../shared/domain/offline.js';
import type { ContractError } from '../../lib/errors.js';
import { focusSoon } from '../../lib/focus.js';
import { FileButton } from '../FileButton.js';

interface Props {
  keys: OfflineStatus['portalKeys'];
  error: ContractError | null;
  onImport(json: string): Promise<boolean>;
}

/** The portal public keys codes are checked with: their fingerprints, or how to get them. */
export function PortalKeysCard({ keys, error, onImport }: Props) {
  const [pasted, setPasted] = useState('');
  const [readError, setReadError] = useState<string | null>(null);
  const [imported, setImported] = useState(false);
  const message = readError ?? error?.message ?? null;
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
      <FileButton className={keys.length ? 'secondary' : undefined} inputLabel="Portal key file" accept=".json,application/json,text/plain" onText={(text) => void importText(text)} onError={setReadError}>
        {keys.length ? 'Import another key file…' : 'Import key file…'}
      </FileButton>
      <details>
        <summary>Or paste the key file’s content</summary>
        <div className="field">
          <label htmlFor="key-json">Key file content (JSON)</label>
          <textarea id="key-json" rows={3} value={pasted} maxLength={16 * 1024} spellCheck={false} onChange={(e) => setPasted(e.target.value)} aria-invalid={message ? true : undefined} />
        </div>
        <div className="actions">
          <button type="button" className="secondary" disabled={!pasted.trim()} onClick={() => void importText(pasted)}>
            Import pasted keys
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
          No portal key yet
        </h2>
        <p>
          This companion cannot check Registration codes until it has the portal’s public key. Import the key file your portal operator published (the portal serves it at{' '}
          <code>/api/v1/keys</code>); bring it on the same USB stick as the codes. It holds public keys only.
        </p>
        {importer}
      </section>
    );
  }
  return (
    <section className="card keys" aria-labelledby="keys-title">
      <div className="card-head">
        <h2 id="keys-title" tabIndex={-1}>
          Portal keys
        </h2>
        {imported && (
          <span className="text-ok small" role="status">
            Imported.
          </span>
        )}
      </div>
      <p className="muted small">Codes are accepted only if they were made with one of these keys. Compare the fingerprints with the ones your portal operator gives.</p>
      <ul className="plain" data-testid="portal-keys">
        {keys.map((k) => (
          <li key={k.keyId}>
            Key {k.keyId}: <code data-testid="key-fingerprint">{k.fingerprint}</code>
          </li>
        ))}
      </ul>
      {importer}
    </section>
  );
}
