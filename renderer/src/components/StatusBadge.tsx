import { useTranslation } from 'react-i18next';
import type { ServerStatus } from '../../../shared/domain/server.js';
import { statusLabel } from '../lib/servers.js';

export function StatusBadge({ status }: { status: ServerStatus }) {
  useTranslation(); // re-renders on a language change
  return (
    <span className={`badge badge-${status}`} data-testid="status">
      {statusLabel(status)}
    </span>
  );
}
