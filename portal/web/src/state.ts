// The app's state: where the person is (the address, kept in step with the browser's history) and
// the session (the account the cookie stands for, and its CSRF token, in memory only).
import { useMemo } from 'react';
import { create } from 'zustand';
import type { AccountView } from '../../../shared/portal/accounts.js';
import { isWebAppPath, type WebAppPath } from '../../../shared/portal/web-paths.js';
import { ApiError, apiQuiet, setCsrfToken, whenSessionProblem } from './api.js';

/**
 * An address in the app: one of its paths, with a query string where the page takes one (a System
 * ID, which may hold any character, travels in the query: /systems/system?id=...).
 */
export type AppAddress = WebAppPath | `${WebAppPath}?${string}`;

/** A page's address with its query, every value encoded (addressOf('/systems/system', { id })). */
export function addressOf(path: WebAppPath, query: Record<string, string | number | undefined> = {}): AppAddress {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(key, String(value));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

interface Route {
  path: string;
  /** The query string as in the address bar ('' or '?id=...'). */
  search: string;
  /** Whether the last change came from the app (focus moves to the new page's heading) or from loading it. */
  moved: boolean;
  go(to: AppAddress, options?: { replace?: boolean }): void;
}

const here = () => window.location.pathname.replace(/(.)\/+$/, '$1');

/** The path and the query of an address the app goes to. */
function partsOf(to: string): { path: string; search: string } {
  const at = to.indexOf('?');
  return at < 0 ? { path: to, search: '' } : { path: to.slice(0, at), search: to.slice(at) };
}

export const useRoute = create<Route>((set) => ({
  path: here(),
  search: window.location.search,
  moved: false,
  go(to, { replace = false } = {}) {
    const { path, search } = partsOf(to);
    if (replace) window.history.replaceState(null, '', to);
    else if (path !== here() || search !== window.location.search) window.history.pushState(null, '', to);
    set({ path, search: window.location.search, moved: true });
  },
}));

/** The query of the shown address (new URLSearchParams each time it changes). */
export function useQuery(): URLSearchParams {
  const search = useRoute((s) => s.search);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Back and Forward. */
export function followHistory(): () => void {
  const listener = () => useRoute.setState({ path: here(), search: window.location.search, moved: true });
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
}

export const knownPath = (path: string) => isWebAppPath(path);

/**
 * Reads a link's token from the address and takes it out of the address bar (and so out of the
 * history and of any bookmark) at once: it stays in this page's memory only.
 */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return token;
}

type SessionStatus = 'loading' | 'out' | 'in';

interface Session {
  status: SessionStatus;
  account: AccountView | null;
  /** A route said the account must enrol an authenticator first. */
  enrolmentAsked: boolean;
  load(): Promise<void>;
  signedIn(account: AccountView, csrfToken: string): void;
  signedOut(): void;
}

export const useSession = create<Session>((set) => ({
  status: 'loading',
  account: null,
  enrolmentAsked: false,
  async load() {
    try {
      const session = await apiQuiet('webSession');
      setCsrfToken(session.csrfToken);
      set({ status: 'in', account: session.account, enrolmentAsked: false });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        set({ status: 'out', account: null });
        return;
      }
      // Unreachable: shown as logged off, the log-on page says what failed when it is tried.
      set({ status: 'out', account: null });
    }
  },
  signedIn(account, csrfToken) {
    setCsrfToken(csrfToken);
    set({ status: 'in', account, enrolmentAsked: false });
  },
  signedOut() {
    setCsrfToken(null);
    set({ status: 'out', account: null, enrolmentAsked: false });
  },
}));

whenSessionProblem((error) => {
  if (error.status === 401) useSession.getState().signedOut();
  else if (error.code === 'mfa_enrolment_required') useSession.setState({ enrolmentAsked: true });
});

/** What the account must do before anything else: verify its address, or enrol an authenticator. */
export function pendingStep(account: AccountView | null, enrolmentAsked: boolean): 'verify' | 'enrol' | null {
  if (!account) return null;
  if (account.mfaRequired && !account.mfaEnabled) return 'enrol';
  if (enrolmentAsked) return 'enrol';
  if (!account.emailVerified) return 'verify';
  return null;
}
