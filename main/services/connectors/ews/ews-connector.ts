// The EWS implementation of the connector boundary: GetWebServiceInformation for the identity,
// GetContainerItems for the servers attached below.
import { z } from 'zod';
import { REGISTRATION_ITEM_IDS } from '../../../../shared/ews.js';
import { Registration, type ServerKind } from '../../../../shared/domain/server.js';
import { escapeXml } from '../../../../shared/xml.js';
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

const ValuesResponse = z.object({
  GetValuesItems: z.object({ ValueItem: z.array(z.object({ Id: z.string(), Value: z.string().optional().default('') })) }),
});
const SetResponse = z.object({ SetValuesResults: z.unknown() });

const REGISTRATION_FIELDS = Object.keys(REGISTRATION_ITEM_IDS) as (keyof typeof REGISTRATION_ITEM_IDS)[];

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

  async readRegistration(address: string, signal?: AbortSignal): Promise<Registration> {
    const ids = REGISTRATION_FIELDS.map((f) => `<ews:string>${REGISTRATION_ITEM_IDS[f]}</ews:string>`).join('');
    const answer = await soapCall(this.transport, address, 'GetValues', `<ews:GetValuesIds>${ids}</ews:GetValuesIds>`, ValuesResponse, signal);
    const byId = new Map(answer.GetValuesItems.ValueItem.map((item) => [item.Id, item.Value.trim()]));
    const raw = Object.fromEntries(REGISTRATION_FIELDS.map((f) => [f, byId.get(REGISTRATION_ITEM_IDS[f]) || null]));
    const parsed = Registration.safeParse({ ...raw, state: raw.state ?? 'unregistered' });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConnectorError('malformed', `The server's registration item ${REGISTRATION_ITEM_IDS[issue.path[0] as keyof typeof REGISTRATION_ITEM_IDS] ?? ''} holds a value this app does not know (${issue.message}).`);
    }
    return parsed.data;
  }

  async writeRegistration(address: string, registration: Registration, signal?: AbortSignal): Promise<void> {
    const items = REGISTRATION_FIELDS.map(
      (f) => `<ews:ValueTypeStateless><ews:Id>${REGISTRATION_ITEM_IDS[f]}</ews:Id><ews:Value>${escapeXml(registration[f] ?? '')}</ews:Value></ews:ValueTypeStateless>`,
    ).join('');
    await soapCall(this.transport, address, 'SetValues', `<ews:SetValuesItems>${items}</ews:SetValuesItems>`, SetResponse, signal);
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
