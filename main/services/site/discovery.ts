// Reads a whole site: every root the user listed, and every server attached below each one,
// with a bounded number of servers in flight at once. Progress is reported as it goes; a server
// that fails is recorded with its reason and the read goes on; cancelling stops new work at once.
import type { DiscoveryProgress, ReadFailure } from '../../../shared/domain/server.js';
import { ConnectorError, type SiteConnector } from '../connectors/connector.js';
import type { ReadServer } from '../store/site-store.js';

export interface DiscoveryInput {
  roots: string[];
  connector: SiteConnector;
  concurrency: number;
  signal: AbortSignal;
  onProgress: (progress: DiscoveryProgress) => void;
  /** The least time between two progress reports (the last one is always sent). */
  progressEveryMs?: number;
}

export interface DiscoveryOutcome {
  servers: ReadServer[];
  failures: ReadFailure[];
  cancelled: boolean;
}

export async function discover(input: DiscoveryInput): Promise<DiscoveryOutcome> {
  const { connector, signal } = input;
  const servers: ReadServer[] = [];
  const failures: ReadFailure[] = [];
  const parentOf = new Map<string, string | null>(input.roots.map((r) => [r, null]));
  const queue = [...input.roots];
  let next = 0;
  let done = 0;
  let active = 0;
  let current: string | null = null;
  let lastReport = 0;

  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < (input.progressEveryMs ?? 100)) return;
    lastReport = now;
    input.onProgress({ running: !force, done, total: parentOf.size, failed: failures.length, current, cancelled: signal.aborted });
  };

  const readOne = async (address: string) => {
    current = address;
    try {
      const identity = await connector.readIdentity(address, signal);
      if (identity.kind !== 'automation-server') {
        for (const child of await connector.readChildren(address, signal)) {
          if (parentOf.has(child.address)) {
            // Listed as a root too: it is attached here, not stand-alone.
            if (parentOf.get(child.address) === null && child.address !== address) parentOf.set(child.address, address);
            continue;
          }
          parentOf.set(child.address, address);
          queue.push(child.address);
        }
      }
      const registration = connector.readRegistration ? await connector.readRegistration(address, signal) : null;
      servers.push({ address, parentAddress: null, registration, ...identity });
    } catch (error) {
      if (signal.aborted) return;
      const e = error instanceof ConnectorError ? error : new ConnectorError('unreachable', `Unexpected error: ${(error as Error).message}`);
      failures.push({ address, kind: e.failure, reason: e.message });
    }
  };

  await new Promise<void>((resolve) => {
    const pump = () => {
      while (!signal.aborted && active < input.concurrency && next < queue.length) {
        const address = queue[next++]!;
        active++;
        void readOne(address).finally(() => {
          active--;
          done++;
          report();
          pump();
        });
      }
      if (active === 0 && (signal.aborted || next >= queue.length)) resolve();
    };
    pump();
  });

  for (const s of servers) s.parentAddress = parentOf.get(s.address) ?? null;
  current = null;
  report(true);
  return { servers, failures, cancelled: signal.aborted };
}
