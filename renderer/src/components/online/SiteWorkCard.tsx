import { useEffect, useState } from 'react';
import type { SystemSummary } from '../../../../shared/portal/systems.js';
import { call } from '../../companion.js';
import type { ContractError } from '../../lib/errors.js';
import type { SystemWork } from '../../stores/portal.js';

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
  const site = work.site!;
  const shadows = site.serverCount - 1;
  const locked = work.step !== 'start';
  const servers = `${site.leadName}${shadows > 0 ? ` and its ${shadows} shadow${shadows === 1 ? '' : 's'}` : ''}`;
  return (
    <section className="card" aria-labelledby="site-work-title" data-testid="site-work">
      <h2 id="site-work-title" tabIndex={-1}>
        {work.kind === 'associate' ? `Associate ${site.leadName}'s new System ID online` : `Register ${site.leadName} online`}
      </h2>
      {work.kind === 'register' ? (
        <p>
          System ID <code data-testid="site-system-id">{work.systemId}</code>. The registration is saved on the portal and written to {servers} ({site.serverCount}{' '}
          {site.serverCount === 1 ? 'server' : 'servers'}), with no codes.
        </p>
      ) : (
        <>
          <p>
            {site.leadName} shows the new System ID <code data-testid="site-new-system-id">{work.newSystemId}</code> since its database was wiped. Choose the registration it continues; the
            portal keeps both IDs in its history, and the registration is written to {servers}.
          </p>
          <ReplacedPicker value={work.systemId} disabled={locked} onChange={(systemId) => onEdit({ systemId })} />
        </>
      )}
      {error && !locked && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {!locked && (
        <div className="actions left">
          <button type="button" onClick={onContinue} disabled={busy || !work.systemId.trim()}>
            {busy ? 'Asking the portal…' : 'Continue'}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}

/** The old System ID: typed, or picked from the account's systems that match what is typed. */
function ReplacedPicker({ value, disabled, onChange }: { value: string; disabled: boolean; onChange(systemId: string): void }) {
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
        .catch((e: { message: string }) => setLookupError(e.message));
    }, 250);
    return () => clearTimeout(timer);
  }, [value, disabled]);
  return (
    <div className="field">
      <label htmlFor="replaced-id">Registration it continues (its System ID before the wipe)</label>
      <input id="replaced-id" value={value} maxLength={256} disabled={disabled} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      {!disabled && matches && matches.length > 0 && (
        <fieldset className="choices" aria-label="Your registered systems">
          <legend className="small muted">Your registered systems</legend>
          {matches.map((s) => (
            <label key={s.registrationId} className="choice">
              <input type="radio" name="replaced" checked={s.systemId === value.trim()} onChange={() => onChange(s.systemId)} /> <code>{s.systemId}</code> {s.siteName}
              {s.city && `, ${s.city}`}
            </label>
          ))}
        </fieldset>
      )}
      {!disabled && matches?.length === 0 && <p className="muted small">None of your systems matches; type the System ID the server had before the wipe.</p>}
      {lookupError && <p className="muted small">Your systems could not be listed ({lookupError}); type the System ID instead.</p>}
    </div>
  );
}
