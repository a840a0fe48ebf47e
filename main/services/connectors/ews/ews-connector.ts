// The EWS implementation of the connector boundary: GetWebServiceInformation for the identity,
// GetContainerItems for the servers attached below.
import { z } from 'zod';
import type { ServerKind } from '../../../../shared/domain/server.js';
import { normalizeServerAddress } from '../../../../shared/domain/address.js';
import { ConnectorError, type ChildServer, type ServerIdentity, type SiteConnector } from '../connector.js';
import { HttpTransport, type TransportOptions } from './http-transport.js';
import { soapCall } from './soap-client.js';

const Text = z.string().trim().min(1);

const InfoResponse = z.object({
  GetWebServiceInformationSystem: z.object({
    Id: Text,
    Name: Text,
    Version: Text,
    Model: z.string().optional(),
  }),
});

const ContainerItem = z.object({
  Id: z.string(),
  Name: z.string(),
  Type: z.string(),
  Address: z.string().optional(),
  Items: z.union([z.literal(''), z.object({ ContainerItem: z.array(z.unknown()).optional() })]).optional(),
});
const ContainerResponse = z.object({
  Items: z.object({ ContainerItem: z.array(ContainerItem).min(1) }),
});

/** EWS reports a model; the tier follows from it. */
export function kindOfModel(model: string): ServerKind {
  if (/central/i.test(model)) return 'enterprise-central';
  if (/enterprise\s*server/i.test(model)) return 'enterprise-server';
  return 'automation-server';
}

export class EwsConnector implements SiteConnector {
  readonly transport: HttpTransport;

  constructor(options: TransportOptions = { timeoutMs: 10_000 }) {
    this.transport = new HttpTransport(options);
  }

  get requests(): number {
    return this.transport.requests;
  }

  close(): void {
    this.transport.close();
  }

  async readIdentity(address: string, signal?: AbortSignal): Promise<ServerIdentity> {
    const info = await soapCall(this.transport, address, 'GetWebServiceInformation', '', InfoResponse, signal);
    const system = info.GetWebServiceInformationSystem;
    const model = system.Model?.trim() || 'unknown';
    return { systemId: system.Id, name: system.Name, version: system.Version, model, kind: kindOfModel(model) };
  }

  async readChildren(address: string, signal?: AbortSignal): Promise<ChildServer[]> {
    const container = await soapCall(this.transport, address, 'GetContainerItems', '', ContainerResponse, signal);
    const root = container.Items.ContainerItem[0]!;
    const items = root.Items === '' || !root.Items ? [] : (root.Items.ContainerItem ?? []);
    const children: ChildServer[] = [];
    for (const item of items) {
      const child = ContainerItem.safeParse(item);
      if (!child.success || child.data.Type !== 'Server' || !child.data.Address) continue;
      const normal = normalizeServerAddress(child.data.Address);
      if (!normal.ok) throw new ConnectorError('malformed', `The server lists a child with an invalid address: ${normal.message}`);
      children.push({ name: child.data.Name, address: normal.baseUrl });
    }
    return children;
  }
}
