import { useState } from 'react';
import { LogOnCard } from '../../../../renderer/src/components/connected/LogOnCard.js';
import type { ContractError } from '../../../../renderer/src/lib/errors.js';
import { ApiError, apiQuiet } from '../api.js';
import { Link } from '../components/Link.js';
import { PageHeader } from '../components/Page.js';
import { useWebT } from '../i18n/index.js';
import { LogOnInput } from '../../../../shared/portal/accounts.js';
import { useSession } from '../state.js';

/** A refusal in the shape the companion's form parts read ({ code, message, issues }). */
export function asContractError(error: unknown, unreachable: string): ContractError {
  if (error instanceof ApiError) {
    if (error.code === 'unreachable') return { code: 'unreachable', message: unreachable };
    return { code: error.code as ContractError['code'], message: error.message, issues: error.issues };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * E-mail and password, then the authenticator (or a recovery) code when the portal answers
 * mfa_required: the companion's log-on card, over the web session's log-on.
 */
export function LogOnPage({ lead }: { lead?: string }) {
  const t = useWebT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  return (
    <div className="narrow-page">
      <PageHeader title={t('web.logOn.heading')} lead={lead ?? t('web.logOn.intro')} />
      <LogOnCard
        busy={busy}
        error={error}
        onLogOn={async (input) => {
          // The shared schema first: an empty field is said at once, in the person's language.
          const checked = LogOnInput.safeParse(input);
          if (!checked.success) {
            setError({ code: 'invalid_input', message: checked.error.issues[0]!.message, issues: checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
            return null;
          }
          setBusy(true);
          try {
            const session = await apiQuiet('webLogOn', { body: input });
            setError(null);
            useSession.getState().signedIn(session.account, session.csrfToken);
            return session;
          } catch (e) {
            setError(asContractError(e, t('web.unreachable')));
            return null;
          } finally {
            setBusy(false);
          }
        }}
      />
      <p>
        {t('web.logOn.noAccount')} <Link to="/sign-up">{t('web.logOn.signUp')}</Link>
      </p>
    </div>
  );
}
