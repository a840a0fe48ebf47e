// What every System Information page has, the account's own system's and a customer's alike.
import type { ReactElement } from 'react';
import { Trans } from 'react-i18next';
import { t } from '../../i18n/index.js';
import { ScreenLink } from '../ScreenLink.js';

/** The header's actions: read the page again, print it. */
export function InfoActions({ loading, onReload }: { loading: boolean; onReload(): void }) {
  return (
    <div className="header-actions no-print">
      <button type="button" className="secondary" onClick={onReload} disabled={loading}>
        {loading ? t('systems.info.loading') : t('systems.info.reload')}
      </button>
      <button type="button" onClick={() => window.print()}>
        {t('systems.info.print')}
      </button>
    </div>
  );
}

/**
 * What the page shows instead of the system until it can load it: no System ID in the address,
 * the session still being checked, nobody logged on. Null once it can. (Called from a component
 * that re-renders on a language change, so `t` is the language of the moment.)
 */
export function infoGate({ systemId, sessionKnown, loggedOn }: { systemId: string | null; sessionKnown: boolean; loggedOn: boolean }): ReactElement | null {
  if (!systemId) {
    return (
      <p className="error" role="alert" data-testid="info-no-id">
        <Trans i18nKey="systems.info.noId" components={{ systems: <ScreenLink screen="systems" /> }} />
      </p>
    );
  }
  if (!sessionKnown) {
    return (
      <p className="muted" role="status">
        {t('systems.checkingSession')}
      </p>
    );
  }
  if (!loggedOn) {
    return (
      <div className="card" data-testid="info-logged-off">
        <h2>{t('systems.logOnFirst')}</h2>
        <p>
          <Trans i18nKey="systems.info.loggedOff" components={{ portal: <ScreenLink screen="portal" /> }} />
        </p>
      </div>
    );
  }
  return null;
}
