import { useState } from 'react';
import type { CallOutput } from '../../../../shared/contract/schemas.js';
import type { ContractError } from '../../lib/errors.js';
import { svgDataUrl } from '../../lib/files.js';

type MfaEnrolment = CallOutput<'portal.mfa.enrol'>;

interface EnrolProps {
  busy: boolean;
  error: ContractError | null;
  onStart(): Promise<MfaEnrolment | null>;
  onConfirm(code: string): Promise<boolean>;
}

/** Partner and Branch accounts set up an authenticator app before anything else. */
export function MfaEnrolCard({ busy, error, onStart, onConfirm }: EnrolProps) {
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [code, setCode] = useState('');
  const codeError = enrolment && error ? error.message : null;
  return (
    <section className="card mfa" aria-labelledby="mfa-title" data-testid="mfa-enrol">
      <h2 id="mfa-title">Set up two-step verification</h2>
      <p>Partner and Branch accounts protect their customers’ systems with an authenticator app. Set it up once; then each log-on asks for the 6-digit code it shows.</p>
      {!enrolment ? (
        <>
          {error && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
          <button type="button" disabled={busy} onClick={() => void onStart().then((e) => e && setEnrolment(e))}>
            {busy ? 'Starting…' : 'Set up the authenticator'}
          </button>
        </>
      ) : (
        <div className="mfa-body">
          <figure className="qr">
            <img src={svgDataUrl(enrolment.qrSvg)} alt="QR code to add this account to an authenticator app" width={220} height={220} data-testid="mfa-qr" />
            <figcaption className="muted small">Scan it with your authenticator app.</figcaption>
          </figure>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void onConfirm(code);
            }}
          >
            <p className="small">
              No camera? Enter this key in the app by hand:
              <br />
              <code className="secret" data-testid="mfa-secret">
                {enrolment.secret.replace(/(.{4})(?!$)/g, '$1 ')}
              </code>
            </p>
            <div className="field">
              <label htmlFor="mfa-code">Code from the app</label>
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
                {busy ? 'Checking…' : 'Confirm'}
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
  const [noted, setNoted] = useState(false);
  return (
    <section className="card callout-warning recovery printable" aria-labelledby="recovery-title" data-testid="recovery-codes">
      <h2 id="recovery-title">Write down your recovery codes now</h2>
      <p>
        Two-step verification is on. If you lose the authenticator, each of these codes logs you on once. <strong>They are shown only this once</strong>: write them down or
        print them, and keep them apart from this computer.
      </p>
      <ol className="recovery-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <label className="check">
        <input type="checkbox" checked={noted} onChange={(e) => setNoted(e.target.checked)} /> I have written these codes down
      </label>
      <div className="actions left">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" disabled={!noted} onClick={onDone}>
          Continue
        </button>
      </div>
    </section>
  );
}
