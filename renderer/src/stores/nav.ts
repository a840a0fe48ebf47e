// Which screen is shown: kept in the address's hash (#site, #offline, #portal), so a reload stays
// where it was and the links in the sidebar are plain links. No router library.
import { create } from 'zustand';

export const SCREENS = ['site', 'offline', 'portal'] as const;
export type Screen = (typeof SCREENS)[number];

const fromHash = (): Screen => {
  const name = location.hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'site';
};

interface NavState {
  screen: Screen;
  go(screen: Screen): void;
}

export const useNav = create<NavState>((set) => ({
  screen: fromHash(),
  go(screen) {
    if (location.hash !== `#${screen}`) history.pushState(null, '', `#${screen}`);
    set({ screen });
    document.querySelector<HTMLElement>('main')?.scrollTo?.(0, 0);
  },
}));

export function followHash(): () => void {
  const onChange = () => useNav.setState({ screen: fromHash() });
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}
