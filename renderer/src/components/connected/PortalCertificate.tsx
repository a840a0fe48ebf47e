import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateView } from '../../../../shared/domain/connection.js';
import { call } from '../../companion.js';
import { asError } from '../../lib/errors.js';
import { localize } from '../../i18n/said.js';

/**
 * A portal whose certificate no authority signed: the same trust as the site's servers. The
 * certificate is fetched and shown, the person compares its fingerprint with the one the portal
 * operator gives, and only that exact certificate is accepted afterwards.
 */
export function PortalCertificate({ hostPort, onTrusted }: { hostPort: string; onTrusted(): void }) {
  const { t } = useTranslation();
  const [certificate, setCertificate] = useState<CertificateView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(localize(asError(e).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="notice" data-testid="portal-certificate">
      {!certificate ? (
        <button type="button" className="secondary" disabled={busy} onClick={() => void act(async () => setCertificate(await call('site.certificate.probe', { hostPort })))}>
          {busy ? t('certificate.fetching') : t('certificate.fetch', { host: hostPort })}
        </button>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('certificate.subject')}</dt>
            <dd>{certificate.subject}</dd>
            <dt>{t('certificate.issuer')}</dt>
            <dd>{certificate.issuer}</dd>
            <dt>{t('certificate.validTo')}</dt>
            <dd>{certificate.validTo}</dd>
            <dt>{t('certificate.fingerprint')}</dt>
            <dd>
              <code data-testid="portal-fingerprint">{certificate.fingerprint256}</code>
            </dd>
          </dl>
          <p className="small">{t('certificate.compare')}</p>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await call('site.certificate.trust', { hostPort, fingerprint256: certificate.fingerprint256 });
                onTrusted();
              })
            }
          >
            {t('certificate.trust')}
          </button>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
