import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadChange } from '../stores/site.js';
import { localize } from '../i18n/said.js';

/** Confirms a lead change that overwrites a stand-alone server's own registration. */
export function OverwriteDialog({ change, onConfirm, onCancel }: { change: LeadChange; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="overwrite-title" onCancel={onCancel}>
      <h2 id="overwrite-title">{t('site.overwrite.title')}</h2>
      {change.warnings.map((w) => (
        <div key={w.address} className="warning-box" data-testid="overwrite-warning">
          {/* Main's warning, in the chosen language. */}
          <p>{localize(w.message)}</p>
          <dl className="facts">
            <dt>{t('site.overwrite.server')}</dt>
            <dd>
              {w.name} <code>{w.systemId}</code>
            </dd>
            {w.registration.organization && (
              <>
                <dt>{t('site.overwrite.registeredTo')}</dt>
                <dd>{w.registration.organization}</dd>
              </>
            )}
            {w.registration.siteName && (
              <>
                <dt>{t('site.overwrite.site')}</dt>
                <dd>{w.registration.siteName}</dd>
              </>
            )}
            {w.registration.code && (
              <>
                <dt>{t('site.overwrite.code')}</dt>
                <dd>
                  <code>{w.registration.code}</code>
                </dd>
              </>
            )}
          </dl>
        </div>
      ))}
      <p className="muted">{t('site.overwrite.advice')}</p>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {t('site.overwrite.confirm')}
        </button>
      </div>
    </dialog>
  );
}
