// Reads a whole site: every root the user listed, and every server attached below each one,
// with a bounded number of servers in flight at once. Progress is reported as it goes; a server
// that fails is recorded with its reason and the read goes on; cancelling stops new work at once.
// What a server could not tell (its children, its registration) is left as unknown, never as
// empty: the store keeps what it knew (site-store.ts, saveRead).
import type { DiscoveryProgress, ReadFailure, ServerKind } from '../../../shared/domain/server.js';
import { ConnectorError, type SiteConnector } from '../connectors/connector.js';
import type { ReadServer } from '../store/site-store.js';
import { say } from '../../../shared/messages/say.js';

export interface DiscoveryInput {
  roots: string[];
  connector: SiteConnector;
  concurrency: number;
  signal: AbortSignal;
  onProgress: (progress: DiscoveryProgress) => void;
  /** Kinds known from earlier reads, for a child that could not be read this time. */
  knownKinds?: ReadonlyMap<string, ServerKind>;
  /** The least time between two progress reports (the last one is always sent). */
  progressEveryMs?: number;
}

export interface DiscoveryOutcome {
  servers: ReadServer[];
  failures: ReadFailure[];
  cancelled: boolean;
}

const asConnectorError = (error: unknown) => (error instanceof ConnectorError ? error : new ConnectorError('unreachable', say('common.unexpectedError', { error: (error as Error).message })));

export async function discover(input: DiscoveryInput): Promise<DiscoveryOutcome> {
  const { connector, signal } = input;
  const servers: ReadServer[] = [];
  const failures: ReadFailure[] = [];
  const parentOf = new Map<string, string | null>(input.roots.map((r) => [r, null]));
  /** Servers a parent listed without an address: matched by name to a root read this time. */
  const unplaced = new Map<string, string[]>();
  const hosts = new Map<string, boolean>();
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
    let identity;
    try {
      identity = await connector.readIdentity(address, signal);
    } catch (error) {
      if (signal.aborted) return;
      const { failure, message } = asConnectorError(error);
      failures.push({ address, kind: failure, reason: message });
      return;
    }
    const notes: string[] = [];
    let children: string[] | null = null;
    // Three tiers at most (DOMAIN.md): a server two below a top server is an automation server,
    // which has no servers attached, so its list is not asked for.
    const parent = parentOf.get(address) ?? null;
    const tier3 = parent !== null && (parentOf.get(parent) ?? null) !== null;
    if (tier3) hosts.set(address, false);
    else {
      try {
        const listed = await connector.readChildren(address, signal);
        hosts.set(address, listed.hostsServers);
        children = [];
        for (const child of listed.children) {
          if (child.address === null) {
            unplaced.set(address, [...(unplaced.get(address) ?? []), child.name]);
            continue;
          }
          children.push(child.address);
          if (parentOf.has(child.address)) {
            // Listed as a root too: it is attached here, not stand-alone.
            if (parentOf.get(child.address) === null && child.address !== address) parentOf.set(child.address, address);
            continue;
          }
          parentOf.set(child.address, address);
          queue.push(child.address);
        }
        pump(); // children start in the free slots now, not when this server is done
      } catch (error) {
        // Cancelled or failed, the list is unknown (null), never empty: nothing below is dropped.
        children = null;
        if (!signal.aborted) notes.push(say('site.childrenNotListed', { error: asConnectorError(error).message }));
      }
    }
    let registration = null;
    if (connector.readRegistration) {
      try {
        const read = await connector.readRegistration(address, signal);
        if (read.ok) registration = read.registration;
        else notes.push(read.problem);
      } catch (error) {
        if (!signal.aborted) notes.push(say('site.registrationNotRead', { error: asConnectorError(error).message }));
      }
    }
    // Kept even when the read was cancelled after its identity: servers below it may have started.
    const { model, version, systemId } = identity;
    servers.push({ address, parentAddress: null, systemId, name: identity.name || address, kind: 'automation-server', model, version, registration, children, unplaced: [], note: notes.join(' ') || null });
  };

  let finished = () => {};
  function pump() {
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
    if (active === 0 && (signal.aborted || next >= queue.length)) finished();
  }
  await new Promise<void>((resolve) => {
    finished = resolve;
    pump();
  });

  // A child its parent named without an address is the root of the same name, if one was read.
  for (const [parent, names] of unplaced) {
    const missing: string[] = [];
    for (const name of names) {
      const root = servers.find((s) => s.name === name && parentOf.get(s.address) === null && s.address !== parent);
      if (root) {
        parentOf.set(root.address, parent);
        servers.find((s) => s.address === parent)?.children?.push(root.address);
      } else missing.push(name);
    }
    const server = servers.find((s) => s.address === parent);
    if (server) server.unplaced = missing;
    if (server && missing.length) {
      const first = missing.slice(0, 5).join(', ');
      const names = missing.length > 5 ? say('site.namesAndMore', { names: first, count: missing.length - 5 }) : first;
      server.note = [server.note, missing.length === 1 ? say('site.unplacedOne', { names }) : say('site.unplacedMany', { names })].filter(Boolean).join(' ');
    }
  }

  // Kinds from the hierarchy (no EWS element names a model, fact sheet 5.6): a server that hosts
  // servers is an Enterprise Server, and one that hosts Enterprise Servers an Enterprise Central.
  const hostsKnown = (address: string) => hosts.get(address) ?? (input.knownKinds?.get(address) ?? 'automation-server') !== 'automation-server';
  const childrenOf = new Map<string, string[]>();
  for (const [child, parent] of parentOf) if (parent !== null) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
  for (const s of servers) {
    s.parentAddress = parentOf.get(s.address) ?? null;
    if (!hostsKnown(s.address)) s.kind = 'automation-server';
    else s.kind = (childrenOf.get(s.address) ?? []).some(hostsKnown) ? 'enterprise-central' : 'enterprise-server';
  }
  current = null;
  report(true);
  return { servers, failures, cancelled: signal.aborted };
}
