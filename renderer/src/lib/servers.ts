// How a server is named in lists and choices, and its status and type in the active language.
// shared/domain/server.ts keeps the English labels main uses; the renderer shows these.
import type { ServerKind, ServerStatus, ServerView } from '../../../shared/domain/server.js';
import { t } from '../i18n/index.js';

const STATUS_KEYS = {
  registered: 'site.status.registered',
  inherits: 'site.status.inherits',
  unregistered: 'site.status.unregistered',
  'needs-reassociation': 'site.status.needsReassociation',
  unreachable: 'site.status.unreachable',
  'ews-disabled': 'site.status.ewsDisabled',
  'not-read': 'site.status.notRead',
} as const satisfies Record<ServerStatus, string>;

const KIND_KEYS = {
  'enterprise-central': 'site.kind.enterpriseCentral',
  'enterprise-server': 'site.kind.enterpriseServer',
  'automation-server': 'site.kind.automationServer',
} as const satisfies Record<ServerKind, string>;

/** "Registered", "Enregistré", "Registriert". Call it while rendering a component that uses useTranslation, so it follows a language change. */
export const statusLabel = (status: ServerStatus): string => t(STATUS_KEYS[status]);

/** "Enterprise Server"; "Automation server" is "Automation Server" in French and German. */
export const kindLabel = (kind: ServerKind): string => t(KIND_KEYS[kind]);

/** "ES-1 (Enterprise Server)"; just "Enterprise Server" when the server is named after its type. */
export function nameWithKind(server: Pick<ServerView, 'name' | 'kind'>): string {
  const kind = kindLabel(server.kind);
  return server.name.trim().toLowerCase() === kind.toLowerCase() ? server.name : `${server.name} (${kind})`;
}
