import type { ReactNode } from 'react';
import { useWebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';
import { ApiError } from '../api.js';

/** A page's heading (the screen's one h1: focus lands here on a page change) and its lead. */
export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="screen-header">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        {lead && <p className="muted">{lead}</p>}
      </div>
      {actions && <div className="header-actions">{actions}</div>}
    </div>
  );
}

/** An error as the person reads it: the portal's sentence in the active language. */
export function errorText(error: unknown, unreachable: string): string {
  if (error instanceof ApiError) return error.code === 'unreachable' ? unreachable : localize(error.message);
  return error instanceof Error ? error.message : String(error);
}

export function ErrorBox({ error, testId }: { error: unknown; testId?: string }) {
  const t = useWebT();
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {errorText(error, t('web.unreachable'))}
    </p>
  );
}

/** A page whose API the portal does not have yet. */
export function NotAvailable({ routes }: { routes: string[] }) {
  const t = useWebT();
  return (
    <section className="card callout-warning" aria-labelledby="not-available-title" data-testid="not-available" data-routes={routes.join(' ')}>
      <h2 id="not-available-title">{t('web.notAvailable.title')}</h2>
      <p>{t('web.notAvailable.text')}</p>
    </section>
  );
}

/** The field's message from a refusal's issues, in the active language. */
export function issueAt(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.issues.find((i) => i.path === path);
  return found ? localize(found.message) : undefined;
}
