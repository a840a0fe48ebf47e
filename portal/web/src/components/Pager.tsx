// One page of a long list at a time: "51–100 of 1,000", Previous and Next, and (where the list
// offers it) how many a page shows. A button that goes out of use at either end hands focus to the
// other one, so the keyboard is never left on nothing; neither goes out of use while a page loads.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatCount } from '../../../../renderer/src/components/systems/format.js';
import { useWebT } from '../i18n/index.js';

export function Pager({
  label,
  total,
  offset,
  count,
  limit,
  busy = false,
  sizes,
  onOffset,
  onLimit,
  testId,
}: {
  /** What the pages are of ("Pages of the audit log"): the navigation's name. */
  label: string;
  total: number;
  offset: number;
  /** Items shown on this page. */
  count: number;
  limit: number;
  busy?: boolean;
  sizes?: readonly number[];
  onOffset(offset: number): void;
  onLimit?(limit: number): void;
  testId?: string;
}) {
  const t = useWebT();
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + count, total);
  const atStart = offset === 0;
  const atEnd = offset + limit >= total;
  // The end reached: that button goes out of use once the new page is shown, and focus goes to the other.
  const handOver = useRef<{ from: HTMLButtonElement | null; to: 'previous' | 'next' } | null>(null);
  useEffect(() => {
    const pending = handOver.current;
    const target = pending && (pending.to === 'previous' ? previous : next).current;
    if (!pending || !target || target.disabled) return;
    handOver.current = null;
    const active = document.activeElement;
    if (!active || active === document.body || active === pending.from) target.focus();
  }, [offset, atStart, atEnd]);
  const go = (to: number, from: 'previous' | 'next') => {
    const ending = from === 'previous' ? to === 0 : to + limit >= total;
    handOver.current = ending ? { from: (from === 'previous' ? previous : next).current, to: from === 'previous' ? 'next' : 'previous' } : null;
    onOffset(to);
  };
  return (
    <nav className="sys-pager web-pager" aria-label={label} aria-busy={busy} data-testid={testId}>
      <span className="sys-range" aria-live="polite" data-testid={testId ? `${testId}-range` : undefined}>
        {t('web.pager.range', { first: formatCount(first), last: formatCount(last), total: formatCount(total) })}
      </span>
      <button ref={previous} type="button" className="secondary" disabled={atStart} onClick={() => go(Math.max(0, offset - limit), 'previous')}>
        {t('web.pager.previous')}
      </button>
      <button ref={next} type="button" className="secondary" disabled={atEnd} onClick={() => go(offset + limit, 'next')}>
        {t('web.pager.next')}
      </button>
      {sizes && onLimit && (
        <label className="sys-page-size">
          {t('web.pager.perPage')}
          <select value={limit} onChange={(e) => onLimit(Number(e.target.value))}>
            {sizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}

/**
 * A list held whole in the page (an audit log of 1,000 entries) shown one page at a time: `render`
 * gets the page's items; the pager follows when there is more than one page.
 */
export function Paged<T>({ items, size = 50, label, testId, children }: { items: T[]; size?: number; label: string; testId?: string; children(page: T[]): ReactNode }) {
  const [offset, setOffset] = useState(0);
  if (items.length <= size) return <>{children(items)}</>;
  const start = Math.min(offset, Math.floor((items.length - 1) / size) * size);
  const page = items.slice(start, start + size);
  return (
    <div className="paged-records">
      {children(page)}
      <Pager label={label} total={items.length} offset={start} count={page.length} limit={size} onOffset={setOffset} testId={testId} />
    </div>
  );
}
