// How a server is named in lists and choices.
import { SERVER_KIND_LABELS, type ServerView } from '../../../shared/domain/server.js';

/** "ES-1 (Enterprise Server)"; just "Enterprise Server" when the server is named after its type. */
export function nameWithKind(server: Pick<ServerView, 'name' | 'kind'>): string {
  const kind = SERVER_KIND_LABELS[server.kind];
  return server.name.trim().toLowerCase() === kind.toLowerCase() ? server.name : `${server.name} (${kind})`;
}
