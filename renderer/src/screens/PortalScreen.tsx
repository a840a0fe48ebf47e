import { useEffect } from 'react';
import { isIntegrator } from '../../../shared/portal/accounts.js';
import { call } from '../companion.js';
import { CodeSheet } from '../components/connected/CodeSheet.js';
import { ConnectCard } from '../components/connected/ConnectCard.js';
import { LogOnCard } from '../components/connected/LogOnCard.js';
import { MfaEnrolCard, RecoveryCodesCard } from '../components/connected/MfaCards.js';
import { InviteCard } from '../components/connected/InviteCard.js';
import { VerifyEmailCard } from '../components/connected/VerifyEmailCard.js';
import { RegistrationForm } from '../components/connected/RegistrationForm.js';
import { toRegisterInput, type FormRules } from '../lib/registration-draft.js';
import { SystemStart } from '../components/connected/SystemStart.js';
import type { ContractError } from '../lib/errors.js';
import { OnlineResultCard } from '../components/online/OnlineResultCard.js';
import { SiteWorkCard } from '../components/online/SiteWorkCard.js';
import { useNav } from '../stores/nav.js';
import { useOnline } from '../stores/online.js';
import { usePortal } from '../stores/portal.js';
import { openSystemInformation } from '../stores/systems.js';

const KIND_LABELS = { partner: 'Partner', branch: 'Branch', 'end-user': 'End user' } as const;

