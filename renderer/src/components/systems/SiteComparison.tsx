// What the portal holds beside what each server of this companion's last read reports: System ID,
// the registration it holds, lead or shadow. A difference is written out ("Differs", an icon and
// the reason), never shown by colour alone, and comes with the button that fixes it.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteDifference, SystemInformationView } from '../../../../shared/domain/online.js';
import type { ActionOutcome } from '../../stores/systems.js';
import { InfoSection } from './Facts.js';
import { t } from '../../i18n/index.js';
import { formatWhen } from './format.js';
import { localize } from '../../i18n/said.js';

export type FixAction = NonNullable<SiteDifference['action']>;

/** Each fix's button label: systems.compare.actions.<key>. */
export const ACTION_KEYS = {
  'write-again': 'writeAgain',
  associate: 'associate',
  'rewrite-shadow': 'rewriteShadow',
  'read-again': 'readAgain',
  register: 'register',
} as const satisfies Record<FixAction, string>;

/** Each state's word: systems.compare.states.<key>. (The reason under it comes from main, localized.) */
const STATE_KEYS = {
  ok: 'ok',
  'not-written': 'notWritten',
  'other-registration': 'otherRegistration',
  'needs-association': 'needsAssociation',
  'wiped-shadow': 'wipedShadow',
  'not-in-inventory': 'notInInventory',
  unreachable: 'unreachable',
} as const satisfies Record<SiteDifference['state'], string>;

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
  const { t } = useTranslation();
  return (
    <div className={`sys-compare${differs ? ' sys-differs' : ''}`}>
      <span className="sys-side">
        <span className="sys-side-label">{t('systems.compare.portalSide')}</span> {portal}
      </span>
      <span className="sys-side">
        <span className="sys-side-label">{t('systems.compare.serverSide')}</span> {server}
      </span>
      {differs && (
        <span className="sys-differs-word">
          <span aria-hidden="true">≠ </span>
          {t('systems.compare.differs')}
        </span>
      )}
    </div>
  );
}

const none = (text: string) => <span className="muted">{text}</span>;
const roleWord = (role: 'lead' | 'shadow' | null) => (role === 'lead' ? t('systems.compare.lead') : role === 'shadow' ? t('systems.compare.shadow') : none(t('systems.compare.notReported')));

function ComparisonRow({ row, view, acting, onAction }: { row: SiteDifference; view: SystemInformationView; acting: string | null; onAction(row: SiteDifference, action: FixAction): void }) {
  const { t } = useTranslation();
  const p = portalSide(row, view);
  const ok = row.state === 'ok';
  const busy = acting !== null;
  return (
    <tr className={ok ? 'sys-row-ok' : 'sys-row-diff'} data-testid="compare-row" data-state={row.state}>
      <th scope="row">
        {row.name}
        {row.address && <div className="muted small">{row.address}</div>}
      </th>
      <td className="sys-state" data-label={t('systems.compare.stateAndFix')}>
        <strong className={ok ? 'sys-state-ok' : 'sys-state-diff'}>
          <span aria-hidden="true">{ok ? '✓ ' : '⚠ '}</span>
          {t(`systems.compare.states.${STATE_KEYS[row.state]}`)}
        </strong>
        <div>{localize(row.message)}</div>
        {row.action && (
          <button type="button" className={`sys-fix no-print${row.action === 'read-again' ? ' secondary' : ''}`} disabled={busy} onClick={() => onAction(row, row.action!)} data-testid={`action-${row.action}`}>
            {acting === `${row.action} ${row.address}` ? t('systems.compare.working') : t(`systems.compare.actions.${ACTION_KEYS[row.action]}`)}
            <span className="visually-hidden">{t('systems.compare.forServer', { name: row.name })}</span>
          </button>
        )}
      </td>
      <td data-label={t('systems.compare.systemId')}>
        <Compared portal={p.systemId ? <code>{p.systemId}</code> : none(t('systems.compare.notReported'))} server={<code>{row.systemId}</code>} differs={p.systemId !== null && p.systemId !== row.systemId} />
      </td>
      <td data-label={t('systems.compare.held')}>
        <Compared portal={<code>{p.holds}</code>} server={row.holdsFor ? <code>{row.holdsFor}</code> : none(t('systems.compare.none'))} differs={row.holdsFor !== p.holds} />
      </td>
      <td data-label={t('systems.compare.role')}>
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
  const { t } = useTranslation();
  const differing = site.servers.filter((s) => s.state !== 'ok').length;
  return (
    <InfoSection id="sys-site" title={t('systems.compare.title')} testId="info-site">
      <p>
        {site.readAt ? t('systems.compare.readAt', { when: formatWhen(site.readAt) }) : t('systems.compare.read')}{' '}
        {differing === 0 ? (
          <strong className="sys-state-ok">
            <span aria-hidden="true">✓ </span>
            {t('systems.compare.inStep')}
          </strong>
        ) : (
          <strong className="sys-state-diff">
            <span aria-hidden="true">⚠ </span>
            {t('systems.compare.differ', { differing, count: site.servers.length })}
          </strong>
        )}
      </p>
      {outcome && (
        <p ref={outcomeRef} tabIndex={-1} className={outcome.ok ? 'sys-done' : 'error'} role={outcome.ok ? 'status' : 'alert'} data-testid="action-outcome">
          {outcome.message}
        </p>
      )}
      <div className="sys-scroll" tabIndex={0} role="region" aria-label={t('systems.compare.region')}>
        <table className="sys-data sys-compare-table">
          <caption className="visually-hidden">{t('systems.compare.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('systems.compare.server')}</th>
              <th scope="col">{t('systems.compare.stateAndFix')}</th>
              <th scope="col">{t('systems.compare.systemId')}</th>
              <th scope="col">{t('systems.compare.held')}</th>
              <th scope="col">{t('systems.compare.role')}</th>
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
