// Which screen is shown: kept in the address's hash (#site, #offline, #portal, #systems, and
// #system/<System ID> for one system's information page, #customer/<number>/system/<System ID> for
// a partner's customer's registration), so a reload stays where it was and the links in the
// sidebar are plain links. No router library.
import { create } from 'zustand';
import { focusSoon } from '../lib/focus.js';

export const SCREENS = ['site', 'offline', 'portal', 'systems', 'system'] as const;
export type Screen = (typeof SCREENS)[number];

/** Each screen's h1 (tabindex -1): focus lands there on a screen change. */
const HEADINGS: Record<Screen, string> = { site: 'site-title', offline: 'offline-title', portal: 'portal-title', systems: 'systems-title', system: 'system-info-title' };
export const focusHeadingOf = (screen: Screen) => focusSoon(() => document.getElementById(HEADINGS[screen]));

/** Encoded, a System ID of 128 characters is at most 3 × 128 (plus room): anything longer is not one. */
const MAX_ENCODED_ID = 1024;

/** The hash for a screen; the System Information page carries its System ID, encoded, and a customer's registration the customer's number. */
export const hashFor = (screen: Screen, systemId: string | null = null, customerId: number | null = null) =>
  screen === 'system' && systemId ? `#${customerId !== null ? `customer/${customerId}/` : ''}system/${encodeURIComponent(systemId)}` : `#${screen}`;

const CUSTOMER = /^customer\/([1-9]\d{0,14})\/(system(?:\/.*)?)$/;

/**
 * Reads the hash back. A hash typed or pasted by hand may be anything: a System ID that does not
 * decode (a stray %), is empty or too long leaves `systemId` null and the page says so.
 */
export function parseHash(hash: string): { screen: Screen; systemId: string | null; customerId: number | null } {
  const name = hash.replace(/^#\/?/, '');
  const customer = CUSTOMER.exec(name);
  if (customer) return { ...parseHash(customer[2]!), customerId: Number(customer[1]) };
  const slash = name.indexOf('/');
  const head = slash === -1 ? name : name.slice(0, slash);
  if (head === 'system') {
    const encoded = slash === -1 ? '' : name.slice(slash + 1);
    let systemId: string | null = null;
    if (encoded && encoded.length <= MAX_ENCODED_ID) {
      try {
        systemId = decodeURIComponent(encoded).trim() || null;
      } catch {
        systemId = null;
      }
    }
    return { screen: 'system', systemId, customerId: null };
  }
  return { screen: (SCREENS as readonly string[]).includes(head) && slash === -1 ? (head as Screen) : 'site', systemId: null, customerId: null };
}

interface NavState {
  screen: Screen;
  /** The System Information page's system; null on other screens or when the hash named none. */
  systemId: string | null;
  /** The customer whose registration the System Information page shows (a partner's Administrator access); null for the account's own systems. */
  customerId: number | null;
  /** Shows a screen and focuses its heading, or `focus` when the screen was opened for one thing on it. */
  go(screen: Screen, focus?: () => HTMLElement | null): void;
  /** Opens the System Information page for one System ID; with `customerId`, that customer's registration. */
  openSystem(systemId: string, customerId?: number | null): void;
}

// A screen change moves focus to the new screen's heading (tabindex -1), so the keyboard and a
// screen reader start at the top of what is now shown instead of on a link that may be far away.
const show = (screen: Screen, systemId: string | null, focus?: () => HTMLElement | null, customerId: number | null = null) => {
  const hash = hashFor(screen, systemId, customerId);
  if (location.hash !== hash) history.pushState(null, '', hash);
  useNav.setState({ screen, systemId, customerId: screen === 'system' ? customerId : null });
  window.scrollTo?.(0, 0);
  if (focus) focusSoon(focus);
  else focusHeadingOf(screen);
};

export const useNav = create<NavState>(() => ({
  ...parseHash(location.hash),
  go(screen, focus) {
    const { systemId, customerId } = useNav.getState();
    show(screen, screen === 'system' ? systemId : null, focus, screen === 'system' ? customerId : null);
  },
  openSystem(systemId, customerId = null) {
    show('system', systemId, undefined, customerId);
  },
}));

export function followHash(): () => void {
  const onChange = () => {
    const next = parseHash(location.hash);
    const { screen, systemId, customerId } = useNav.getState();
    if (next.screen === screen && next.systemId === systemId && next.customerId === customerId) return;
    useNav.setState(next);
    focusHeadingOf(next.screen);
  };
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}
