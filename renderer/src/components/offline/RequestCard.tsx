import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { OfflineRequestView } from '../../../../shared/domain/offline.js';
import type { ContractError } from '../../lib/errors.js';
import { copyText, saveTextFile, svgDataUrl } from '../../lib/files.js';
import { formatDateTime } from '../../i18n/index.js';
import { GroupedCode } from '../GroupedCode.js';
import { CodeEntry } from './CodeEntry.js';
import { ServerResults } from './ServerResults.js';
import { offlineSummary } from '../../lib/summaries.js';
import { localize } from '../../i18n/said.js';

interface Props {
  request: OfflineRequestView;
  draft: string;
  codeError: ContractError | null;
  applying: boolean;
  requestError: ContractError | null;
  keysMissing: boolean;
  onDraft(text: string): void;
  onApply(text: string): void;
  onCancel(): void;
  onRetry(): void;
}

/** A moment from main, in the active language; one that does not parse is shown as it came. */
const when = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : formatDateTime(iso));

export function RequestCard({ request: r, draft, codeError, applying, requestError, keysMissing, onDraft, onApply, onCancel, onRetry }: Props) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const [again, setAgain] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const { t } = useTranslation();
  const title = t(r.kind === 'register' ? 'offline.request.register' : 'offline.request.associate', { name: r.leadName });
  const entry = (
    <CodeEntry requestId={r.id} value={draft} error={codeError} applying={applying} onChange={onDraft} onApply={onApply} />
  );

  return (
    <article className={`card request request-${r.state}`} aria-labelledby={`request-${r.id}-title`} data-testid="request" data-request-id={r.id} data-state={r.state}>
      <header className="card-head">
        <h3 id={`request-${r.id}-title`} tabIndex={-1}>
          {t('offline.request.title', { id: r.id, title })}
        </h3>
        <span className={`badge request-badge-${r.state}`}>{t(`offline.request.state.${r.state}`)}</span>
      </header>
      <p className="muted small">
        <Trans i18nKey="offline.request.systemId" values={{ id: r.systemId }} components={{ code: <code data-testid="request-system-id" /> }} />
        {r.previousSystemId && (
          <>
            {' '}
            <Trans i18nKey="offline.request.was" values={{ id: r.previousSystemId }} components={{ code: <code /> }} />
          </>
        )}{' '}
        · {t('offline.request.servers', { count: r.servers.length })} · {t('offline.request.made', { date: when(r.createdAt) })}
        {r.appliedAt && <> · {t('offline.request.appliedOn', { date: when(r.appliedAt) })}</>}
      </p>

      {r.state === 'pending' && (
        <>
          <div className="request-body">
            <figure className="qr">
              <img src={svgDataUrl(r.qrSvg)} alt={t('offline.request.qrAlt', { name: r.leadName })} width={264} height={264} data-testid="request-qr" />
              <figcaption className="muted small">{t('offline.request.scan')}</figcaption>
            </figure>
            <div className="request-code">
              <h4>{t('offline.request.code')}</h4>
              <GroupedCode code={r.requestCode} perRow={5} testId="request-code" />
              <div className="actions left">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void copyText(r.requestCode).then((ok) => setCopied(ok ? 'copied' : 'failed'))}
                >
                  {t('offline.copy.copy')}
                </button>
                <button type="button" className="secondary" onClick={() => saveTextFile(r.fileName, r.fileContent)}>
                  {t('offline.copy.save')}
                </button>
                <span className="small muted" role="status">
                  {copied === 'copied' ? t('offline.copy.copied') : copied === 'failed' ? t('offline.copy.refused') : ''}
                </span>
              </div>
              <ol className="steps small">
                <li>{t('offline.request.stepCarry')}</li>
                <li>
                  <Trans i18nKey="offline.request.stepPortal" values={{ id: r.systemId }} components={{ code: <code /> }} />
                </li>
                <li>{t('offline.request.stepEnter')}</li>
              </ol>
              {/\nInventory: /.test(r.fileContent) && (
                <p className="small muted" data-testid="request-file-inventory">
                  {/\nInventory MAC: /.test(r.fileContent)
                    ? t('offline.request.inventorySigned', { servers: r.servers.length })
                    : t('offline.request.inventoryUnsigned')}
                </p>
              )}
            </div>
          </div>
          {keysMissing && (
            <p className="notice small" role="note">
              {t('offline.request.keysMissing')}
            </p>
          )}
          {entry}
          <footer className="request-foot">
            {confirmCancel ? (
              <div className="actions left" role="group" aria-label={t('offline.request.confirmCancelLabel')}>
                <span>{t('offline.request.confirmCancel', { id: r.id })}</span>
                <button type="button" className="danger" onClick={onCancel}>
                  {t('offline.request.cancel')}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmCancel(false)}>
                  {t('offline.request.keep')}
                </button>
              </div>
            ) : (
              <button type="button" className="link danger-link" onClick={() => setConfirmCancel(true)}>
                {t('offline.request.cancelAsk')}
              </button>
            )}
          </footer>
        </>
      )}

      {r.state === 'applied' && (
        <>
          <p className={`summary${r.servers.every((s) => s.state === 'done') ? '' : ' summary-partial'}`} role="status" tabIndex={-1} data-testid="request-summary">
            {offlineSummary(t, r)}
          </p>
          <ServerResults servers={r.servers} onRetry={onRetry} />
          {again ? (
            <CodeEntry
              requestId={r.id}
              value={draft}
              error={codeError}
              applying={applying}
              onChange={onDraft}
              onApply={onApply}
              note={t('offline.request.answered')}
            />
          ) : (
            <button type="button" className="link small" onClick={() => setAgain(true)}>
              {t('offline.request.enterAgain')}
            </button>
          )}
        </>
      )}

      {r.state === 'cancelled' && (
        <p className="muted" tabIndex={-1} data-testid="request-summary">
          {offlineSummary(t, r)}
        </p>
      )}

      {requestError && (
        <p className="error" role="alert" tabIndex={-1} data-testid="request-error">
          {localize(requestError.message)}
        </p>
      )}
    </article>
  );
}
