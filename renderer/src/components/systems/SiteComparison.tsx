// What the portal holds beside what each server of this companion's last read reports: System ID,
// the registration it holds, lead or shadow. A difference is written out ("Differs", an icon and
// the reason), never shown by colour alone, and comes with the button that fixes it.
import { useEffect, useRef, type ReactNode } from 'react';
import type { SiteDifference, SystemInformationView } from '../../../../shared/domain/online.js';
import type { ActionOutcome } from '../../stores/systems.js';
import { InfoSection } from './Facts.js';
import { formatWhen } from './format.js';

export type FixAction = NonNullable<SiteDifference['action']>;

export const ACTION_LABELS: Record<FixAction, string> = {
  'write-again': 'Write again',
  associate: 'Associate new System ID',
  'rewrite-shadow': 'Write lead’s registration again',
  'read-again': 'Read the site again',
  register: 'Register on the Site screen',
};

const STATE_WORDS: Record<SiteDifference['state'], string> = {
  ok: 'In step',
  'not-written': 'Not written',
  'other-registration': 'Other registration',
  'needs-association': 'Needs association',
  'wiped-shadow': 'Wiped shadow',
  'not-in-inventory': 'Not reported',
  unreachable: 'Not read',
};

interface PortalSide {
  systemId: string | null;
  role: 'lead' | 'shadow' | null;
  holds: string;
}

/** What the portal expects of one server: the lead carries the current System ID; a shadow is known by the inventory. */
function portalSide(row: SiteDifference, view: SystemInformationView): PortalSide {
  const current = view.portal.registration.systemId;
  if (row.role === 'lead') return { systemId: current, role: 'lead', holds: current };
  const reported = view.portal.inventory?.servers.find((s) => s.systemId === row.systemId) ?? view.portal.inventory?.servers.find((s) => s.name === row.name && s.role === 'shadow');
  return { systemId: reported?.systemId ?? null, role: reported?.role ?? null, holds: current };
}

/** One compared value: the portal's above the server's, with "Differs" written when they do. */
function Compared({ portal, server, differs }: { portal: ReactNode; server: ReactNode; differs: boolean }) {
  return (
    <div className={`sys-compare${differs ? ' sys-differs' : ''}`}>
      <span className="sys-side">
        <span className="sys-side-label">Portal</span> {portal}
      </span>
      <span className="sys-side">
        <span className="sys-side-label">Server</span> {server}
      </span>
      {differs && (
        <span className="sys-differs-word">
          <span aria-hidden="true">≠ </span>Differs
        </span>
      )}
    </div>
  );
}

const none = (text: string) => <span className="muted">{text}</span>;
const roleWord = (role: 'lead' | 'shadow' | null) => (role === 'lead' ? 'Lead' : role === 'shadow' ? 'Shadow' : none('Not reported'));

function ComparisonRow({ row, view, acting, onAction }: { row: SiteDifference; view: SystemInformationView; acting: string | null; onAction(row: SiteDifference, action: FixAction): void }) {
  const p = portalSide(row, view);
  const ok = row.state === 'ok';
  const busy = acting !== null;
  return (
    <tr className={ok ? 'sys-row-ok' : 'sys-row-diff'} data-testid="compare-row" data-state={row.state}>
      <th scope="row">
        {row.name}
        {row.address && <div className="muted small">{row.address}</div>}
      </th>
      <td className="sys-state">
        <strong className={ok ? 'sys-state-ok' : 'sys-state-diff'}>
          <span aria-hidden="true">{ok ? '✓ ' : '⚠ '}</span>
          {STATE_WORDS[row.state]}
        </strong>
        <div>{row.message}</div>
        {row.action && (
          <button type="button" className={`sys-fix no-print${row.action === 'read-again' ? ' secondary' : ''}`} disabled={busy} onClick={() => onAction(row, row.action!)} data-testid={`action-${row.action}`}>
            {acting === `${row.action} ${row.address}` ? 'Working…' : ACTION_LABELS[row.action]}
            <span className="visually-hidden"> for {row.name}</span>
          </button>
        )}
      </td>
      <td>
        <Compared portal={p.systemId ? <code>{p.systemId}</code> : none('Not reported')} server={<code>{row.systemId}</code>} differs={p.systemId !== null && p.systemId !== row.systemId} />
      </td>
      <td>
        <Compared portal={<code>{p.holds}</code>} server={row.holdsFor ? <code>{row.holdsFor}</code> : none('None')} differs={row.holdsFor !== p.holds} />
      </td>
      <td>
        <Compared portal={roleWord(p.role)} server={roleWord(row.role)} differs={p.role !== null && p.role !== row.role} />
      </td>
    </tr>
  );
}

export function SiteComparison({ view, acting, outcome, onAction }: { view: SystemInformationView; acting: string | null; outcome: ActionOutcome | null; onAction(row: SiteDifference, action: FixAction): void }) {
  const site = view.site!;
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  // After an action, focus goes to what it did, so a screen reader reads it and the keyboard is near it.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const differing = site.servers.filter((s) => s.state !== 'ok').length;
  return (
    <InfoSection id="sys-site" title="Portal and site side by side" testId="info-site">
      <p>
        As this companion last read the site{site.readAt ? ` (${formatWhen(site.readAt)})` : ''}:{' '}
        {differing === 0 ? (
          <strong className="sys-state-ok">
            <span aria-hidden="true">✓ </span>every server is in step with the portal.
          </strong>
        ) : (
          <strong className="sys-state-diff">
            <span aria-hidden="true">⚠ </span>
            {differing} of {site.servers.length} {site.servers.length === 1 ? 'server differs' : 'servers differ'} from the portal.
          </strong>
        )}
      </p>
      {outcome && (
        <p ref={outcomeRef} tabIndex={-1} className={outcome.ok ? 'sys-done' : 'error'} role={outcome.ok ? 'status' : 'alert'} data-testid="action-outcome">
          {outcome.message}
        </p>
      )}
      <div className="sys-scroll" tabIndex={0} role="region" aria-label="Portal and site side by side (scrolls sideways on a narrow window)">
        <table className="sys-data sys-compare-table">
          <caption className="visually-hidden">Each server: what the portal holds and what the server reports</caption>
          <thead>
            <tr>
              <th scope="col">Server</th>
              <th scope="col">State and what fixes it</th>
              <th scope="col">System ID</th>
              <th scope="col">Registration held</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {site.servers.map((row) => (
              <ComparisonRow key={`${row.address} ${row.systemId}`} row={row} view={view} acting={acting} onAction={onAction} />
            ))}
          </tbody>
        </table>
      </div>
    </InfoSection>
  );
}
