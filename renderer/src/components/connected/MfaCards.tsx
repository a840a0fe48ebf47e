import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/contract/schemas.js';
import type { ContractError } from '../../lib/errors.js';
import { svgDataUrl } from '../../lib/files.js';
import { localize } from '../../i18n/said.js';

type MfaEnrolment = CallOutput<'portal.mfa.enrol'>;

interface EnrolProps {
  busy: boolean;
  error: ContractError | null;
  onStart(): Promise<MfaEnrolment | null>;
  onConfirm(code: string): Promise<boolean>;
}

/** Partner and Branch accounts set up an authenticator app before anything else. */
export function MfaEnrolCard({ busy, error, onStart, onConfirm }: EnrolProps) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [code, setCode] = useState('');
  const codeError = enrolment && error ? localize(error.message) : null;
  return (
    <section className="card mfa" aria-labelledby="mfa-title" data-testid="mfa-enrol">
      <h2 id="mfa-title">{t('mfa.title')}</h2>
      <p>{t('mfa.intro')}</p>
      {!enrolment ? (
        <>
          {error && (
            <p className="error" role="alert">
              {localize(error.message)}
            </p>
          )}
          <button type="button" disabled={busy} onClick={() => void onStart().then((e) => e && setEnrolment(e))}>
            {busy ? t('mfa.starting') : t('mfa.start')}
          </button>
        </>
      ) : (
        <div className="mfa-body">
          <figure className="qr">
            <img src={svgDataUrl(enrolment.qrSvg)} alt={t('mfa.qrAlt')} width={220} height={220} data-testid="mfa-qr" />
            <figcaption className="muted small">{t('mfa.scan')}</figcaption>
          </figure>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void onConfirm(code);
            }}
          >
            <p className="small">
              {t('mfa.byHand')}
              <br />
              <code className="secret" data-testid="mfa-secret">
                {enrolment.secret.replace(/(.{4})(?!$)/g, '$1 ')}
              </code>
            </p>
            <div className="field">
              <label htmlFor="mfa-code">{t('mfa.code')}</label>
              <input
                id="mfa-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={9}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={codeError ? true : undefined}
                aria-describedby="mfa-code-error"
              />
              {codeError && (
                <p id="mfa-code-error" className="field-error" role="alert">
                  {codeError}
                </p>
              )}
            </div>
            <div className="actions left">
              <button type="submit" disabled={busy || !code.trim()}>
                {busy ? t('common.checking') : t('mfa.confirm')}
              </button>
            </div>
          </form>
        </div>
      )}
    </section>
  );
}

/** Shown once: the codes that log on when the authenticator is lost. */
export function RecoveryCodesCard({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useTranslation();
  const [noted, setNoted] = useState(false);
  return (
    <section className="card callout-warning recovery printable" aria-labelledby="recovery-title" data-testid="recovery-codes">
      <h2 id="recovery-title">{t('recovery.title')}</h2>
      <p>
        <Trans i18nKey="recovery.text" components={{ strong: <strong /> }} />
      </p>
      <ol className="recovery-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <label className="check">
        <input type="checkbox" checked={noted} onChange={(e) => setNoted(e.target.checked)} /> {t('recovery.noted')}
      </label>
      <div className="actions left">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
        <button type="button" disabled={!noted} onClick={onDone}>
          {t('common.continue')}
        </button>
      </div>
    </section>
  );
}
