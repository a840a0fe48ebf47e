import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import { focusSoon } from '../lib/focus.js';
import { useNav } from '../stores/nav.js';
import { useOnline } from '../stores/online.js';
import { usePortal } from '../stores/portal.js';
import { openSystemInformation } from '../stores/systems.js';
import { localize } from '../i18n/said.js';

const KIND_KEYS = { partner: 'portal.kind.partner', branch: 'portal.kind.branch', 'end-user': 'portal.kind.endUser' } as const;

/** The connected computer's side: the Registration Portal's screens, run through this companion. */
export function PortalScreen() {
  const { t } = useTranslation();
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
    // The portal's answer, or the field (or the form's message) that says why not.
    focusSoon(access ? '#access-title' : () => firstProblem('#start-title', '#site-work-title'));
  };
  const proceed = async () => {
    await portal.afterAccess(work.access);
    focusSoon(() => document.getElementById('form-title') ?? document.getElementById('associate-online-title') ?? document.getElementById('issue-title') ?? firstProblem('#access-title'));
  };
  const submit = async () => {
    const result = toRegisterInput(work.form, rules);
    if (!result.input) {
      const n = result.issues.length;
      return invalid('register', { code: 'invalid_input', message: t('portal.checkFields', { count: n }), issues: result.issues });
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
        <p>{localize(error.message)}</p>
        <p>{t('portal.offlineKept')}</p>
        <button type="button" onClick={() => useOnline.getState().goOffline(work.site!.leadAddress, work.kind)}>
          {work.kind === 'associate' ? t('portal.associateOffline') : t('portal.registerOffline')}
        </button>
      </div>
    ) : null;
  const slow = work.site && busy && ['access', 'load', 'register', 'associate', 'retry'].includes(busy);
  const issue = async () => {
    const issued = await portal.run('issue', () =>
      call('portal.code.issue', { systemId: work.systemId, request: work.request, kind: work.kind, ...(work.kind === 'associate' ? { newSystemId: work.newSystemId } : {}) }),
    );
    if (issued) portal.edit({ issued, step: 'code' });
    focusSoon(issued ? '#sheet-title' : '[data-testid="issue-error"]');
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
          <h1 id="portal-title">{t('portal.title')}</h1>
          <p className="muted">
            {work.site ? t('portal.introSite', { name: work.site.leadName }) : t('portal.introCodes')}
          </p>
        </div>
        {account && (
          <div className="account" data-testid="account">
            <span>
              <strong>{account.name}</strong> ({account.email}) · {t(KIND_KEYS[account.kind])}
              {account.organization && <> · {account.organization}</>}
            </span>
            <button type="button" className="secondary" onClick={() => void portal.logOff()} disabled={busy === 'logoff'}>
              {t('portal.logOff')}
            </button>
          </div>
        )}
      </header>

      {session && <ConnectCard url={session.url} busy={busy === 'connect'} error={errorOf('connect')} onConnect={portal.connect} />}
      {errorOf('load', 'logoff') && (
        <p className="error" role="alert">
          {error && localize(error.message)}
        </p>
      )}
      {session?.url && !account && work.site && (
        <p className="notice" data-testid="logon-for-site">
          {t(work.kind === 'associate' ? 'portal.logOnToAssociate' : 'portal.logOnToRegister', { name: work.site.leadName })}
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
              {t('portal.waiting')}{' '}
              <button type="button" className="secondary" onClick={() => void call('portal.cancel', {})}>
                {t('common.cancel')}
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
              <h2 id="access-title">{t('portal.accessTitle', { id: work.systemId.trim() })}</h2>
              <p data-testid="access-message">{localize(work.access.message)}</p>
              {errorOf('load') && (
                <p className="error" role="alert">
                  {error && localize(error.message)}
                </p>
              )}
              <div className="actions left">
                {proceedable && (
                  <button type="button" onClick={() => void proceed()} disabled={busy === 'load'}>
                    {t('portal.proceed')}
                  </button>
                )}
                <button type="button" className="secondary" onClick={() => portal.edit({ step: 'start', access: null })}>
                  {t('common.cancel')}
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
              siteSubmit={work.site ? (work.view ? t('portal.writeToServers', { count: work.site.serverCount }) : t('portal.registerAndWrite')) : undefined}
            />
          )}
          {work.step === 'form' && work.kind === 'register' && work.site && work.view && (
            <InviteCard view={work.view} busy={busy === 'invite'} error={errorOf('invite')} onInvite={portal.invite} />
          )}

          {work.step === 'form' && work.kind === 'associate' && work.site && (
            <section className="card issue" aria-labelledby="associate-online-title">
              <h2 id="associate-online-title">{t('portal.associateTitle')}</h2>
              <p>
                <Trans
                  i18nKey={work.site.serverCount > 1 ? 'portal.associateOnlineShadows' : 'portal.associateOnlineLead'}
                  values={{ old: work.systemId.trim(), new: work.newSystemId, lead: work.site.leadName, count: work.site.serverCount - 1 }}
                  components={{ code: <code /> }}
                />
              </p>
              {errorOf('associate') && (
                <p className="error" role="alert" data-testid="associate-error">
                  {error && localize(error.message)}
                </p>
              )}
              <button type="button" onClick={() => void portal.associateOnline()} disabled={busy === 'associate'}>
                {busy === 'associate' ? t('portal.associating') : t('portal.associate')}
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
                <h2 id="issue-title">{t('portal.issueTitle')}</h2>
                {work.view && !work.dirty && !work.request.trim() ? (
                  <p className="muted" data-testid="no-request">
                    {t('portal.noRequest')}
                  </p>
                ) : work.view && !work.dirty ? (
                  <>
                    <p>
                      <Trans i18nKey="portal.issueAnswers" values={{ id: work.systemId.trim() }} components={{ code: <code /> }} />
                      {work.view.status !== 'confirmed' && ` ${t('portal.issuePending')}`}
                    </p>
                    <IssueAction label={t('portal.issue')} error={issueError} busy={busy === 'issue'} onIssue={() => void issue()} />
                  </>
                ) : (
                  <p className="muted">{work.view ? t('portal.saveFirst') : t('portal.registerFirst')}</p>
                )}
              </section>
              {work.view && <InviteCard view={work.view} busy={busy === 'invite'} error={errorOf('invite')} onInvite={portal.invite} />}
            </>
          )}

          {work.step === 'form' && work.kind === 'associate' && !work.site && (
            <section className="card issue" aria-labelledby="issue-title">
              <h2 id="issue-title">{t('portal.associateTitle')}</h2>
              <p>
                <Trans i18nKey="portal.associateWithCode" values={{ old: work.systemId.trim(), new: work.newSystemId.trim() }} components={{ code: <code /> }} />
              </p>
              <IssueAction label={t('portal.associateAndIssue')} error={issueError} busy={busy === 'issue'} onIssue={() => void issue()} />
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
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid="issue-error">
          {localize(error.message)}
        </p>
      )}
      <button type="button" onClick={onIssue} disabled={busy}>
        {busy ? t('portal.issuing') : label}
      </button>
    </>
  );
}

/** The first field marked invalid, else the first message, in the card under one of these headings. */
function firstProblem(...headings: string[]): HTMLElement | null {
  for (const heading of headings) {
    const card = document.querySelector(heading)?.closest('form, section');
    const problem = card?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    if (problem) return problem;
  }
  return null;
}
