import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Label and value pairs as a description list; an empty value says "Not given" rather than nothing. */
export function Facts({ rows, testId }: { rows: [label: string, value: ReactNode][]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <dl className="sys-facts" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label} className="sys-fact">
          <dt>{label}</dt>
          <dd>{value === '' || value === null || value === undefined ? <span className="muted">{t('systems.notGiven')}</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One titled part of the System Information page: an h2 and its content, kept together on paper where it fits. */
export function InfoSection({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="card sys-section" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
