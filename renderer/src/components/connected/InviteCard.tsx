import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { formatDate } from '../../i18n/index.js';
import { localize } from '../../i18n/said.js';

interface Props {
  view: RegistrationView;
  busy: boolean;
  error: { message: string; issues?: { path: string; message: string }[] } | null;
  onInvite(email: string): Promise<boolean>;
}

/** The owner names the one account that may take the system's free place; knowing the System ID is not enough. */
export function InviteCard({ view, busy, error, onInvite }: Props) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const endUser = view.yourRole === 'integrator';
  const holder = view.yourRole === 'integrator' ? view.endUser : view.integrator;
  const raw = error?.issues?.find((i) => i.path === 'email')?.message;
  const fieldError = raw && localize(raw);
  const open = view.invitations.filter((i) => !i.acceptedAt);
  return (
    <section className="card" aria-labelledby="invite-title" data-testid="invite-card">
      <h2 id="invite-title">{t(holder ? (endUser ? 'invite.theEndUser' : 'invite.theIntegrator') : endUser ? 'invite.inviteEndUser' : 'invite.inviteIntegrator')}</h2>
      {holder ? (
        <p>
          {holder.name}
          {holder.organization ? `, ${holder.organization}` : ''} &lt;{holder.email}&gt;
        </p>
      ) : (
        <>
          <p className="muted small">{t(endUser ? 'invite.onlyEndUser' : 'invite.onlyIntegrator')}</p>
          {open.length > 0 && (
            <ul className="small" data-testid="invitations">
              {open.map((i) => (
                <li key={i.email}>
                  {t('invite.invitedUntil', { email: i.email, date: formatDate(i.expiresAt) })}
                </li>
              ))}
            </ul>
          )}
          <form
            className="field-row"
            onSubmit={(e) => {
              e.preventDefault();
              void onInvite(email.trim()).then((ok) => ok && setEmail(''));
            }}
          >
            <div className="field">
              <label htmlFor="invite-email">{t('common.emailAddress')}</label>
              <input id="invite-email" type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} aria-invalid={fieldError ? true : undefined} aria-describedby={fieldError ? 'invite-email-error' : undefined} />
              {fieldError && (
                <p id="invite-email-error" className="field-error">
                  {fieldError}
                </p>
              )}
            </div>
            <button type="submit" disabled={busy || !email.trim()}>
              {busy ? t('invite.inviting') : t('invite.invite')}
            </button>
          </form>
          {error && !fieldError && (
            <p className="error" role="alert">
              {localize(error.message)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
