// What the panels below the customer list on Customers share (pages/CustomerSystems.tsx,
// CustomerRegistrations.tsx, ApiKeys.tsx): the card with its heading and its Hide button, the list
// it loads, and that list's load states (loading, refused, failed with a retry). A 403 means the
// customer took the access back meanwhile: the panel says so and the customer list is reloaded.
import { useEffect, useRef, type ReactNode } from 'react';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import { ApiError } from '../api.js';
import { useWebT } from '../i18n/index.js';
import { errorText } from './Page.js';
import { useLoad } from './useLoad.js';

/**
 * The panel's list, loaded when it opens. Each answer (or refusal) takes focus to the panel's heading
 * (`focus: 'first'`: only the first, so later reloads leave focus where the action put it); a refusal
 * for access taken back (403) calls `onRefused`. `shown` is the list while no error stands.
 */
export function usePanelLoad<T>(load: () => Promise<T>, deps: unknown[], { titleId, onRefused, focus = 'each' }: { titleId: string; onRefused(): void; focus?: 'each' | 'first' }) {
  const loaded = useLoad(load, deps);
  const refused = loaded.error instanceof ApiError && loaded.error.status === 403;
  const opened = useRef(false);
  useEffect(() => {
    if (loaded.loading) return;
    if (focus === 'each' || !opened.current) focusSoon(`#${titleId}`);
    opened.current = true;
    if (refused) onRefused();
  }, [loaded.loading, loaded.error]);
  const shown = loaded.data && !loaded.error ? loaded.data : null;
  return { ...loaded, refused, shown, titleId };
}

/** What the card reads of the panel's list (usePanelLoad). */
export interface PanelLoad {
  /** The id of the panel's heading. */
  titleId: string;
  loading: boolean;
  error: unknown;
  refused: boolean;
  shown: unknown;
  reload(): Promise<void>;
}

/**
 * The panel's card: its heading (focus lands there), the Hide button, `intro`, the list's load
 * states, then `children`. `words` says what loads, the refusal and the failure (each given the
 * portal's sentence); the error box is `<testId>-error` unless `errorTestId` names it.
 */
export function CustomerPanelCard({
  title,
  hide,
  onClose,
  list,
  words,
  className = '',
  testId,
  errorTestId = `${testId}-error`,
  intro,
  children,
}: {
  title: string;
  hide: string;
  onClose(): void;
  list: PanelLoad;
  words: { loading: string; refused(message: string): string; failed(message: string): string };
  className?: string;
  testId: string;
  errorTestId?: string;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  const t = useWebT();
  const { titleId } = list;
  const message = () => errorText(list.error, t('web.unreachable'));
  return (
    <section className={`card customer-systems stack-host${className && ` ${className}`}`} aria-labelledby={titleId} aria-busy={list.loading} data-testid={testId}>
      <div className="card-head">
        <h2 id={titleId} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {hide}
        </button>
      </div>
      {intro}
      {list.loading && !list.shown && (
        <p className="muted" role="status">
          {words.loading}
        </p>
      )}
      {list.error !== null && !list.loading && (
        <div className="error" role="alert" data-testid={errorTestId}>
          <p>{list.refused ? words.refused(message()) : words.failed(message())}</p>
          {!list.refused && (
            <button type="button" className="secondary" onClick={() => void list.reload()}>
              {t('web.common.retry')}
            </button>
          )}
        </div>
      )}
      {children}
    </section>
  );
}
