import { useTranslation } from 'react-i18next';
import type { SystemSummary } from '../../../../shared/portal/systems.js';
import { hashFor } from '../../stores/nav.js';
import type { SortOrder, SystemSort } from '../../stores/systems.js';
import { formatWhen, placeOf, roleLabel, statusClass, statusLabel } from './format.js';
import { SortHeader } from './SortHeader.js';

/** The sortable columns before "Your role"; each labelled by systems.table.<column>. */
const COLUMNS = ['systemId', 'siteName', 'city', 'country', 'status'] as const satisfies readonly SystemSort[];

/** One page of the account's systems; the System ID is the link that opens System Information. */
export function SystemsTable({ items, sort, order, busy, caption, onSort, onOpen }: {
  items: SystemSummary[];
  sort: SystemSort;
  order: SortOrder;
  busy: boolean;
  caption: string;
  onSort(column: SystemSort, order: SortOrder): void;
  onOpen(systemId: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="sys-table-wrap">
      <table className="sys-table" aria-busy={busy} data-testid="systems-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <SortHeader key={column} column={column} label={t(`systems.table.${column}`)} sort={sort} order={order} onSort={onSort} className={column === 'city' ? 'sys-col-city' : undefined} />
            ))}
            <th scope="col" className="sys-col-role">
              {t('systems.table.role')}
            </th>
            <SortHeader column="updatedAt" label={t('systems.table.updatedAt')} sort={sort} order={order} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            // The row opens the system for a pointer anywhere on it; the keyboard uses the link.
            <tr key={s.registrationId} data-testid="system-row" onClick={(e) => (e.target as HTMLElement).closest('a') || onOpen(s.systemId)}>
              <td>
                <a
                  href={hashFor('system', s.systemId)}
                  data-testid="system-link"
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(s.systemId);
                  }}
                >
                  <code>{s.systemId}</code>
                </a>
              </td>
              <td className="sys-site">{s.siteName}</td>
              <td className="sys-col-city">{s.city}</td>
              <td>
                {/* In a narrow table the city column gives way and the city is written here. */}
                {s.city && <span className="sys-city-inline">{s.city}, </span>}
                {placeOf('', s.country)}
              </td>
              <td>
                <span className={`badge ${statusClass(s)}`}>{statusLabel(s)}</span>
              </td>
              <td className="sys-col-role">{roleLabel(s.yourRole)}</td>
              <td className="sys-when">
                <time dateTime={s.updatedAt}>{formatWhen(s.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
