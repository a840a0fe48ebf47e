// The pages an invitation's link opens: a co-worker invitation (/invitations/accept?token=) and a
// customer invitation (/customers/accept?token=). The token leaves the address bar as soon as it
// is read, stays in this page's memory, and goes only to the portal's own API.
import { useState } from 'react';
import { api, apiQuiet } from '../api.js';
import { Link } from '../components/Link.js';
import { ErrorBox, NotAvailable, PageHeader } from '../components/Page.js';
import { notAvailable, useLoad } from '../components/useLoad.js';
import { formatDate, useWebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';
import { takeToken, useRoute, useSession } from '../state.js';
import { accountKindOf, useInvitation } from './invitation.js';

/** Each link's token, read from the address once (React may run a page's first render twice). */
const read: Record<string, string | null> = {};
function linkToken(path: string): string | null {
  if (!(path in read)) read[path] = takeToken();
  return read[path] ?? null;
}

export function AcceptInvitationPage() {
  const t = useWebT();
  const status = useSession((s) => s.status);
  const stored = useInvitation((s) => s.coworker);
  const [token] = useState(() => linkToken('/invitations/accept') ?? stored?.token ?? null);
  const link = useLoad(() => (token ? apiQuiet('coworkerInvitationLink', { params: { token } }) : Promise.resolve(null)), [token]);
  const [choosing, setChoosing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const invitation = link.data;
  const remember = () => {
    if (token && invitation) useInvitation.setState({ coworker: { token, organizationName: invitation.organizationName, email: invitation.email, kind: accountKindOf(invitation.organizationKind) } });
  };
  return (
    <div className="narrow-page">
      <PageHeader title={t('web.accept.heading')} />
      {!token && <p className="error">{t('web.accept.noToken')}</p>}
      {token && link.loading && <p role="status">{t('web.accept.checking')}</p>}
      {notAvailable(link.error) ? <NotAvailable routes={['coworkerInvitationLink', 'acceptCoworkerInvitation']} /> : <ErrorBox error={link.error} testId="invitation-error" />}
      {invitation && (
        <section className="card" aria-labelledby="invitation-title" data-testid="invitation">
          <h2 id="invitation-title">{invitation.organizationName}</h2>
          <p>{t('web.accept.text', { invitedBy: invitation.invitedBy, email: invitation.email, organization: invitation.organizationName })}</p>
          <p className="muted small">{t('web.accept.expires', { date: formatDate(invitation.expiresAt) })}</p>
          <ErrorBox error={error} />
          {status === 'in' ? (
            <div className="actions left">
              <button
                type="button"
                disabled={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    await api('acceptCoworkerInvitation', { params: { token: token! }, body: {} });
                    useInvitation.setState({ coworker: null });
                    await useSession.getState().load();
                    useRoute.getState().go('/organization');
                  } catch (e) {
                    setError(e);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                {t('web.accept.joinAsYou', { organization: invitation.organizationName, email: invitation.email })}
              </button>
            </div>
          ) : !choosing ? (
            <div className="actions left">
              <button
                type="button"
                onClick={() => {
                  remember();
                  setChoosing(true);
                }}
              >
                {t('web.accept.accept')}
              </button>
            </div>
          ) : (
            <>
              <p>{t('web.accept.choose')}</p>
              <div className="actions left">
                <Link to="/sign-up" className="button-link">
                  {t('web.accept.signUp')}
                </Link>
                <Link to="/log-on" className="button-link secondary">
                  {t('web.accept.logOn')}
                </Link>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}

export function AcceptCustomerPage() {
  const t = useWebT();
  const status = useSession((s) => s.status);
  const account = useSession((s) => s.account);
  const stored = useInvitation((s) => s.customer);
  const [token] = useState(() => linkToken('/customers/accept') ?? stored?.token ?? null);
  const link = useLoad(() => (token ? apiQuiet('customerInvitationByLink', { params: { token } }) : Promise.resolve(null)), [token]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const invitation = link.data?.invitation ?? null;
  const open = link.data?.state === 'open';
  const remember = () => {
    if (token && invitation)
      useInvitation.setState({ customer: { token, partnerName: invitation.partner.name, organizationName: invitation.organizationName, contactEmail: invitation.contactEmail } });
  };
  return (
    <div className="narrow-page">
      <PageHeader title={t('web.accept.heading')} />
      {!token && <p className="error">{t('web.accept.noToken')}</p>}
      {token && link.loading && <p role="status">{t('web.accept.checking')}</p>}
      {notAvailable(link.error) ? <NotAvailable routes={['customerInvitationByLink', 'acceptCustomerInvitation']} /> : <ErrorBox error={link.error} />}
      {link.data && !open && <p className="error">{localize(link.data.message)}</p>}
      {invitation && open && (
        <section className="card" aria-labelledby="invitation-title" data-testid="customer-invitation">
          <h2 id="invitation-title">{invitation.partner.name}</h2>
          <p>{t('web.accept.customerText', { organization: invitation.partner.name })}</p>
          <p className="muted small">{t('web.accept.expires', { date: formatDate(invitation.expiresAt) })}</p>
          <ErrorBox error={error} />
          {status === 'in' && account ? (
            <div className="actions left">
              <button
                type="button"
                disabled={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    await api('acceptCustomerInvitation', { params: { token: token! }, body: {} });
                    useInvitation.setState({ customer: null });
                    useRoute.getState().go('/partners');
                  } catch (e) {
                    setError(e);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                {t('web.accept.accept')}
              </button>
            </div>
          ) : (
            <>
              <p>{t('web.accept.choose')}</p>
              <div className="actions left" onClickCapture={remember}>
                <Link to="/sign-up" className="button-link">
                  {t('web.accept.signUp')}
                </Link>
                <Link to="/log-on" className="button-link secondary">
                  {t('web.accept.logOn')}
                </Link>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
