// My systems and the System Information page: the account's systems one page at a time (the portal
// searches, sorts and pages, so 5,000 systems cost one page), and everything about one system with
// the actions that bring the site in step with it. What was searched and which page was shown stay
// here, so "Back to My systems" returns to the same place.
import { create } from 'zustand';
import type { SystemInformationView, SystemPage } from '../../../shared/domain/online.js';
import type { SYSTEM_SORTS } from '../../../shared/portal/systems.js';
import { call } from '../companion.js';
import { formatNumber, t } from '../i18n/index.js';
import { asError, type ContractError } from '../lib/errors.js';
import { saveTextFile } from '../lib/files.js';
import { useNav } from './nav.js';
import { usePortal } from './portal.js';
import { localize } from '../i18n/said.js';

export type SystemSort = (typeof SYSTEM_SORTS)[number];
export type SortOrder = 'asc' | 'desc';
export const PAGE_SIZES = [25, 50, 100, 200] as const;
/** The portal's bound on a search; the box stops there too. */
export const SEARCH_MAX = 128;

export interface ListQuery {
  q: string;
  sort: SystemSort;
  order: SortOrder;
  offset: number;
  limit: number;
}

/** What an action on the System Information page did, in words; focus moves to it. */
export interface ActionOutcome {
  ok: boolean;
  message: string;
}

interface SystemsState {
  /** The account the list belongs to: another account logged on starts afresh. */
  account: string | null;
  query: ListQuery;
  page: SystemPage | null;
  listLoading: boolean;
  listError: ContractError | null;
  exporting: boolean;
  exportOutcome: ActionOutcome | null;

  /** The System ID whose information is shown (or being loaded). */
  infoId: string | null;
  info: SystemInformationView | null;
  infoLoading: boolean;
  infoError: ContractError | null;
  /** Which server's action is running: `${action} ${address}`. */
  acting: string | null;
  outcome: ActionOutcome | null;

  forAccount(account: string): void;
  /** Changes the search, sort or page size (back to the first page) or the page, and loads it. */
  setQuery(change: Partial<ListQuery>): Promise<void>;
  loadPage(): Promise<void>;
  exportCsv(): Promise<void>;
  loadInfo(systemId: string): Promise<void>;
  /** Runs one of the page's actions, then reloads the page's data; the outcome is kept to show. */
  act(label: string, action: () => Promise<string>): Promise<void>;
}

// Only the answer to the latest request is shown: a slow page that answers after a faster,
// newer one must not replace it.
let listSeq = 0;
let infoSeq = 0;

/** An ended portal session: the Portal screen shows the log-on again, and this screen says so. */
const noticeSession = (error: ContractError) => {
  if (error.code === 'unauthorized') void usePortal.getState().refreshSession();
};

const FIRST_QUERY: ListQuery = { q: '', sort: 'updatedAt', order: 'desc', offset: 0, limit: 50 };

export const useSystems = create<SystemsState>((set, get) => ({
  account: null,
  query: FIRST_QUERY,
  page: null,
  listLoading: false,
  listError: null,
  exporting: false,
  exportOutcome: null,
  infoId: null,
  info: null,
  infoLoading: false,
  infoError: null,
  acting: null,
  outcome: null,

  forAccount(account) {
    if (get().account === account) return;
    ++listSeq;
    ++infoSeq;
    set({ account, query: FIRST_QUERY, page: null, listError: null, listLoading: false, exportOutcome: null, infoId: null, info: null, infoError: null, outcome: null });
  },

  async setQuery(change) {
    const before = get().query;
    const next = { ...before, ...change };
    if (change.q !== undefined || change.sort !== undefined || change.order !== undefined || change.limit !== undefined) {
      if (change.offset === undefined) next.offset = 0;
    }
    set({ query: next, exportOutcome: null });
    await get().loadPage();
  },

  async loadPage() {
    const seq = ++listSeq;
    const { q, ...rest } = get().query;
    set({ listLoading: true, listError: null });
    try {
      const page = await call('portal.systems.list', { ...rest, ...(q.trim() ? { q: q.trim() } : {}) });
      if (seq !== listSeq) return;
      // A page past the end (systems removed since, or a search that narrowed): show the last page.
      if (page.items.length === 0 && page.total > 0 && page.offset > 0) {
        const last = Math.floor((page.total - 1) / page.limit) * page.limit;
        set({ query: { ...get().query, offset: last } });
        return get().loadPage();
      }
      set({ page, listLoading: false });
    } catch (e) {
      if (seq !== listSeq) return;
      const error = asError(e);
      noticeSession(error);
      set({ listError: error, listLoading: false });
    }
  },

  async exportCsv() {
    const { q, sort, order } = get().query;
    set({ exporting: true, exportOutcome: null });
    try {
      const exported = await call('portal.systems.export', { sort, order, ...(q.trim() ? { q: q.trim() } : {}) });
      // A byte order mark, so that spreadsheet programs read accented site names as UTF-8.
      saveTextFile(exported.fileName, `\uFEFF${exported.csv}`);
      const message = t('systems.list.exported', { file: exported.fileName, count: exported.count, total: formatNumber(exported.count) });
      set({ exporting: false, exportOutcome: { ok: true, message } });
    } catch (e) {
      const error = asError(e);
      noticeSession(error);
      set({ exporting: false, exportOutcome: { ok: false, message: t('systems.list.exportFailed', { message: localize(error.message) }) } });
    }
  },

  async loadInfo(systemId) {
    const seq = ++infoSeq;
    const same = get().infoId === systemId;
    // Another system: drop what was shown, so one system's data never sits under another's ID.
    set({ infoId: systemId, infoLoading: true, infoError: null, ...(same ? {} : { info: null, outcome: null }) });
    try {
      const info = await call('portal.system.information', { systemId });
      if (seq !== infoSeq) return;
      set({ info, infoLoading: false });
    } catch (e) {
      if (seq !== infoSeq) return;
      const error = asError(e);
      noticeSession(error);
      set({ infoError: error, infoLoading: false });
    }
  },

  async act(label, action) {
    set({ acting: label, outcome: null });
    let outcome: ActionOutcome;
    try {
      outcome = { ok: true, message: await action() };
    } catch (e) {
      const error = asError(e);
      noticeSession(error);
      outcome = { ok: false, message: localize(error.message) };
    }
    const id = get().infoId;
    if (id) await get().loadInfo(id);
    set({ acting: null, outcome });
  },
}));

/**
 * Opens the System Information page for one System ID (for other screens, such as the Portal
 * screen's online result: "System information").
 */
export function openSystemInformation(systemId: string): void {
  useNav.getState().openSystem(systemId.trim());
}
