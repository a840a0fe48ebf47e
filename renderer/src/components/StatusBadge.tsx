import { SERVER_STATUS_LABELS, type ServerStatus } from '../../../shared/domain/server.js';

export function StatusBadge({ status }: { status: ServerStatus }) {
  return (
    <span className={`badge badge-${status}`} data-testid="status">
      {SERVER_STATUS_LABELS[status]}
    </span>
  );
}
