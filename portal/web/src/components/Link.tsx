import type { ReactNode } from 'react';
import type { WebAppPath } from '../../../../shared/portal/web-paths.js';
import { useRoute } from '../state.js';

/** A link to one of the app's pages: a real <a href> (opens in a new tab too), followed in place. */
export function Link({ to, children, className, current }: { to: WebAppPath; children: ReactNode; className?: string; current?: boolean }) {
  return (
    <a
      href={to}
      className={className}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        useRoute.getState().go(to);
      }}
    >
      {children}
    </a>
  );
}
