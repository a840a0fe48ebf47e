import type { SortOrder, SystemSort } from '../../stores/systems.js';

/** A column header that sorts by its column: a button, with the order told by aria-sort and an arrow. */
export function SortHeader({ column, label, sort, order, onSort, className }: { column: SystemSort; label: string; sort: SystemSort; order: SortOrder; onSort(column: SystemSort, order: SortOrder): void; className?: string | undefined }) {
  const active = sort === column;
  // A new column starts with what people look for first: A to Z, or the latest change first.
  const firstOrder: SortOrder = column === 'updatedAt' ? 'desc' : 'asc';
  const next: SortOrder = active ? (order === 'asc' ? 'desc' : 'asc') : firstOrder;
  return (
    <th scope="col" className={className} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(column, next)} data-testid={`sort-${column}`}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
