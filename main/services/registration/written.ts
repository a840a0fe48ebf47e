// What writing a registration did on each server of a request, online or offline alike: the
// outbox batch's rows laid over the servers the request named, and one phrase for a person.
import type { OfflineRequestView } from '../../../shared/domain/offline.js';
import { say } from '../../../shared/messages/say.js';
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
      lastError: written?.lastError ?? (batch && !written ? say('registration.replacedByNewer') : null),
      doneAt: written?.doneAt ?? null,
    };
  });
}

/** "written to all 4 servers", "written to 2 of 4 servers; 1 failed and can be retried". */
export function writtenPhrase(servers: readonly WrittenServer[]): string {
  const done = servers.filter((s) => s.state === 'done').length;
  const failed = servers.filter((s) => s.state === 'failed').length;
  const total = servers.length;
  if (done === total) return total === 1 ? say('registration.writtenToServer') : say('registration.writtenToAll', { total });
  return failed ? say('registration.writtenSomeFailed', { done, total, failed }) : say('registration.writtenSomeRetrying', { done, total });
}