/** The connected computer's side: the Registration Portal's screens, run through this companion. */
export function PortalScreen() {
  const portal = usePortal();
  const { session, work, busy, error, failed } = portal;
  useEffect(() => {
    void usePortal.getState().load();
  }, []);
  const errorOf = (...labels: string[]) => (failed && labels.includes(failed) ? error : null);
  const invalid = (label: string, e: ContractError) => usePortal.setState({ error: e, failed: label });
  const account = session?.account ?? null;
  const rules: FormRules = {
    integrator: !!account && isIntegrator(account.kind),
    addressesLocked: !!work.view && work.view.yourRole === 'integrator' && work.view.integratorLocked,
    revision: work.view?.revision ?? null,
  };

  const checkAccess = async () => {
    const access = await portal.run('access', () => call('portal.system.access', { systemId: work.systemId }));
    if (access) portal.edit({ access: { access: access.access, message: access.message }, step: 'access' });
  };
  const submit = async () => {
    const result = toRegisterInput(work.form, rules);
    if (!result.input) {
      const n = result.issues.length;
      return invalid('register', { code: 'invalid_input', message: `Check the ${n === 1 ? 'field' : `${n} fields`} marked.`, issues: result.issues });
    }
    const registration = result.input;
    if (work.site) return void portal.registerOnline(registration);
    const view = await portal.run('register', () => call('portal.system.register', { systemId: work.systemId, registration }));
    if (view) portal.registered(view);
  };
  const backToSite = () => {
    portal.startOver();
    useNav.getState().go('site');
  };
  // Registering from the site and the portal stopped answering: the offline path, lead chosen, draft kept.
  const offlineOffer =
    work.site && error && (error.code === 'unreachable' || error.code === 'cancelled') ? (
      <div className="notice" role="alert" data-testid="portal-offline-offer">
        <p>{error.message}</p>
        <p>What you typed is kept here. Try again when the portal answers, or register offline with codes: the site ends in the same state.</p>
        <button type="button" onClick={() => useOnline.getState().goOffline(work.site!.leadAddress, work.kind)}>
          {work.kind === 'associate' ? 'Associate offline instead' : 'Register offline instead'}
        </button>
      </div>
    ) : null;
  const slow = work.site && busy && ['access', 'load', 'register', 'associate', 'retry'].includes(busy);
  const issue = async () => {
    const issued = await portal.run('issue', () =>
      call('portal.code.issue', { systemId: work.systemId, request: work.request, kind: work.kind, ...(work.kind === 'associate' ? { newSystemId: work.newSystemId } : {}) }),
    );
    if (issued) portal.edit({ issued, step: 'code' });
  };
  const proceedable =
    work.access &&
    (work.site && work.kind === 'associate'
      ? work.access.access === 'yours'
      : // "claimable": invited, and the invitation is taken up through the link in its mail, not here.
        ['unregistered', 'yours'].includes(work.access.access) || (work.kind === 'associate' && work.access.access === 'replaced'));
  const issueError = errorOf('issue');

  return (
    <section className="screen" aria-labelledby="portal-title">
      <header className="screen-header">
        <div>
          <h1 id="portal-title">Registration Portal</h1>
          <p className="muted">
            {work.site
              ? `Registering ${work.site.leadName} from the Site screen: online, with no codes.`
              : 'On a computer with internet: answer a site’s offline request with a Registration code.'}
          </p>
        </div>
        {account && (
          <div className="account" data-testid="account">
            <span>
              <strong>{account.name}</strong> ({account.email}) · {KIND_LABELS[account.kind]}
              {account.organization && <> · {account.organization}</>}
            </span>
            <button type="button" className="secondary" onClick={() => void portal.logOff()} disabled={busy === 'logoff'}>
              Log off
            </button>
          </div>
        )}
      </header>

      {session && <ConnectCard url={session.url} busy={busy === 'connect'} error={errorOf('connect')} onConnect={portal.connect} />}
      {errorOf('load', 'logoff') && (
        <p className="error" role="alert">
          {error?.message}
        </p>
      )}
      {session?.url && !account && work.site && (
        <p className="notice" data-testid="logon-for-site">
          Log on to {work.kind === 'associate' ? `associate ${work.site.leadName}'s new System ID` : `register ${work.site.leadName}`} online; then it goes on from here.
        </p>
      )}
      {session?.url && !account && <LogOnCard busy={busy === 'logon'} error={errorOf('logon')} onLogOn={portal.logOn} />}

      {account && portal.recoveryCodes && <RecoveryCodesCard codes={portal.recoveryCodes} onDone={portal.recoveryNoted} />}
      {account && !portal.recoveryCodes && account.mfaRequired && !account.mfaEnabled && (
        <MfaEnrolCard busy={busy === 'enrol' || busy === 'mfa'} error={errorOf('enrol', 'mfa')} onStart={() => portal.run('enrol', () => call('portal.mfa.enrol', {}))} onConfirm={portal.confirmMfa} />
      )}

      {account && !portal.recoveryCodes && (account.mfaEnabled || !account.mfaRequired) && !account.emailVerified && (
        <VerifyEmailCard
          email={account.email}
          busy={busy === 'verify-resend' || busy === 'verify-check'}
          error={errorOf('verify-resend', 'verify-check')}
          onResend={() => portal.checkVerification(true)}
          onCheck={() => portal.checkVerification(false)}
        />
      )}
      {account && !portal.recoveryCodes && (account.mfaEnabled || !account.mfaRequired) && account.emailVerified && (
        <>
          {slow && (
            <p className="notice" role="status" data-testid="portal-busy">
              Waiting for the portal…{' '}
              <button type="button" className="secondary" onClick={() => void call('portal.cancel', {})}>
                Cancel
              </button>
            </p>
          )}
          {offlineOffer}
          {work.site ? (
            <SiteWorkCard
              work={work}
              busy={busy === 'access'}
              error={errorOf('start', 'access')}
              onEdit={portal.edit}
              onContinue={() => void checkAccess()}
              onCancel={backToSite}
            />
          ) : (
            <SystemStart
              work={work}
              busy={busy === 'access'}
              error={errorOf('start', 'access', 'issue')}
              fieldsOnly={failed === 'issue'}
              onEdit={portal.edit}
              onInvalid={(e) => invalid('start', e)}
              onContinue={() => void checkAccess()}
              onChange={() => portal.edit({ step: 'start', access: null, issued: null })}
            />
          )}

          {work.step === 'access' && work.access && (
            <section className={`card access access-${work.access.access}`} aria-labelledby="access-title">
              <h2 id="access-title">System ID {work.systemId.trim()}</h2>
              <p data-testid="access-message">{work.access.message}</p>
              {errorOf('load') && (
                <p className="error" role="alert">
                  {error?.message}
                </p>
              )}
              <div className="actions left">
                {proceedable && (
                  <button type="button" onClick={() => void portal.afterAccess(work.access)} disabled={busy === 'load'}>
                    Proceed
                  </button>
                )}
                <button type="button" className="secondary" onClick={() => portal.edit({ step: 'start', access: null })}>
                  Cancel
                </button>
              </div>
            </section>
          )}

          {work.step === 'form' && work.kind === 'register' && (
            <RegistrationForm
              draft={work.form}
              rules={rules}
              view={work.view}
              dirty={work.dirty}
              busy={busy === 'register'}
              error={errorOf('register')}
              onChange={portal.editForm}
              onSubmit={() => void submit()}
              siteSubmit={work.site ? (work.view ? `Save and write to ${work.site.serverCount === 1 ? 'the server' : `all ${work.site.serverCount} servers`}` : 'Register and write to the site') : undefined}
            />
          )}
          {work.step === 'form' && work.kind === 'register' && work.site && work.view && (
            <InviteCard view={work.view} busy={busy === 'invite'} error={errorOf('invite')} onInvite={portal.invite} />
          )}

          {work.step === 'form' && work.kind === 'associate' && work.site && (
            <section className="card issue" aria-labelledby="associate-online-title">
              <h2 id="associate-online-title">Associate the new System ID</h2>
              <p>
                The registration of <code>{work.systemId.trim()}</code> continues under the new System ID <code>{work.newSystemId}</code>; then it is written to {work.site.leadName}
                {work.site.serverCount > 1 && ` and its ${work.site.serverCount - 1} shadow${work.site.serverCount === 2 ? '' : 's'}`}.
              </p>
              {errorOf('associate') && (
                <p className="error" role="alert" data-testid="associate-error">
                  {error?.message}
                </p>
              )}
              <button type="button" onClick={() => void portal.associateOnline()} disabled={busy === 'associate'}>
                {busy === 'associate' ? 'Associating…' : 'Associate'}
              </button>
            </section>
          )}

          {work.step === 'written' && work.online && (
            <OnlineResultCard
              result={work.online}
              busy={busy === 'retry'}
              onRetry={() => void portal.retryOnline()}
              onBackToSite={backToSite}
              onInformation={() => openSystemInformation(work.online!.systemId)}
            />
          )}

          {work.step === 'form' && work.kind === 'register' && !work.site && (
            <>
              <section className="card issue" aria-labelledby="issue-title">
                <h2 id="issue-title">Registration code</h2>
                {work.view && !work.dirty && !work.request.trim() ? (
                  <p className="muted" data-testid="no-request">
                    To issue a Registration code, choose Change above and enter the site’s request code.
                  </p>
                ) : work.view && !work.dirty ? (
                  <>
                    <p>
                      Answers the site’s request for System ID <code>{work.systemId.trim()}</code> with a Registration code, bound to that request: it works at that site only, once.
                      {work.view.status !== 'confirmed' && ' The registration stays pending until the end user consents to both questions.'}
                    </p>
                    <IssueAction label="Issue Registration code" error={issueError} busy={busy === 'issue'} onIssue={() => void issue()} />
                  </>
                ) : (
                  <p className="muted">{work.view ? 'Save your changes first; then the code can be issued.' : 'Register the system first; then the code can be issued.'}</p>
                )}
              </section>
              {work.view && <InviteCard view={work.view} busy={busy === 'invite'} error={errorOf('invite')} onInvite={portal.invite} />}
            </>
          )}

          {work.step === 'form' && work.kind === 'associate' && !work.site && (
            <section className="card issue" aria-labelledby="issue-title">
              <h2 id="issue-title">Associate the new System ID</h2>
              <p>
                The registration of <code>{work.systemId.trim()}</code> continues under the new System ID <code>{work.newSystemId.trim()}</code>. The portal records the change and issues the
                Registration code that tells the site.
              </p>
              <IssueAction label="Associate and issue Registration code" error={issueError} busy={busy === 'issue'} onIssue={() => void issue()} />
            </section>
          )}

          {work.step === 'code' && work.issued && <CodeSheet issued={work.issued} onStartOver={portal.startOver} />}
        </>
      )}
    </section>
  );
}

/** The portal's refusal, if any, and the button that asks it for the code. */
function IssueAction({ label, error, busy, onIssue }: { label: string; error: { message: string } | null; busy: boolean; onIssue(): void }) {
  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid="issue-error">
          {error.message}
        </p>
      )}
      <button type="button" onClick={onIssue} disabled={busy}>
        {busy ? 'Issuing…' : label}
      </button>
    </>
  );
}
