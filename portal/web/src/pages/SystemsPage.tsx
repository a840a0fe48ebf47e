// The systems the account is associated with (GET /api/v1/systems): searched, sorted and one page
// at a time, as the portal serves them. Each System ID opens the system's details
// (/systems/system?id=...). What the list shows is kept for the tab (a reload too), so Back from a
// system returns to the same search and page.
import { useEffect, useRef, useState } from 'react';
import { formatWhen, placeOf, roleLabel, statusClass, statusLabel } from '../../../../renderer/src/components/systems/format.js';
import { SortHeader } from '../../../../renderer/src/components/systems/SortHeader.js';
import { create } from 'zustand';
import { SYSTEM_SORTS } from '../../../../shared/portal/systems.js';
import { api } from '../api.js';
import { Link } from '../components/Link.js';
import { ErrorBox, PageHeader } from '../components/Page.js';
import { Pager } from '../components/Pager.js';
import { useLoad } from '../components/useLoad.js';
import { useWebT } from '../i18n/index.js';
import { addressOf, useRoute } from '../state.js';

type Sort = (typeof SYSTEM_SORTS)[number];
const SORTS: readonly string[] = SYSTEM_SORTS;
type Order = 'asc' | 'desc';

const PAGE_SIZES = [25, 50, 100, 200] as const;
/** The portal's bound on a search (SystemListQuery). */
const SEARCH_MAX = 128;
/** Time after the last key before the portal is asked: one search per pause, not one per letter. */
const DEBOUNCE_MS = 300;

interface ListQuery {
  q: string;
  sort: Sort;
  order: Order;
  offset: number;
  limit: number;
}

const FIRST: ListQuery = { q: '', sort: 'updatedAt', order: 'desc', offset: 0, limit: 25 };
const STORED = 'portal-web.systems-list';

/** The list as last shown in this tab (sessionStorage: a reload keeps it, a new tab starts afresh). */
function storedQuery(): ListQuery {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORED) ?? 'null') as Partial<ListQuery> | null;
    if (!stored || typeof stored !== 'object') return FIRST;
    return {
      q: typeof stored.q === 'string' ? stored.q.slice(0, SEARCH_MAX) : FIRST.q,
      sort: SORTS.includes(stored.sort as Sort) ? (stored.sort as Sort) : FIRST.sort,
      order: stored.order === 'asc' || stored.order === 'desc' ? stored.order : FIRST.order,
      offset: Number.isSafeInteger(stored.offset) && stored.offset! >= 0 ? stored.offset! : FIRST.offset,
      limit: PAGE_SIZES.includes(stored.limit as (typeof PAGE_SIZES)[number]) ? stored.limit! : FIRST.limit,
    };
  } catch {
    return FIRST;
  }
}

const useListQuery = create<ListQuery & { change(change: Partial<ListQuery>): void }>((set, get) => ({
  ...storedQuery(),
  change: (change) => {
    set(change);
    const { q, sort, order, offset, limit } = get();
    try {
      sessionStorage.setItem(STORED, JSON.stringify({ q, sort, order, offset, limit }));
    } catch {
      /* not kept: the list starts afresh on a reload */
    }
  },
}));

/** The address of a system's details page. */
export const systemAddress = (systemId: string) => addressOf('/systems/system', { id: systemId });

