import { useState } from 'react';
import { TextField } from '../../../../renderer/src/components/connected/Fields.js';
import { recognise } from '../../../../shared/messages/recognise.js';
import { SignUpInput } from '../../../../shared/portal/accounts.js';
import { PARTNER_ID_MAX, PartnerId, proposePartnerId } from '../../../../shared/portal/partner-id.js';
import { ApiError, api } from '../api.js';
import { Link } from '../components/Link.js';
import { ErrorBox, PageHeader } from '../components/Page.js';
import { useWebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import { useInvitation } from './invitation.js';

type Kind = 'partner' | 'end-user';
type Issues = Record<string, string>;

const issuesOf = (list: { path: string; message: string }[]): Issues => {
  const out: Issues = {};
  for (const i of list) out[i.path] ??= localize(i.message);
  return out;
};

/** The free Partner ID a "taken" refusal proposes (organizations.partnerIdTakenIssue), if that is what it says. */
function freeProposal(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  for (const issue of error.issues.filter((i) => i.path === 'partnerId')) {
    const found = recognise(issue.message);
    if (found && typeof found.params.free === 'string') return found.params.free;
  }
  return null;
}

/**
 * Sign-up: the kind of account, the person, the organization and, for a partner, the Partner ID,
 * proposed from the organization's name as it is typed (shared/portal/partner-id.ts) and editable
 * until the account exists. With a co-worker invitation the organization is the inviting one.
 */
export function SignUpPage() {
  const t = useWebT();
  const invitation = useInvitation((s) => s.coworker);
  const [kind, setKind] = useState<Kind>('partner');
  const [name, setName] = useState('');
  const [email, setEmail] = useState(invitation?.email ?? '');
  const [password, setPassword] = useState('');
  const [organization, setOrganization] = useState('');
  // The Partner ID follows the name until the person types one of their own.
  const [partnerId, setPartnerId] = useState('');
  const [ownId, setOwnId] = useState(false);
  const [issues, setIssues] = useState<Issues>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const free = freeProposal(error);

  const shownId = ownId ? partnerId : (proposePartnerId(organization) ?? '');
  const idProblem = kind === 'partner' && shownId && !PartnerId.safeParse(shownId).success ? localize(PartnerId.safeParse(shownId).error!.issues[0]!.message) : undefined;

  if (sent) {
    return (
      <div className="narrow-page">
        <PageHeader title={t('web.signUp.sentHeading')} />
        <section className="card" aria-labelledby="sent-title" data-testid="sign-up-sent">
          <h2 id="sent-title" className="visually-hidden">
            {t('web.signUp.sentHeading')}
          </h2>
          <p role="status">{sent}</p>
          <p>
            {t('web.signUp.sentNext')} <Link to="/log-on">{t('web.signUp.logOn')}</Link>
          </p>
        </section>
      </div>
    );
  }

  const submit = async () => {
    const body = invitation
      ? { email, password, name, kind: invitation.kind, invitation: invitation.token }
      : { email, password, name, kind, organization, ...(kind === 'partner' && shownId ? { partnerId: shownId } : {}) };
    const checked = SignUpInput.safeParse(body);
    if (!checked.success) {
      const found = issuesOf(checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      setIssues(found);
      setError(null);
      focusSoon(() => document.querySelector<HTMLElement>('[aria-invalid="true"]'));
      return;
    }
    setBusy(true);
    try {
      const answer = await api('signUp', { body });
      setSent(localize(answer.message));
    } catch (e) {
      setError(e);
      setIssues(e instanceof ApiError ? issuesOf(e.issues) : {});
      focusSoon(() => document.querySelector<HTMLElement>('[aria-invalid="true"]') ?? document.querySelector<HTMLElement>('[data-testid="sign-up-error"]'));
    } finally {
      setBusy(false);
    }
  };

  const count = Object.keys(issues).length;
  return (
    <div className="narrow-page">
      <PageHeader
        title={t('web.signUp.heading')}
        lead={invitation ? t('web.signUp.invitation', { organization: invitation.organizationName }) : t('web.signUp.intro')}
      />
      <form
        className="card sign-up"
        aria-labelledby="sign-up-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="sign-up-title" className="visually-hidden">
          {t('web.signUp.heading')}
        </h2>
        {!invitation && (
          <fieldset className="kind">
            <legend>{t('web.signUp.kind')}</legend>
            {(['partner', 'end-user'] as const).map((k) => (
              <label key={k} className="check">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {k === 'partner' ? t('web.signUp.kindPartner') : t('web.signUp.kindEndUser')}
              </label>
            ))}
          </fieldset>
        )}
        <TextField id="signup-name" label={t('web.signUp.name')} value={name} onChange={setName} maxLength={200} required autoComplete="name" error={issues.name} />
        <TextField
          id="signup-email"
          label={t('web.common.email')}
          type="email"
          value={email}
          onChange={setEmail}
          maxLength={254}
          required
          autoComplete="email"
          error={issues.email}
        />
        <TextField
          id="signup-password"
          label={t('web.common.password')}
          type="password"
          value={password}
          onChange={setPassword}
          maxLength={256}
          required
          autoComplete="new-password"
          help={t('web.signUp.passwordHelp')}
          error={issues.password}
        />
        {!invitation && (
          <TextField
            id="signup-organization"
            label={t('web.signUp.organization')}
            value={organization}
            onChange={setOrganization}
            maxLength={200}
            required={kind === 'partner'}
            autoComplete="organization"
            error={issues.organization}
          />
        )}
        {!invitation && kind === 'partner' && (
          <TextField
            id="signup-partner-id"
            label={t('web.signUp.partnerId')}
            value={shownId}
            onChange={(value) => {
              const typed = value.toUpperCase();
              setOwnId(typed !== '');
              setPartnerId(typed);
            }}
            maxLength={PARTNER_ID_MAX}
            required
            className="partner-id"
            help={
              <>
                {t('web.signUp.partnerIdHelp')}
                {free && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setOwnId(true);
                        setPartnerId(free);
                        setError(null);
                        setIssues((current) => Object.fromEntries(Object.entries(current).filter(([path]) => path !== 'partnerId')));
                      }}
                    >
                      {t('web.signUp.useProposal', { id: free })}
                    </button>
                  </>
                )}
              </>
            }
            error={issues.partnerId ?? idProblem}
          />
        )}
        {count > 0 && !error && (
          <p className="error" role="alert">
            {t('web.signUp.checkFields', { count })}
          </p>
        )}
        <ErrorBox error={error} testId="sign-up-error" />
        <div className="actions left">
          <button type="submit" disabled={busy}>
            {busy ? t('web.signUp.busy') : t('web.signUp.submit')}
          </button>
        </div>
      </form>
      <p>
        {t('web.signUp.haveAccount')} <Link to="/log-on">{t('web.signUp.logOn')}</Link>
      </p>
    </div>
  );
}
