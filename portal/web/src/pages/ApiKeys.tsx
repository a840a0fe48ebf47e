// A partner's API keys for one customer that gave it API device data access
// (GET/POST /api/v1/customers/:id/api-keys, DELETE .../api-keys/:keyId): each key by its prefix,
// when it was made and last used, and whether it is revoked. A new key is shown once, with a copy
// button (the portal keeps only its hash); revoking asks first. The portal refuses a member's new
// key or revocation (partner administrators only): its refusal is shown as it says it.
import { useRef, useState } from 'react';
import { formatWhen } from '../../../../renderer/src/components/systems/format.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import type { ApiKeyView } from '../../../../shared/portal/partner-access.js';
import { portalRoutes } from '../../../../shared/portal/api.js';
import { ApiError, api, type Answer } from '../api.js';
import { CustomerPanelCard, usePanelLoad } from '../components/CustomerPanel.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorBox } from '../components/Page.js';
import { TableHead } from '../components/TableHead.js';
import { useWebT } from '../i18n/index.js';

const TITLE = 'api-keys-title';

export function ApiKeys({ customerId, name, onClose, onRefused }: { customerId: number; name: string; onClose(): void; onRefused(): void }) {
  const t = useWebT();
  const params = { customerId: String(customerId) };
  // The panel's first answer (or its refusal) takes focus to its heading; later reloads leave focus where the action put it.
  const keys = usePanelLoad(() => api('listApiKeys', { params }), [customerId], { titleId: TITLE, onRefused, focus: 'first' });
  const [made, setMade] = useState<Answer<'createApiKey'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const refusedNow = (e: unknown) => {
    setError(e);
    focusSoon('[data-testid="api-keys-error"]');
    // Access taken back meanwhile: the customer list follows.
    if (e instanceof ApiError && e.status === 403) onRefused();
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      setMade(await api('createApiKey', { params, body: {} }));
      focusSoon('#new-api-key-title');
      void keys.reload();
    } catch (e) {
      refusedNow(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (key: ApiKeyView) => {
    setRevoking(null);
    setError(null);
    setNote(null);
    try {
      await api('revokeApiKey', { params: { ...params, keyId: String(key.id) } });
      setNote(t('web.apiKeys.revoked', { prefix: key.prefix }));
      focusSoon('[data-testid="api-keys-note"]');
      await keys.reload();
    } catch (e) {
      refusedNow(e);
    }
  };
  const list = keys.shown;
  return (
    <CustomerPanelCard
      title={t('web.apiKeys.title', { name })}
      hide={t('web.apiKeys.hide')}
      onClose={onClose}
      list={keys}
      words={{ loading: t('web.apiKeys.loading'), refused: (message) => t('web.customers.revoked', { message }), failed: (message) => t('web.apiKeys.failed', { message }) }}
      className="api-keys"
      testId="api-keys"
      errorTestId="api-keys-load-error"
      intro={<p>{t('web.apiKeys.intro')}</p>}
    >
      {!keys.refused && !made && (
        <p className="actions left">
          <button type="button" onClick={() => void create()} disabled={busy} data-testid="create-api-key">
            {busy ? t('web.apiKeys.creating') : t('web.apiKeys.create')}
          </button>
        </p>
      )}
      {error !== null && (
        <div tabIndex={-1} data-testid="api-keys-error" className="api-keys-error">
          <ErrorBox error={error} />
        </div>
      )}
      {note && (
        <p className="form-saved" role="status" tabIndex={-1} data-testid="api-keys-note">
          {note}
        </p>
      )}
      {made && (
        <NewKey
          made={made}
          onDone={() => {
            setMade(null);
            focusSoon('[data-testid="create-api-key"]');
          }}
        />
      )}
      {list && list.length === 0 && <p className="empty">{t('web.apiKeys.none')}</p>}
      {list && list.length > 0 && (
        <table className="servers compact stacks api-key-list" data-testid="api-key-list">
          <caption className="visually-hidden">{t('web.apiKeys.title', { name })}</caption>
          <TableHead columns={[t('web.apiKeys.prefix'), t('web.apiKeys.created'), t('web.apiKeys.lastUsed'), t('web.apiKeys.state')]} actions />
          <tbody>
            {list.map((k) => (
              <tr key={k.id} data-testid="api-key">
                <th scope="row">
                  <code>{k.prefix}</code>
                </th>
                <td data-label={t('web.apiKeys.created')}>{formatWhen(k.createdAt)}</td>
                <td data-label={t('web.apiKeys.lastUsed')} data-testid="api-key-last-used">
                  {k.lastUsedAt ? formatWhen(k.lastUsedAt) : <span className="muted">{t('web.apiKeys.never')}</span>}
                </td>
                <td data-label={t('web.apiKeys.state')} data-testid="api-key-state">
                  {k.revokedAt ? t('web.apiKeys.revokedOn', { when: formatWhen(k.revokedAt) }) : t('web.apiKeys.active')}
                </td>
                <td>
                  {!k.revokedAt && (
                    <button type="button" className="secondary" id={`revoke-key-${k.id}`} aria-label={`${t('web.apiKeys.revoke')}: ${k.prefix}`} onClick={() => setRevoking(k)} data-testid="revoke-api-key">
                      {t('web.apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Usage />
      <Dialog open={revoking !== null} onClose={() => setRevoking(null)} labelledBy="revoke-key-title" testId="revoke-key-dialog">
        {revoking && (
          <>
            <h2 id="revoke-key-title">{t('web.apiKeys.revokeTitle', { prefix: revoking.prefix })}</h2>
            <p>{t('web.apiKeys.revokeText')}</p>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={() => setRevoking(null)}>
                {t('web.common.cancel')}
              </button>
              <button type="button" className="danger" onClick={() => void revoke(revoking)}>
                {t('web.apiKeys.revokeConfirm')}
              </button>
            </div>
          </>
        )}
      </Dialog>
    </CustomerPanelCard>
  );
}

/** The new key, the only time it is shown: in a field to select, a Copy button, and the warning. */
function NewKey({ made, onDone }: { made: Answer<'createApiKey'>; onDone(): void }) {
  const t = useWebT();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(made.key);
      setCopied('yes');
    } catch {
      // No clipboard for this page (a browser that asks, or refuses): the key selected, to copy by hand.
      field.current?.select();
      setCopied(document.execCommand?.('copy') ? 'yes' : 'no');
    }
  };
  return (
    <section className="callout-warning new-api-key" aria-labelledby="new-api-key-title" data-testid="new-api-key">
      <h3 id="new-api-key-title" tabIndex={-1}>
        {t('web.apiKeys.newTitle')}
      </h3>
      <p>
        <strong>{t('web.apiKeys.newNote')}</strong>
      </p>
      <div className="field">
        <label htmlFor="new-api-key">{t('web.apiKeys.keyLabel')}</label>
        <div className="key-row">
          <input id="new-api-key" ref={field} readOnly value={made.key} spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} data-testid="new-api-key-value" />
          <button type="button" onClick={() => void copy()} data-testid="copy-api-key">
            {t('web.apiKeys.copy')}
          </button>
        </div>
      </div>
      <p className={copied === 'no' ? 'field-error' : 'muted small'} role="status" data-testid="copy-outcome">
        {copied === 'yes' ? t('web.apiKeys.copied') : copied === 'no' ? t('web.apiKeys.copyFailed') : ''}
      </p>
      <button type="button" className="secondary" onClick={onDone} data-testid="api-key-done">
        {t('web.apiKeys.done')}
      </button>
    </section>
  );
}

/** How a program uses a key: one header on each request to the device data route. */
function Usage() {
  const t = useWebT();
  const example = `curl -H "Authorization: Bearer bmsk_..." ${window.location.origin}${portalRoutes.deviceData.path}`;
  return (
    <section className="api-usage" aria-labelledby="api-usage-title">
      <h3 id="api-usage-title">{t('web.apiKeys.usageTitle')}</h3>
      <p>{t('web.apiKeys.usage')}</p>
      <pre className="code-block" data-testid="api-usage">
        <code>{example}</code>
      </pre>
      <p className="muted small">{t('web.apiKeys.usageNote')}</p>
    </section>
  );
}
