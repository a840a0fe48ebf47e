import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CustomersPart } from '../components/systems/CustomersPart.js';
import { SystemsPager } from '../components/systems/SystemsPager.js';
import { SystemsSearch } from '../components/systems/SystemsSearch.js';
import { SystemsTable } from '../components/systems/SystemsTable.js';
import { formatCount } from '../components/systems/format.js';
import { useNav } from '../stores/nav.js';
import { usePortal } from '../stores/portal.js';
import { useSystems } from '../stores/systems.js';
import '../systems.css';
import { ScreenLink } from '../components/ScreenLink.js';
import { localize } from '../i18n/said.js';

/** My systems: the systems the logged-on portal account is associated with, searched, sorted and paged by the portal. */
export function SystemsScreen() {
  const { t } = useTranslation();
  const session = usePortal((s) => s.session);
  const account = session?.account ?? null;
  useEffect(() => {
    if (!usePortal.getState().session) void usePortal.getState().load();
  }, []);
  return (
    <section className="screen systems-screen" aria-labelledby="systems-title">
      <header className="screen-header">
        <div>
          <h1 id="systems-title" tabIndex={-1}>{t('systems.list.title')}</h1>
          <p className="muted">{t('systems.list.lead')}</p>
        </div>
      </header>
      {!session ? (
        <p className="muted" role="status">
          {t('systems.checkingSession')}
        </p>
      ) : !account ? (
        <NotLoggedOn hasPortal={!!session.url} />
      ) : (
        <>
          <SystemsList key={account.email} account={account.email} />
          {/* A partner's customers that gave its organization access, within that access. */}
          {account.kind === 'partner' && <CustomersPart key={`customers ${account.email}`} account={account.email} />}
        </>
      )}
    </section>
  );
}


function NotLoggedOn({ hasPortal }: { hasPortal: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="card" data-testid="systems-logged-off">
      <h2>{t('systems.logOnFirst')}</h2>
      <p>
        <Trans i18nKey={hasPortal ? 'systems.list.loggedOffLogOn' : 'systems.list.loggedOffConnect'} components={{ portal: <ScreenLink screen="portal" /> }} />
      </p>
    </div>
  );
}

function SystemsList({ account }: { account: string }) {
  const { t } = useTranslation();
  const { query, page, listLoading, listError, exporting, exportOutcome, setQuery, loadPage, exportCsv } = useSystems();
  const openSystem = useNav((s) => s.openSystem);
  useEffect(() => {
    useSystems.getState().forAccount(account);
    void useSystems.getState().loadPage();
  }, [account]);
  const searched = query.q.trim();
  const sorting = { column: t(`systems.list.sortNames.${query.sort}`), order: query.order === 'asc' ? t('systems.list.ascending') : t('systems.list.descending') };
  const caption = searched ? t('systems.list.captionSearched', { query: searched, ...sorting }) : t('systems.list.caption', sorting);
  const total = page ? { count: page.total, total: formatCount(page.total) } : null;

  return (
    <>
      <div className="sys-toolbar">
        <SystemsSearch value={query.q} onSearch={(q) => void setQuery({ q })} />
        <div className="sys-export">
          <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={exporting || !page || page.total === 0}>
            {exporting ? t('systems.list.exporting') : t('systems.list.export')}
          </button>
          <span className="muted small">{searched ? t('systems.list.exportMatches') : t('systems.list.exportAll')}</span>
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
              <Trans i18nKey="systems.list.sessionEnded" components={{ portal: <ScreenLink screen="portal" /> }} />
            ) : (
              t('systems.list.loadFailed', { message: localize(listError.message) })
            )}
          </p>
          <button type="button" className="secondary" onClick={() => void loadPage()} disabled={listLoading}>
            {t('systems.tryAgain')}
          </button>
        </div>
      )}

      {!page && listLoading && (
        <p className="muted" role="status">
          {t('systems.list.loading')}
        </p>
      )}

      {page && page.total === 0 && !listLoading && (
        <p className="empty" data-testid="systems-empty">
          {searched ? (
            <Trans
              i18nKey="systems.list.noMatch"
              values={{ query: searched }}
              components={{ clear: <button type="button" className="link sys-inline-link" onClick={() => void setQuery({ q: '' })} /> }}
            />
          ) : (
            <Trans i18nKey="systems.list.none" components={{ portal: <ScreenLink screen="portal" /> }} />
          )}
        </p>
      )}

      {page && total && page.total > 0 && (
        <>
          <p className="sys-total" data-testid="systems-total">
            {searched ? t('systems.list.totalMatching', { ...total, query: searched }) : t('systems.list.total', total)}
            {listLoading && <span className="muted"> · {t('systems.list.loadingMore')}</span>}
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
