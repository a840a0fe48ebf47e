import { useTranslation } from 'react-i18next';
import type { SystemPage } from '../../../../shared/domain/online.js';
import { PAGE_SIZES } from '../../stores/systems.js';
import { formatCount } from './format.js';

/** "51–100 of 5,000", Previous and Next, and how many systems a page shows. */
export function SystemsPager({ page, limit, busy, onOffset, onLimit }: { page: SystemPage | null; limit: number; busy: boolean; onOffset(offset: number): void; onLimit(limit: number): void }) {
  const { t } = useTranslation();
  const total = page?.total ?? 0;
  const offset = page?.offset ?? 0;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + (page?.items.length ?? 0), total);
  return (
    <nav className="sys-pager" aria-label={t('systems.pager.label')}>
      <span className="sys-range" data-testid="systems-range" aria-live="polite">
        {page ? (total === 0 ? t('systems.pager.none') : t('systems.pager.range', { first: formatCount(first), last: formatCount(last), total: formatCount(total) })) : ''}
      </span>
      <button type="button" className="secondary" disabled={busy || !page || offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t('systems.pager.previous')}
      </button>
      <button type="button" className="secondary" disabled={busy || !page || offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        {t('systems.pager.next')}
      </button>
      <label className="sys-page-size">
        {t('systems.pager.perPage')}
        <select value={limit} onChange={(e) => onLimit(Number(e.target.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
