import type { ReactNode } from 'react';
import { useRoute, type AppAddress } from '../state.js';

/**
 * A link to one of the app's pages, with its query where it has one: a real <a href> (opens in a
 * new tab too), followed in place.
 */
export function Link({ to, children, className, current, testId }: { to: AppAddress; children: ReactNode; className?: string; current?: boolean; testId?: string }) {
  return (
    <a
      href={to}
      className={className}
      aria-current={current ? 'page' : undefined}
      data-testid={testId}
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
