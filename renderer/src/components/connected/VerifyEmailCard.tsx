import { useState } from 'react';
import type { ContractError } from '../../lib/errors.js';

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
  const [note, setNote] = useState<string | null>(null);
  return (
    <section className="card verify-email" aria-labelledby="verify-email-title" data-testid="verify-email">
      <h2 id="verify-email-title">Verify your e-mail address</h2>
      <p>
        We sent a link to <strong>{email}</strong>. Open it and choose <em>Verify</em>; until then this account can log on and nothing else (no system registered,
        no invitation accepted, no mail sent in its name).
      </p>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {note && !error && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
      <div className="actions left">
        <button type="button" disabled={busy} onClick={() => void onCheck().then((ok) => setNote(ok ? null : `${email} is not verified yet: open the link in the mail first.`))}>
          I have verified it
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void onResend().then((ok) => setNote(ok ? null : `A new link is on its way to ${email}.`))}>
          Send the link again
        </button>
      </div>
    </section>
  );
}
