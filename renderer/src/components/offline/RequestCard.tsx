import { useState } from 'react';
import type { OfflineRequestView } from '../../../../shared/domain/offline.js';
import type { ContractError } from '../../lib/errors.js';
import { copyText, saveTextFile, svgDataUrl } from '../../lib/files.js';
import { formatWhen } from '../../lib/format.js';
import { GroupedCode } from '../GroupedCode.js';
import { CodeEntry } from './CodeEntry.js';
import { ServerResults } from './ServerResults.js';

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

const STATE_LABELS: Record<OfflineRequestView['state'], string> = { pending: 'Waiting for the code', applied: 'Applied', cancelled: 'Cancelled' };

export function RequestCard({ request: r, draft, codeError, applying, requestError, keysMissing, onDraft, onApply, onCancel, onRetry }: Props) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const [again, setAgain] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const title = r.kind === 'register' ? `Register ${r.leadName}` : `Associate the new System ID of ${r.leadName}`;
  const entry = (
    <CodeEntry requestId={r.id} value={draft} error={codeError} applying={applying} onChange={onDraft} onApply={onApply} />
  );

  return (
    <article className={`card request request-${r.state}`} aria-labelledby={`request-${r.id}-title`} data-testid="request" data-request-id={r.id} data-state={r.state}>
      <header className="card-head">
        <h3 id={`request-${r.id}-title`} tabIndex={-1}>
          Request {r.id}: {title}
        </h3>
        <span className={`badge request-badge-${r.state}`}>{STATE_LABELS[r.state]}</span>
      </header>
      <p className="muted small">
        System ID <code data-testid="request-system-id">{r.systemId}</code>
        {r.previousSystemId && (
          <>
            {' '}
            (was <code>{r.previousSystemId}</code>)
          </>
        )}{' '}
        · {r.servers.length} server{r.servers.length === 1 ? '' : 's'} · made {formatWhen(r.createdAt)}
        {r.appliedAt && <> · applied {formatWhen(r.appliedAt)}</>}
      </p>

      {r.state === 'pending' && (
        <>
          <div className="request-body">
            <figure className="qr">
              <img src={svgDataUrl(r.qrSvg)} alt={`QR code of the request code for ${r.leadName}`} width={264} height={264} data-testid="request-qr" />
              <figcaption className="muted small">Scan it on the connected computer.</figcaption>
            </figure>
            <div className="request-code">
              <h4>Request code</h4>
              <GroupedCode code={r.requestCode} perRow={5} testId="request-code" />
              <div className="actions left">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void copyText(r.requestCode).then((ok) => setCopied(ok ? 'copied' : 'failed'))}
                >
                  Copy
                </button>
                <button type="button" className="secondary" onClick={() => saveTextFile(r.fileName, r.fileContent)}>
                  Save to file
                </button>
                <span className="small muted" role="status">
                  {copied === 'copied' ? 'Copied.' : copied === 'failed' ? 'Copying is not allowed here: select the code and copy it by hand.' : ''}
                </span>
              </div>
              <ol className="steps small">
                <li>Take the code (QR, file or on paper) to a computer with internet.</li>
                <li>
                  In the portal’s “Register or modify a system”, enter System ID <code>{r.systemId}</code> exactly, with its upper and lower case, and this request code.
                </li>
                <li>Enter the Registration code the portal gives back below. It is checked here, without internet, and written to every server.</li>
              </ol>
              {/\nInventory: /.test(r.fileContent) && (
                <p className="small muted" data-testid="request-file-inventory">
                  {/\nInventory MAC: /.test(r.fileContent)
                    ? `The file also carries the list of the ${r.servers.length} servers, signed for the portal, which keeps it.`
                    : 'The file also carries the list of servers, but unsigned (no portal key imported yet): the portal will not keep it. Import the portal key file, then save the file again.'}
                </p>
              )}
            </div>
          </div>
          {keysMissing && (
            <p className="notice small" role="note">
              Import the portal key file (above) before applying the code: without it the code cannot be checked.
            </p>
          )}
          {entry}
          <footer className="request-foot">
            {confirmCancel ? (
              <div className="actions left" role="group" aria-label="Confirm cancelling">
                <span>Cancel request {r.id}? A code the portal made for it will no longer be accepted.</span>
                <button type="button" className="danger" onClick={onCancel}>
                  Cancel the request
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmCancel(false)}>
                  Keep it
                </button>
              </div>
            ) : (
              <button type="button" className="link danger-link" onClick={() => setConfirmCancel(true)}>
                Cancel this request…
              </button>
            )}
          </footer>
        </>
      )}

      {r.state === 'applied' && (
        <>
          <p className={`summary${r.servers.every((s) => s.state === 'done') ? '' : ' summary-partial'}`} role="status" tabIndex={-1} data-testid="request-summary">
            {r.summary}
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
              note="This request was answered already: a code is accepted once. Entering it again changes nothing; the companion says what it finds."
            />
          ) : (
            <button type="button" className="link small" onClick={() => setAgain(true)}>
              Enter a code for this request again…
            </button>
          )}
        </>
      )}

      {r.state === 'cancelled' && (
        <p className="muted" tabIndex={-1} data-testid="request-summary">
          {r.summary}
        </p>
      )}

      {requestError && (
        <p className="error" role="alert" tabIndex={-1} data-testid="request-error">
          {requestError.message}
        </p>
      )}
    </article>
  );
}