export function SystemsPage() {
  const t = useWebT();
  const { q, sort, order, offset, limit, change } = useListQuery();
  const list = useLoad(() => api('listSystems', { query: { q, sort, order, offset, limit } }), [q, sort, order, offset, limit]);
  const page = list.data;
  // A page past the end (systems gone meanwhile): back to the last page there is.
  useEffect(() => {
    if (page && page.items.length === 0 && page.total > 0 && offset > 0) change({ offset: Math.floor((page.total - 1) / limit) * limit });
  }, [page, offset, limit, change]);
  const columnName = (column: Sort) => t(`web.systems.sortNames.${column}`);
  return (
    <div className="screen">
      <PageHeader title={t('web.systems.heading')} lead={t('web.systems.intro')} />
      <div className="sys-toolbar">
        <SearchBox value={q} onSearch={(text) => change({ q: text, offset: 0 })} />
      </div>
      {list.loading && !page && <p role="status">{t('web.loading')}</p>}
      <ErrorBox error={list.error} testId="systems-error" />
      {page && page.total === 0 && !q && <p className="empty">{t('web.systems.none')}</p>}
      {page && page.total === 0 && q && (
        <p className="empty" data-testid="systems-no-match">
          {t('web.systems.noMatch', { query: q })}{' '}
          <button type="button" className="link" onClick={() => change({ q: '', offset: 0 })}>
            {t('web.systems.clearSearch')}
          </button>
        </p>
      )}
      {page && page.total > 0 && (
        <>
          <p className="sys-total" data-testid="systems-total">
            {q ? t('web.systems.matching', { count: page.total, query: q }) : t('web.systems.shown', { count: page.total })}
          </p>
          <div className="sys-table-wrap">
            <table className="sys-table" aria-busy={list.loading} data-testid="systems">
              <caption className="visually-hidden">{t('web.systems.caption', { column: columnName(sort), order: t(`web.systems.${order === 'asc' ? 'ascending' : 'descending'}`) })}</caption>
              <thead>
                <tr>
                  <SortHeader column="systemId" label={t('web.systems.systemId')} sort={sort} order={order} onSort={(s, o) => change({ sort: s, order: o, offset: 0 })} />
                  <SortHeader column="siteName" label={t('web.systems.name')} sort={sort} order={order} onSort={(s, o) => change({ sort: s, order: o, offset: 0 })} />
                  <SortHeader column="status" label={t('web.systems.status')} sort={sort} order={order} onSort={(s, o) => change({ sort: s, order: o, offset: 0 })} />
                  <th scope="col" className="sys-col-role">
                    {t('web.systems.role')}
                  </th>
                  <SortHeader column="updatedAt" label={t('web.systems.updated')} sort={sort} order={order} onSort={(s, o) => change({ sort: s, order: o, offset: 0 })} />
                </tr>
              </thead>
              <tbody>
                {page.items.map((s) => (
                  // A pointer anywhere on the row opens the system; the keyboard uses the link.
                  <tr key={s.registrationId} data-testid="system-row" onClick={(e) => (e.target as HTMLElement).closest('a') || useRoute.getState().go(systemAddress(s.systemId))}>
                    <td className="web-system-id">
                      <Link to={systemAddress(s.systemId)} testId="system-link">
                        <code>{s.systemId}</code>
                      </Link>
                    </td>
                    <td className="sys-site">
                      {s.siteName}
                      <span className="muted small web-place">{placeOf(s.city, s.country)}</span>
                    </td>
                    <td>
                      <span className={`badge ${statusClass(s)}`}>{statusLabel(s)}</span>
                    </td>
                    <td className="sys-col-role">{roleLabel(s.yourRole)}</td>
                    <td className="sys-when">
                      <time dateTime={s.updatedAt}>{formatWhen(s.updatedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label={t('web.systems.pages')}
            total={page.total}
            offset={page.offset}
            count={page.items.length}
            limit={limit}
            busy={list.loading}
            sizes={PAGE_SIZES}
            onOffset={(next) => change({ offset: next })}
            onLimit={(size) => change({ limit: size, offset: 0 })}
            testId="systems-pager"
          />
        </>
      )}
    </div>
  );
}

/** The search box: searches as the person types (System ID, site name, city, country), after a short pause; Enter at once. */
function SearchBox({ value, onSearch }: { value: string; onSearch(q: string): void }) {
  const t = useWebT();
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  latest.current = onSearch;
  // Cleared elsewhere (Clear the search): shown here too.
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => latest.current(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <div className="field sys-search">
      <label htmlFor="systems-search">{t('web.systems.search')}</label>
      <input
        id="systems-search"
        type="search"
        value={text}
        maxLength={SEARCH_MAX}
        aria-describedby="systems-search-hint"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') latest.current(text);
        }}
        data-testid="systems-search"
      />
      <span id="systems-search-hint" className="muted small">
        {t('web.systems.searchHint')}
      </span>
    </div>
  );
}
