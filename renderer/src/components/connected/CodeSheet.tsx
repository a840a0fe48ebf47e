import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCode } from '../../../../shared/portal/codes.js';
import { formatAnswerFile } from '../../../../shared/codes/files.js';
import { copyText, saveTextFile, svgDataUrl } from '../../lib/files.js';
import { formatDate } from '../../i18n/index.js';
import { GroupedCode } from '../GroupedCode.js';

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);

/** What goes back to the site: the Registration code to type, the signed token as QR, a file; printable. */
export function CodeSheet({ issued, onStartOver }: { issued: IssuedCode; onStartOver(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const day = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : formatDate(iso));
  const shadows = issued.serverCount - 1;
  return (
    <section className="card code-sheet printable" aria-labelledby="sheet-title" data-testid="code-sheet">
      <div className="card-head">
        <h2 id="sheet-title">{t(issued.kind === 'register' ? 'offline.sheet.register' : 'offline.sheet.associate')}</h2>
        <span className="muted small">{t('offline.sheet.serial', { serial: issued.serial })}</span>
      </div>
      <dl className="facts sheet-facts">
        <dt>{t('offline.sheet.systemId')}</dt>
        <dd>
          <code data-testid="sheet-system-id">{issued.systemId}</code>
        </dd>
        <dt>{t('offline.sheet.servers')}</dt>
        <dd>
          {shadows > 0 ? t('offline.sheet.serversShadows', { servers: issued.serverCount, count: shadows }) : t('offline.sheet.serversAlone', { servers: issued.serverCount })}
        </dd>
        <dt>{t('offline.sheet.issued')}</dt>
        <dd>{day(issued.issuedAt)}</dd>
        <dt>{t('offline.sheet.enterBy')}</dt>
        <dd>{day(issued.validUntil)}</dd>
      </dl>
      <div className="sheet-code">
        <GroupedCode code={issued.registrationCode} size="large" perRow={3} testId="registration-code" />
        <div className="actions left no-print">
          <button type="button" className="secondary" onClick={() => void copyText(issued.registrationCode).then((ok) => setCopied(ok ? 'copied' : 'failed'))}>
            {t('offline.copy.copy')}
          </button>
          <span className="small muted" role="status" data-testid="copy-status">
            {copied === 'copied' ? t('offline.copy.copied') : copied === 'failed' ? t('offline.copy.refused') : ''}
          </span>
        </div>
        <p className="muted small">{t('offline.sheet.atSite')}</p>
      </div>
      <div className="sheet-token">
        <figure className="qr">
          <img src={svgDataUrl(issued.tokenQrSvg)} alt={t('offline.sheet.tokenQrAlt')} width={220} height={220} data-testid="token-qr" />
          <figcaption className="muted small">{t('offline.sheet.tokenCaption')}</figcaption>
        </figure>
        <div>
          <h3>{t('offline.sheet.token')}</h3>
          <GroupedCode code={issued.token} perRow={5} testId="token" />
          <p className="muted small">{t('offline.sheet.tokenText')}</p>
        </div>
      </div>
      <div className="actions left no-print">
        <button type="button" onClick={() => window.print()}>
          {t('offline.sheet.print')}
        </button>
        <button type="button" className="secondary" onClick={() => saveTextFile(`bms-registration-${safeName(issued.systemId)}-${issued.serial}.txt`, formatAnswerFile(issued))}>
          {t('offline.copy.save')}
        </button>
        <button type="button" className="secondary" onClick={onStartOver}>
          {t('offline.sheet.another')}
        </button>
      </div>
    </section>
  );
}
