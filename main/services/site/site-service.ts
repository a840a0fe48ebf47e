// Reads a site: the server the user pointed at, then every server attached below it, and records
// what it saw. A server that cannot be read is reported with its reason; the others go on.
import { normalizeServerAddress } from '../../../shared/domain/address.js';
import type { ReadFailure, SiteSnapshot } from '../../../shared/domain/server.js';
import { ServiceError } from '../../../shared/contract/result.js';
import { ConnectorError, type SiteConnector } from '../connectors/connector.js';
import type { SiteStore, StoredServer } from '../store/site-store.js';

export interface SiteServiceOptions {
  connector: SiteConnector;
  store: SiteStore;
  /** Called after every read with what the store now holds. */
  onChanged: (snapshot: SiteSnapshot) => void;
  concurrency?: number;
  now?: () => Date;
}

export class SiteService {
  private reading: Promise<SiteSnapshot> | null = null;

  constructor(private readonly options: SiteServiceOptions) {}

  snapshot(): SiteSnapshot {
    return this.options.store.snapshot();
  }

  read(address: string): Promise<SiteSnapshot> {
    const normal = normalizeServerAddress(address);
    if (!normal.ok) throw new ServiceError('invalid_input', normal.message, [{ path: 'address', message: normal.message }]);
    if (this.reading) throw new ServiceError('busy', 'A read of the site is already under way; wait for it to finish.');
    this.reading = this.readTree(normal.baseUrl).finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readTree(root: string): Promise<SiteSnapshot> {
    const { connector, store } = this.options;
    const servers: StoredServer[] = [];
    const failures: ReadFailure[] = [];
    const seen = new Set<string>([root]);
    let level: { address: string; parent: string | null }[] = [{ address: root, parent: null }];

    // Breadth first: one tier at a time, each tier read with bounded concurrency.
    while (level.length > 0) {
      const next: typeof level = [];
      await forEachLimited(level, this.options.concurrency ?? 8, async ({ address, parent }) => {
        try {
          const identity = await connector.readIdentity(address);
          servers.push({ address, parentAddress: parent, ...identity });
          if (identity.kind === 'automation-server') return; // nothing is attached below an AS
          for (const child of await connector.readChildren(address)) {
            if (seen.has(child.address)) continue;
            seen.add(child.address);
            next.push({ address: child.address, parent: address });
          }
        } catch (error) {
          failures.push({ address, reason: describe(error) });
        }
      });
      level = next;
    }

    if (servers.length === 0 && failures.length === 1) {
      const reason = failures[0]!.reason;
      throw new ServiceError('unreachable', `Could not read ${root}: ${reason}`);
    }
    store.saveRead(root, (this.options.now?.() ?? new Date()).toISOString(), servers, failures);
    const snapshot = store.snapshot();
    this.options.onChanged(snapshot);
    return snapshot;
  }
}

function describe(error: unknown): string {
  if (error instanceof ConnectorError) return error.message;
  return `Unexpected error: ${(error as Error).message}`;
}

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length) await work(items[index++]!);
  });
  await Promise.all(runners);
}
