import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { SystemSummary } from '../../../../shared/portal/systems.js';
import { call } from '../../companion.js';
import type { ContractError } from '../../lib/errors.js';
import type { SystemWork } from '../../stores/portal.js';
import { localize } from '../../i18n/said.js';

interface Props {
  work: SystemWork;
  busy: boolean;
  error: ContractError | null;
  onEdit(change: Partial<SystemWork>): void;
  onContinue(): void;
  onCancel(): void;
}

/**
 * Step 1 when the work came from the Site screen: the System IDs are the site's, no request code.
 * For an association, the person picks the registration the new System ID continues: the old ID
 * the site's history knows is preselected, and the account's systems can be searched.
 */
export function SiteWorkCard({ work, busy, error, onEdit, onContinue, onCancel }: Props) {
  const { t } = useTranslation();
  const site = work.site!;
  const shadows = site.serverCount - 1;
  const locked = work.step !== 'start';
  const servers = shadows > 0 ? t('site.online.withShadows', { lead: site.leadName, count: shadows }) : site.leadName;
  return (
    <section className="card" aria-labelledby="site-work-title" data-testid="site-work">
      <h2 id="site-work-title" tabIndex={-1}>
        {work.kind === 'associate' ? t('site.online.associateTitle', { name: site.leadName }) : t('site.online.registerTitle', { name: site.leadName })}
      </h2>
      {work.kind === 'register' ? (
        <p>
          <Trans
            i18nKey="site.online.register"
            count={site.serverCount}
            values={{ id: work.systemId, servers }}
            components={{ code: <code data-testid="site-system-id" /> }}
          />
        </p>
      ) : (
        <>
          <p>
            <Trans
              i18nKey="site.online.associate"
              values={{ lead: site.leadName, id: work.newSystemId, servers }}
              components={{ code: <code data-testid="site-new-system-id" /> }}
            />
          </p>
          <ReplacedPicker value={work.systemId} disabled={locked} onChange={(systemId) => onEdit({ systemId })} />
        </>
      )}
      {/* The portal's error, in the chosen language. */}
      {error && !locked && (
        <p className="error" role="alert">
          {localize(error.message)}
        </p>
      )}
      {!locked && (
        <div className="actions left">
          <button type="button" onClick={onContinue} disabled={busy || !work.systemId.trim()}>
            {busy ? t('site.online.asking') : t('common.continue')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

/** The old System ID: typed, or picked from the account's systems that match what is typed. */
function ReplacedPicker({ value, disabled, onChange }: { value: string; disabled: boolean; onChange(systemId: string): void }) {
  const { t } = useTranslation();
  const [matches, setMatches] = useState<SystemSummary[] | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  useEffect(() => {
    if (disabled) return;
    const timer = setTimeout(() => {
      call('portal.systems.list', { q: value.trim() || undefined, sort: 'systemId', order: 'asc', limit: 8, offset: 0 })
        .then((page) => {
          setMatches(page.items);
          setLookupError(null);
        })
        .catch((e: { message: string }) => setLookupError(localize(e.message)));
    }, 250);
    return () => clearTimeout(timer);
  }, [value, disabled]);
  return (
    <div className="field">
      <label htmlFor="replaced-id">{t('site.online.replaced')}</label>
      <input id="replaced-id" value={value} maxLength={256} disabled={disabled} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      {!disabled && matches && matches.length > 0 && (
        <fieldset className="choices" aria-label={t('site.online.yourSystems')}>
          <legend className="small muted">{t('site.online.yourSystems')}</legend>
          {matches.map((s) => (
            <label key={s.registrationId} className="choice">
              <input type="radio" name="replaced" checked={s.systemId === value.trim()} onChange={() => onChange(s.systemId)} /> <code>{s.systemId}</code> {s.siteName}
              {s.city && `, ${s.city}`}
            </label>
          ))}
        </fieldset>
      )}
      {!disabled && matches?.length === 0 && <p className="muted small">{t('site.online.noMatch')}</p>}
      {lookupError && <p className="muted small">{t('site.online.lookupFailed', { error: lookupError })}</p>}
    </div>
  );
}
