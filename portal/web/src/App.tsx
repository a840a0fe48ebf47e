import { useEffect, useState, type ReactNode } from 'react';
import { LanguageSwitch } from '../../../renderer/src/components/LanguageSwitch.js';
import { focusScreenHeading } from '../../../renderer/src/lib/focus.js';
import type { AccountView } from '../../../shared/portal/accounts.js';
import type { WebAppPath } from '../../../shared/portal/web-paths.js';
import { api } from './api.js';
import { Link } from './components/Link.js';
import { PageHeader } from './components/Page.js';
import { useWebT, type WebKey } from './i18n/index.js';
import { AcceptCustomerPage, AcceptInvitationPage } from './pages/AcceptPages.js';
import { AdminRequestsPage } from './pages/AdminRequestsPage.js';
import { CoworkersPage } from './pages/CoworkersPage.js';
import { CustomersPage } from './pages/CustomersPage.js';
import { LicensesPage } from './pages/LicensesPage.js';
import { LogOnPage } from './pages/LogOnPage.js';
import { OrganizationPage } from './pages/OrganizationPage.js';
import { PartnersPage } from './pages/PartnersPage.js';
import { SignUpPage } from './pages/SignUpPage.js';
import { MfaPage, VerifyPage } from './pages/StepPages.js';
import { CustomerSystemPage } from './pages/CustomerSystemPage.js';
import { SystemPage } from './pages/SystemPage.js';
import { SystemsPage } from './pages/SystemsPage.js';
import { useInvitation } from './pages/invitation.js';
import { followHistory, knownPath, pendingStep, useRoute, useSession } from './state.js';

interface NavItem {
  path: WebAppPath;
  label: WebKey;
  /** Which accounts see it: customers' people add partners, partners' people invite customers. */
  for?: AccountView['kind'][];
  /** Shown to portal administrators only (AccountView.portalAdmin). */
  portalAdmin?: boolean;
}

const NAV: NavItem[] = [
  { path: '/organization', label: 'web.nav.organization' },
  { path: '/organization/co-workers', label: 'web.nav.coworkers' },
  { path: '/customers', label: 'web.nav.customers', for: ['partner', 'branch'] },
  { path: '/partners', label: 'web.nav.partners', for: ['end-user'] },
  { path: '/licenses', label: 'web.nav.licenses' },
  { path: '/systems', label: 'web.nav.systems' },
  { path: '/admin/partner-id-requests', label: 'web.nav.partnerIdRequests', portalAdmin: true },
];

/** A page inside a section of the sidebar: the section's item is marked as where the person is. */
const SECTION_OF: Partial<Record<string, WebAppPath>> = { '/systems/system': '/systems', '/customers/system': '/customers' };

/** The pages before a session: no sidebar, the language at the top. */
function Plain({ children }: { children: ReactNode }) {
  const t = useWebT();
  return (
    <div className="plain-shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          focusScreenHeading();
        }}
      >
        {t('web.skip')}
      </a>
      <header className="topbar">
        <span className="brand-plain">{t('web.title')}</span>
        <LanguageSwitch className="topbar-language" />
      </header>
      <main className="content plain-content" id="main">
        {children}
      </main>
    </div>
  );
}

