// What writing a registration did on each server of a request, online or offline alike: the
// outbox batch's rows laid over the servers the request named, and one phrase for a person.
import type { OfflineRequestView } from '../../../shared/domain/offline.js';
import type { PropagationBatch } from './propagation.js';

export type WrittenServer = OfflineRequestView['servers'][number];

export function writtenServers(servers: readonly { address: string; name: string; systemId: string }[], batch: PropagationBatch | null): WrittenServer[] {
  return servers.map((s) => {
    const written = batch?.rows.find((r) => r.address === s.address);
    return {
      ...s,
      state: written?.state ?? ('waiting' as const),
      attempts: written?.attempts ?? 0,
      // A row a newer registration of the server superseded is no longer this batch's to write.
      lastError: written?.lastError ?? (batch && !written ? 'Replaced by a newer registration of this server.' : null),
      doneAt: written?.doneAt ?? null,
    };
  });
}

/** "written to all 4 servers", "written to 2 of 4 servers; 1 failed and can be retried". */
export function writtenPhrase(servers: readonly WrittenServer[]): string {
  const done = servers.filter((s) => s.state === 'done').length;
  const failed = servers.filter((s) => s.state === 'failed').length;
  if (done === servers.length) return `written to ${servers.length === 1 ? 'the server' : `all ${servers.length} servers`}`;
  return `written to ${done} of ${servers.length} servers${failed ? `; ${failed} failed and can be retried` : '; the rest are being retried'}`;
}
