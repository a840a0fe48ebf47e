// What an account does before anything else: verify its e-mail address, or (Partner and Branch)
// enrol an authenticator app, with the companion's enrolment and recovery-code cards.
import { useState } from 'react';
import { MfaEnrolCard, RecoveryCodesCard } from '../../../../renderer/src/components/connected/MfaCards.js';
import type { ContractError } from '../../../../renderer/src/lib/errors.js';
import { api, apiQuiet } from '../api.js';
import { ErrorBox, PageHeader } from '../components/Page.js';
import { useWebT } from '../i18n/index.js';
import { useSession } from '../state.js';
import { localize } from '../i18n/said.js';
import { asContractError } from './LogOnPage.js';

export function MfaPage() {
  const t = useWebT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const run = async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    try {
      const result = await work();
      setError(null);
      return result;
    } catch (e) {
      setError(asContractError(e, t('web.unreachable')));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="narrow-page screen">
      <PageHeader title={t('web.mfa.heading')} />
      {codes ? (
        <RecoveryCodesCard codes={codes} onDone={() => void useSession.getState().load()} />
      ) : (
        <MfaEnrolCard
          busy={busy}
          error={error}
          onStart={() => run(() => api('mfaEnrol', { body: {} }))}
          onConfirm={async (code) => {
            const confirmed = await run(() => api('mfaConfirm', { body: { code } }));
            if (confirmed) setCodes(confirmed.recoveryCodes);
            return confirmed !== null;
          }}
        />
      )}
    </div>
  );
}

export function VerifyPage({ email }: { email: string }) {
  const t = useWebT();
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="narrow-page">
      <PageHeader title={t('web.verify.heading')} />
      <section className="card" aria-labelledby="verify-title" data-testid="verify-email">
        <h2 id="verify-title" className="visually-hidden">
          {t('web.verify.heading')}
        </h2>
        <p>{t('web.verify.text', { email })}</p>
        {note && (
          <p className="notice small" role="status">
            {note}
          </p>
        )}
        <ErrorBox error={error} />
        <div className="actions left">
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                const session = await apiQuiet('webSession');
                if (session.account.emailVerified) useSession.getState().signedIn(session.account, session.csrfToken);
                else setNote(t('web.verify.notYet', { email }));
                setError(null);
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('web.verify.verified')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                const sent = await api('resendVerification', { body: {} });
                setNote(localize(sent.message));
                setError(null);
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('web.verify.resend')}
          </button>
        </div>
      </section>
    </div>
  );
}
