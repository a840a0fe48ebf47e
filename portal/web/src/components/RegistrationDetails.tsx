// What a registration's page shares, for the account's own systems (pages/SystemPage.tsx) and for
// a customer's registration (pages/CustomerSystemPage.tsx): the page with the way back to the list
// and the System ID under its heading, why nothing is shown, and the registration's summary and
// sections (the companion's System Information: renderer/src/components/systems/).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Facts, InfoSection } from '../../../../renderer/src/components/systems/Facts.js';
import { formatWhen } from '../../../../renderer/src/components/systems/format.js';
import { SystemIdHistory } from '../../../../renderer/src/components/systems/RecordTables.js';
import { AdministratorSection, ConsentSection, InstallationSection, OwnersSection, WarrantySection } from '../../../../renderer/src/components/systems/RegistrationSections.js';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { ApiError } from '../api.js';
import { useWebT } from '../i18n/index.js';
import type { AppAddress } from '../state.js';
import { Link } from './Link.js';
import { PageHeader } from './Page.js';

/**
 * The page: the link back to the list it was opened from, the heading with the System ID under it
 * (with the registration's `status` once loaded, then `lead`) and the `actions`, then `children`.
 */
export function RegistrationScreen({
  testId,
  busy,
  back,
  title,
  systemId,
  status,
  lead,
  actions,
  children,
}: {
  testId: string;
  busy: boolean;
  back: { to: AppAddress; text: string };
  title: string;
  systemId: string | null;
  status?: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const t = useWebT();
  return (
    <div className="screen system-info web-system" aria-busy={busy} data-testid={testId}>
      <p className="sys-back">
        <Link to={back.to}>
          <span aria-hidden="true">← </span>
          {back.text}
        </Link>
      </p>
      <PageHeader
        title={title}
        lead={
          systemId && (
            <>
              <span className="sys-id-line">
                {t('web.system.systemId')} <code data-testid="system-id">{systemId}</code>
                {status}
              </span>
              {lead}
            </>
          )
        }
        actions={actions}
      />
      {children}
    </div>
  );
}

/**
 * Why the registration is not shown, and the way back to the list. "Try again" only where it may
 * help: not after a 403 or a 404 (`error`), nor without `onRetry`.
 */
export function Refusal({ text, error, onRetry, back, testId }: { text: string; error?: unknown; onRetry?: () => void; back: { to: AppAddress; text: string }; testId: string }) {
  const t = useWebT();
  const final = error instanceof ApiError && (error.status === 403 || error.status === 404);
  return (
    <div className="error sys-error" role="alert" data-testid={testId}>
      <p>{text}</p>
      <p className="web-refusal-actions">
        <Link to={back.to}>{back.text}</Link>
        {onRetry && !final && (
          <button type="button" className="secondary" onClick={onRetry}>
            {t('web.common.retry')}
          </button>
        )}
      </p>
    </div>
  );
}

/**
 * The registration's summary and its sections. The summary starts with the site and ends with when
 * it was registered and last changed; `facts` are the rows between. `children` follow the System ID history.
 */
export function RegistrationDetails({ r, facts, children }: { r: RegistrationView; facts: [label: string, value: ReactNode][]; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="sys-info-body">
      <InfoSection id="sys-summary" title={t('systems.summary.title')} testId="info-summary">
        <Facts
          rows={[
            [t('systems.summary.site'), r.installation.siteName],
            ...facts,
            [t('systems.summary.registered'), formatWhen(r.createdAt)],
            [t('systems.summary.lastChange'), t('systems.summary.lastChangeValue', { when: formatWhen(r.updatedAt), revision: r.revision })],
          ]}
        />
      </InfoSection>
      <div className="sys-columns">
        <InstallationSection r={r} />
        <AdministratorSection r={r} />
        <WarrantySection r={r} />
        <ConsentSection r={r} />
      </div>
      <OwnersSection r={r} />
      <SystemIdHistory r={r} />
      {children}
    </div>
  );
}
