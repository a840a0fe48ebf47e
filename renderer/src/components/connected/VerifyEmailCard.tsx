import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ContractError } from '../../lib/errors.js';
import { localize } from '../../i18n/said.js';

interface Props {
  email: string;
  busy: boolean;
  error: ContractError | null;
  /** Sends the link again; resolves true when the account is verified by now. */
  onResend(): Promise<boolean>;
  /** Reads the account again after the person followed the link in a browser. */
  onCheck(): Promise<boolean>;
}

/**
 * An account whose e-mail address is not verified yet can log on and verify, and nothing else: said
 * plainly here instead of every portal call failing.
 */
export function VerifyEmailCard({ email, busy, error, onResend, onCheck }: Props) {
  const { t } = useTranslation();
  // The note's key, not its text: a language change re-words it.
  const [note, setNote] = useState<'verifyEmail.notYet' | 'verifyEmail.resent' | null>(null);
  return (
    <section className="card verify-email" aria-labelledby="verify-email-title" data-testid="verify-email">
      <h2 id="verify-email-title">{t('verifyEmail.title')}</h2>
      <p>
        <Trans i18nKey="verifyEmail.text" values={{ email }} components={{ strong: <strong />, em: <em /> }} />
      </p>
      {error && (
        <p className="error" role="alert">
          {localize(error.message)}
        </p>
      )}
      {note && !error && (
        <p className="notice" role="status">
          {t(note, { email })}
        </p>
      )}
      <div className="actions left">
        <button type="button" disabled={busy} onClick={() => void onCheck().then((ok) => setNote(ok ? null : 'verifyEmail.notYet'))}>
          {t('verifyEmail.verified')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void onResend().then((ok) => setNote(ok ? null : 'verifyEmail.resent'))}>
          {t('verifyEmail.resend')}
        </button>
      </div>
    </section>
  );
}
