import { useEffect } from 'react';
import { SystemsPager } from '../components/systems/SystemsPager.js';
import { SystemsSearch } from '../components/systems/SystemsSearch.js';
import { SystemsTable } from '../components/systems/SystemsTable.js';
import { formatCount } from '../components/systems/format.js';
import { useNav } from '../stores/nav.js';
import { usePortal } from '../stores/portal.js';
import { useSystems } from '../stores/systems.js';
import '../systems.css';

/** My systems: the systems the logged-on portal account is associated with, searched, sorted and paged by the portal. */
export function SystemsScreen() {
  const session = usePortal((s) => s.session);
  const account = session?.account ?? null;
  useEffect(() => {
    if (!usePortal.getState().session) void usePortal.getState().load();
  }, []);
  return (
    <section className="screen systems-screen" aria-labelledby="systems-title">
      <header className="screen-header">
        <div>
          <h1 id="systems-title" tabIndex={-1}>My systems</h1>
          <p className="muted">The systems your Registration Portal account is associated with. Choose one for its System Information.</p>
        </div>
      </header>
      {!session ? (
        <p className="muted" role="status">
          Checking the portal session…
        </p>
      ) : !account ? (
        <NotLoggedOn hasPortal={!!session.url} />
      ) : (
        <SystemsList key={account.email} account={account.email} />
      )}
    </section>
  );
}

function PortalLink({ children }: { children: string }) {
  return (
    <a
      href="#portal"
      onClick={(e) => {
        e.preventDefault();
        useNav.getState().go('portal');
      }}
    >
      {children}
    </a>
  );
}

function NotLoggedOn({ hasPortal }: { hasPortal: boolean }) {
  return (
    <div className="card" data-testid="systems-logged-off">
      <h2>Log on to the portal first</h2>
      <p>
        My systems lists what your Registration Portal account holds, so it needs you logged on.{' '}
        {hasPortal ? 'Log on' : 'Enter the portal’s address and log on'} on the <PortalLink>Portal screen</PortalLink>, then come back here.
      </p>
    </div>
  );
}

function SystemsList({ account }: { account: string }) {
  const { query, page, listLoading, listError, exporting, exportOutcome, setQuery, loadPage, exportCsv } = useSystems();
  const openSystem = useNav((s) => s.openSystem);
  useEffect(() => {
    useSystems.getState().forAccount(account);
    void useSystems.getState().loadPage();
  }, [account]);
  const searched = query.q.trim();
  const caption = `Your systems${searched ? ` matching “${searched}”` : ''}, sorted by ${SORT_NAMES[query.sort]} (${query.order === 'asc' ? 'ascending' : 'descending'})`;

  return (
    <>
      <div className="sys-toolbar">
        <SystemsSearch value={query.q} onSearch={(q) => void setQuery({ q })} />
        <div className="sys-export">
          <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={exporting || !page || page.total === 0}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
          <span className="muted small">{searched ? 'Every system that matches the search.' : 'Every system, in this order.'}</span>
        </div>
      </div>
      {exportOutcome && (
        <p className={exportOutcome.ok ? 'sys-done' : 'error'} role={exportOutcome.ok ? 'status' : 'alert'} data-testid="export-outcome">
          {exportOutcome.message}
        </p>
      )}

      {listError && (
        <div className="error sys-error" role="alert" data-testid="systems-error">
          <p>
            {listError.code === 'unauthorized' ? (
              <>
                Your portal session has ended. Log on again on the <PortalLink>Portal screen</PortalLink>.
              </>
            ) : (
              <>Your systems could not be loaded: {listError.message}</>
            )}
          </p>
          <button type="button" className="secondary" onClick={() => void loadPage()} disabled={listLoading}>
            Try again
          </button>
        </div>
      )}

      {!page && listLoading && (
        <p className="muted" role="status">
          Loading your systems…
        </p>
      )}

      {page && page.total === 0 && !listLoading && (
        <p className="empty" data-testid="systems-empty">
          {searched ? (
            <>
              No system matches “{searched}”. Check the spelling, or{' '}
              <button type="button" className="link sys-inline-link" onClick={() => void setQuery({ q: '' })}>
                clear the search
              </button>
              .
            </>
          ) : (
            <>
              Your account has no systems yet. Register one on the <PortalLink>Portal screen</PortalLink>, or accept an invitation to one.
            </>
          )}
        </p>
      )}

      {page && page.total > 0 && (
        <>
          <p className="sys-total" data-testid="systems-total">
            {formatCount(page.total)} {page.total === 1 ? 'system' : 'systems'}
            {searched && <> match “{searched}”</>}
            {listLoading && <span className="muted"> · loading…</span>}
          </p>
          <SystemsTable
            items={page.items}
            sort={query.sort}
            order={query.order}
            busy={listLoading}
            caption={caption}
            onSort={(sort, order) => void setQuery({ sort, order })}
            onOpen={openSystem}
          />
          <SystemsPager page={page} limit={query.limit} busy={listLoading} onOffset={(offset) => void setQuery({ offset })} onLimit={(limit) => void setQuery({ limit })} />
        </>
      )}
    </>
  );
}

const SORT_NAMES = { systemId: 'System ID', siteName: 'site name', city: 'city', country: 'country', status: 'status', updatedAt: 'last change' } as const;
