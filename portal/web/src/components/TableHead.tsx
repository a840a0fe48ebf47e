import { useWebT } from '../i18n/index.js';

/** A table's column headings; `actions`: one more column, for the rows' buttons, named for screen readers only. */
export function TableHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  const t = useWebT();
  return (
    <thead>
      <tr>
        {columns.map((label, n) => (
          <th key={n} scope="col">
            {label}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">{t('web.coworkers.actions')}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
