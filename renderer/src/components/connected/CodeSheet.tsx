import { useState } from 'react';
import type { IssuedCode } from '../../../../shared/portal/codes.js';
import { formatAnswerFile } from '../../../../shared/codes/files.js';
import { copyText, saveTextFile, svgDataUrl } from '../../lib/files.js';
import { counted, formatDate } from '../../lib/format.js';
import { GroupedCode } from '../GroupedCode.js';

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);

/** What goes back to the site: the Registration code to type, the signed token as QR, a file; printable. */
export function CodeSheet({ issued, onStartOver }: { issued: IssuedCode; onStartOver(): void }) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const shadows = issued.serverCount - 1;
  return (
    <section className="card code-sheet printable" aria-labelledby="sheet-title" data-testid="code-sheet">
      <div className="card-head">
        <h2 id="sheet-title">{issued.kind === 'register' ? 'Registration code' : 'Registration code: associate the new System ID'}</h2>
        <span className="muted small">Serial {issued.serial}</span>
      </div>
      <dl className="facts sheet-facts">
        <dt>System ID</dt>
        <dd>
          <code data-testid="sheet-system-id">{issued.systemId}</code>
        </dd>
        <dt>Servers</dt>
        <dd>
          {issued.serverCount} ({shadows > 0 ? `the lead and ${counted(shadows, { one: 'shadow', other: 'shadows' })}` : 'the lead alone, no shadows'})
        </dd>
        <dt>Issued</dt>
        <dd>{formatDate(issued.issuedAt)}</dd>
        <dt>Enter it by</dt>
        <dd>{formatDate(issued.validUntil)}</dd>
      </dl>
      <div className="sheet-code">
        <GroupedCode code={issued.registrationCode} size="large" perRow={3} testId="registration-code" />
        <div className="actions left no-print">
          <button type="button" className="secondary" onClick={() => void copyText(issued.registrationCode).then((ok) => setCopied(ok ? 'copied' : 'failed'))}>
            Copy
          </button>
          <span className="small muted" role="status" data-testid="copy-status">
            {copied === 'copied' ? 'Copied.' : copied === 'failed' ? 'Copying is not allowed here: select the code and copy it by hand.' : ''}
          </span>
        </div>
        <p className="muted small">At the site: BMS Companion › Offline registration › the waiting request › type this code. Letters may be typed in any case.</p>
      </div>
      <div className="sheet-token">
        <figure className="qr">
          <img src={svgDataUrl(issued.tokenQrSvg)} alt="QR code of the signed registration token" width={220} height={220} data-testid="token-qr" />
          <figcaption className="muted small">Signed token, for a camera or a file.</figcaption>
        </figure>
        <div>
          <h3>Signed token</h3>
          <GroupedCode code={issued.token} perRow={5} testId="token" />
          <p className="muted small">The same grant, signed by the portal: it can be scanned, pasted or opened as the saved file instead of typing the code.</p>
        </div>
      </div>
      <div className="actions left no-print">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" className="secondary" onClick={() => saveTextFile(`bms-registration-${safeName(issued.systemId)}-${issued.serial}.txt`, formatAnswerFile(issued))}>
          Save to file
        </button>
        <button type="button" className="secondary" onClick={onStartOver}>
          Another system
        </button>
      </div>
    </section>
  );
}