function Shell({ account, path, children }: { account: AccountView; path: string; children: ReactNode }) {
  const t = useWebT();
  const [leaving, setLeaving] = useState(false);
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          focusScreenHeading();
        }}
      >
        {t('web.skip')}
      </a>
      <nav className="sidebar" aria-label={t('web.nav.label')}>
        <div className="brand">{t('web.title')}</div>
        {NAV.filter((item) => (!item.for || item.for.includes(account.kind)) && (!item.portalAdmin || account.portalAdmin)).map((item) => (
          <Link key={item.path} to={item.path} className={`nav-item${(SECTION_OF[path] ?? path) === item.path ? ' active' : ''}`} current={path === item.path}>
            {t(item.label)}
          </Link>
        ))}
        <div className="sidebar-account" aria-label={t('web.account.label')} role="group">
          <span className="sidebar-name">{account.name}</span>
          <span className="sidebar-email">{account.email}</span>
          <button
            type="button"
            className="secondary sidebar-logoff"
            disabled={leaving}
            onClick={async () => {
              setLeaving(true);
              try {
                await api('webLogOff', { body: {} });
              } catch {
                /* the session ended already: logged off all the same */
              }
              useSession.getState().signedOut();
              useRoute.getState().go('/log-on', { replace: true });
              setLeaving(false);
            }}
          >
            {leaving ? t('web.account.loggingOff') : t('web.account.logOff')}
          </button>
        </div>
        <LanguageSwitch className="sidebar-language" />
      </nav>
      <main className="content" id="main">
        {children}
      </main>
    </div>
  );
}

function NotFound() {
  const t = useWebT();
  return (
    <>
      <PageHeader title={t('web.notFound.heading')} lead={t('web.notFound.text')} />
      <Link to="/">{t('web.notFound.home')}</Link>
    </>
  );
}

const PAGES: Partial<Record<WebAppPath, () => ReactNode>> = {
  '/organization': () => <OrganizationPage />,
  '/organization/co-workers': () => <CoworkersPage />,
  '/customers': () => <CustomersPage />,
  '/partners': () => <PartnersPage />,
  '/licenses': () => <LicensesPage />,
  '/systems': () => <SystemsPage />,
  '/systems/system': () => <SystemPage />,
  '/customers/system': () => <CustomerSystemPage />,
  '/admin/partner-id-requests': () => <AdminRequestsPage />,
};

export function App() {
  const t = useWebT();
  const { path, search, moved } = useRoute();
  const { status, account, enrolmentAsked } = useSession();
  useEffect(() => {
    void useSession.getState().load();
    return followHistory();
  }, []);
  const step = pendingStep(account, enrolmentAsked);
  // Where each state lands: the start page, log-on, or the page asked for.
  const inAs = status === 'in' && !step;
  useEffect(() => {
    if (status === 'loading') return;
    if (inAs && (path === '/' || path === '/log-on' || path === '/sign-up')) {
      // Logged on to accept an invitation: back to it.
      const { coworker, customer } = useInvitation.getState();
      useRoute.getState().go(coworker ? '/invitations/accept' : customer ? '/customers/accept' : '/organization', { replace: true });
    }
    else if (status === 'out' && path === '/') useRoute.getState().go('/log-on', { replace: true });
  }, [status, inAs, path]);
  // A page change the person made moves focus to the new page's heading (not the first load).
  const screen = `${status}:${step ?? ''}:${path}${search}`;
  useEffect(() => {
    if (moved) focusScreenHeading();
    const heading = document.querySelector('main h1')?.textContent;
    document.title = heading ? `${heading} · ${t('web.title')}` : t('web.title');
  }, [screen, moved, t]);

  if (status === 'loading') {
    return (
      <Plain>
        <p role="status">{t('web.loading')}</p>
      </Plain>
    );
  }
  if (path === '/invitations/accept') return wrap(<AcceptInvitationPage />);
  if (path === '/customers/accept') return wrap(<AcceptCustomerPage />);
  if (status === 'out' || !account) return <Plain>{path === '/sign-up' ? <SignUpPage /> : <LogOnPage />}</Plain>;
  if (step === 'enrol') return <Plain>{<MfaPage />}</Plain>;
  if (step === 'verify') return <Plain>{<VerifyPage email={account.email} />}</Plain>;
  const page = knownPath(path) ? PAGES[path] : undefined;
  return (
    <Shell account={account} path={path}>
      {page ? page() : <NotFound />}
    </Shell>
  );

  function wrap(content: ReactNode) {
    return status === 'in' && account && !step ? (
      <Shell account={account} path={path}>
        {content}
      </Shell>
    ) : (
      <Plain>{content}</Plain>
    );
  }
}
