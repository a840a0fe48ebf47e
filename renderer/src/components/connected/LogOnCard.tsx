import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessages, type ContractError } from '../../lib/errors.js';
import { focusSoon } from '../../lib/focus.js';
import { localize, localizeMaybe } from '../../i18n/said.js';

interface Props {
  busy: boolean;
  error: ContractError | null;
  onLogOn(input: { email: string; password: string; mfaCode?: string; recoveryCode?: string }): Promise<unknown>;
}

/** E-mail and password; the authenticator code (or a recovery code) when the portal asks for it. */
/** The headings of what can follow a log-on, first found first: recovery codes, MFA enrolment, e-mail verification, the work. */
const NEXT_STEPS = ['recovery-title', 'mfa-title', 'verify-email-title', 'site-work-title', 'start-title'];

export function LogOnCard({ busy, error, onLogOn }: Props) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [second, setSecond] = useState<'none' | 'totp' | 'recovery'>('none');
  const [mfaCode, setMfaCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const codeRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (error?.code === 'mfa_required' && second === 'none') setSecond('totp');
  }, [error, second]);
  useEffect(() => {
    if (second !== 'none') codeRef.current?.focus();
  }, [second]);
  const at = (path: string) => localizeMaybe(fieldMessages(error?.issues, path)[0]) ?? undefined;
  const general = error && !error.issues?.length && error.code !== 'mfa_required' ? localize(error.message) : null;

  return (
    <form
      className="card logon"
      aria-labelledby="logon-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onLogOn({
          email,
          password,
          ...(second === 'totp' && mfaCode ? { mfaCode } : {}),
          ...(second === 'recovery' && recoveryCode ? { recoveryCode } : {}),
        }).then((session) => {
          if (session) {
            setPassword('');
            setMfaCode('');
            setRecoveryCode('');
            // Logged on: this card goes; focus moves to the step that follows it.
            focusSoon(() => NEXT_STEPS.map((id) => document.getElementById(id)).find(Boolean));
          }
        });
      }}
    >
      <h2 id="logon-title">{t('logOn.title')}</h2>
      <div className="field">
        <label htmlFor="logon-email">{t('common.emailAddress')}</label>
        <input id="logon-email" type="email" autoComplete="username" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} aria-invalid={at('email') ? true : undefined} aria-describedby={at('email') ? 'logon-email-error' : undefined} />
        {at('email') && (
          <p id="logon-email-error" className="field-error" role="alert">
            {at('email')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="logon-password">{t('logOn.password')}</label>
        <input id="logon-password" type="password" autoComplete="current-password" value={password} maxLength={256} onChange={(e) => setPassword(e.target.value)} aria-invalid={at('password') ? true : undefined} aria-describedby={at('password') ? 'logon-password-error' : undefined} />
        {at('password') && (
          <p id="logon-password-error" className="field-error" role="alert">
            {at('password')}
          </p>
        )}
      </div>
      {second === 'totp' && (
        <div className="field">
          <label htmlFor="logon-mfa">{t('logOn.mfaCode')}</label>
          <input
            id="logon-mfa"
            ref={codeRef}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            value={mfaCode}
            onChange={(e) => setMfaCode(e.target.value)}
            aria-invalid={at('mfaCode') ? true : undefined}
            aria-describedby={at('mfaCode') ? 'logon-mfa-help logon-mfa-error' : 'logon-mfa-help'}
          />
          <div id="logon-mfa-help" className="muted small">
            {t('logOn.mfaHelp')}{' '}
            <button type="button" className="link" onClick={() => setSecond('recovery')}>
              {t('logOn.useRecovery')}
            </button>
          </div>
          {at('mfaCode') && (
            <p id="logon-mfa-error" className="field-error" role="alert">
              {at('mfaCode')}
            </p>
          )}
        </div>
      )}
      {second === 'recovery' && (
        <div className="field">
          <label htmlFor="logon-recovery">{t('logOn.recoveryCode')}</label>
          <input
            id="logon-recovery"
            ref={codeRef}
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            value={recoveryCode}
            onChange={(e) => setRecoveryCode(e.target.value)}
            aria-invalid={at('recoveryCode') ? true : undefined}
            aria-describedby={at('recoveryCode') ? 'logon-recovery-help logon-recovery-error' : 'logon-recovery-help'}
          />
          <div id="logon-recovery-help" className="muted small">
            {t('logOn.recoveryHelp')}{' '}
            <button type="button" className="link" onClick={() => setSecond('totp')}>
              {t('logOn.useAuthenticator')}
            </button>
          </div>
          {at('recoveryCode') && (
            <p id="logon-recovery-error" className="field-error" role="alert">
              {at('recoveryCode')}
            </p>
          )}
        </div>
      )}
      {error?.code === 'mfa_required' && (
        <p className="notice small" role="status" data-testid="mfa-asked">
          {localize(error.message)}
        </p>
      )}
      {general && (
        <p className="error" role="alert" data-testid="logon-error">
          {general}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('logOn.loggingOn') : t('logOn.logOn')}
        </button>
      </div>
    </form>
  );
}
