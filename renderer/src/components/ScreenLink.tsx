import type { ReactNode } from 'react';
import { useNav, type Screen } from '../stores/nav.js';

/** A link to another screen: a real href (it can be opened or copied), followed in place. Its words may come from a <Trans>. */
export function ScreenLink({ screen, children }: { screen: Screen; children?: ReactNode }) {
  return (
    <a
      href={`#${screen}`}
      onClick={(e) => {
        e.preventDefault();
        useNav.getState().go(screen);
      }}
    >
      {children}
    </a>
  );
}
