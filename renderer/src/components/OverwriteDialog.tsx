import { useEffect, useRef } from 'react';
import type { LeadChange } from '../stores/site.js';

/** Confirms a lead change that overwrites a stand-alone server's own registration. */
export function OverwriteDialog({ change, onConfirm, onCancel }: { change: LeadChange; onConfirm(): void; onCancel(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="overwrite-title" onCancel={onCancel}>
      <h2 id="overwrite-title">This overwrites a registration</h2>
      {change.warnings.map((w) => (
        <div key={w.address} className="warning-box" data-testid="overwrite-warning">
          <p>{w.message}</p>
          <dl className="facts">
            <dt>Server</dt>
            <dd>
              {w.name} <code>{w.systemId}</code>
            </dd>
            {w.registration.organization && (
              <>
                <dt>Registered to</dt>
                <dd>{w.registration.organization}</dd>
              </>
            )}
            {w.registration.siteName && (
              <>
                <dt>Site</dt>
                <dd>{w.registration.siteName}</dd>
              </>
            )}
            {w.registration.code && (
              <>
                <dt>Registration code</dt>
                <dd>
                  <code>{w.registration.code}</code>
                </dd>
              </>
            )}
          </dl>
        </div>
      ))}
      <p className="muted">The vendor advises not to register a server that will later be attached. Write the details above down if you may need them.</p>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Overwrite and set lead
        </button>
      </div>
    </dialog>
  );
}
