// The EWS implementation of the connector boundary (docs/ews-servers.md says why each piece comes
// from where): GetWebServiceInformation for the identity, GetContainerItems for the servers
// attached below, GetValues and SetValues for the registration items. SOAP 1.2 first, as EBO
// clients send it; a server that refuses it is asked in SOAP 1.1 from then on.
import {
  CONTAINER_TYPE_SERVER,
  EWS_NAMESPACE as NS,
  INVALID_ID,
  REGISTRATION_ITEM_IDS,
  SERVERS_FOLDER_NAME,
  SERVER_ADDRESS_ITEM_NAME,
  type SoapVersion,
} from '../../../../shared/ews.js';
import { Registration } from '../../../../shared/domain/server.js';
import { childNamed, childRaw, childrenNamed, childText, escapeXml, type XmlElement } from '../../../../shared/xml.js';
import { normalizeServerAddress } from '../../../../shared/domain/address.js';
import { ConnectorError, type ChildServer, type RegistrationRead, type ServerChildren, type ServerIdentity, type SiteConnector } from '../connector.js';
import { HttpTransport, type TransportOptions } from './http-transport.js';
import { soapCall, SoapVersionRefused } from './soap-client.js';
import { clip } from '../../../../shared/text.js';
import { INVISIBLE_CHARACTER } from '../../../../shared/text-safety.js';
import { say } from '../../../../shared/messages/say.js';

const REGISTRATION_FIELDS = Object.keys(REGISTRATION_ITEM_IDS) as (keyof typeof REGISTRATION_ITEM_IDS)[];
/** Ids per GetValues request: Schneider's own connector's batch size (fact sheet 8). */
const IDS_PER_REQUEST = 500;
/** Pages of one container followed at most: a guard against a server that never says "done". */
const MAX_PAGES = 100;

export interface EwsConnectorOptions extends TransportOptions {
  /** The SOAP version tried first; 1.2 unless set. */
  soapVersion?: SoapVersion;
}

export interface ValuesRead {
  values: Map<string, { state: number | null; value: string }>;
  /** Ids the server reported in ErrorResults, with its message (INVALID_ID and the like). */
  errors: Map<string, string>;
}

interface Container {
  id: string;
  name: string;
  type: string;
  containers: { id: string; name: string; type: string }[];
  valueItems: { id: string; name: string }[];
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class EwsConnector implements SiteConnector {
  readonly transport: HttpTransport;
  private readonly versions = new Map<string, SoapVersion>();

  constructor(private readonly options: EwsConnectorOptions = { timeoutMs: 10_000 }) {
    this.transport = new HttpTransport(options);
  }

  get requests(): number {
    return this.transport.requests;
  }

  close(): void {
    this.transport.close();
  }

  /** One operation, in the SOAP version this server takes. */
  private async call(address: string, operation: string, body: string, signal?: AbortSignal): Promise<XmlElement> {
    const first = this.versions.get(address) ?? this.options.soapVersion ?? '1.2';
    try {
      return await soapCall(this.transport, address, operation, body, first, signal);
    } catch (error) {
      if (!(error instanceof SoapVersionRefused)) throw error;
      const other: SoapVersion = first === '1.2' ? '1.1' : '1.2';
      try {
        const answer = await soapCall(this.transport, address, operation, body, other, signal);
        this.versions.set(address, other);
        return answer;
      } catch (again) {
        if (again instanceof SoapVersionRefused) throw new ConnectorError('http', say('ews.neitherVersion', { answer: clip(again.message, 120) }));
        // Any other answer (a fault, say) came in this version: ask in it from now on.
        if (again instanceof ConnectorError && !['unreachable', 'timeout', 'cancelled', 'certificate'].includes(again.failure)) this.versions.set(address, other);
        throw again;
      }
    }
  }

  async readIdentity(address: string, signal?: AbortSignal): Promise<ServerIdentity> {
    const answer = await this.call(address, 'GetWebServiceInformation', '', signal);
    // EBO clients read GetWebServiceInformationSystem; the PME WSDL names it SystemInfo (fact sheet 3.1).
    const system = childNamed(answer, NS, 'GetWebServiceInformationSystem', 'SystemInfo');
    const systemId = childText(system, NS, 'Id');
    if (!system || !systemId) throw new ConnectorError('malformed', say('ews.noSystemId'));
    if (systemId.length > 128) throw new ConnectorError('malformed', say('ews.systemIdTooLong', { length: systemId.length }));
    // Control, bidi and zero-width characters would make two IDs look alike (or one look like another).
    if (INVISIBLE_CHARACTER.test(systemId)) throw new ConnectorError('malformed', say('ews.systemIdInvisible'));
    return { systemId, name: childText(system, NS, 'Name') ?? '', version: childText(system, NS, 'Version') ?? '', model: '' };
  }

  /** GetContainerItems for one Id ('' is the server's root), every page of it. */
  async readContainer(address: string, id: string, signal?: AbortSignal): Promise<Container> {
    let container: Container | null = null;
    let moreDataRef: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const parameter: string = moreDataRef === null ? '' : `<GetContainerItemsParameter><MoreDataRef>${escapeXml(moreDataRef)}</MoreDataRef></GetContainerItemsParameter>`;
      const answer = await this.call(address, 'GetContainerItems', `<GetContainerItemsIds><Id>${escapeXml(id)}</Id></GetContainerItemsIds>${parameter}`, signal);
      // Matched by Id (fact sheet 3.4); the root, asked for with an empty Id, comes back under its own.
      const problem = childrenNamed(childNamed(answer, NS, 'GetContainerItemsErrorResults'), NS, 'ErrorResult').find((e) => childRaw(e, NS, 'Id') === id);
      if (problem) {
        const reason = clip(childText(problem, NS, 'Message') || say('ews.noReasonGiven'), 120);
        throw new ConnectorError('fault', id === '' ? say('ews.cannotListRoot', { reason }) : say('ews.cannotList', { id: clip(id, 120), reason }));
      }
      const items = childrenNamed(childNamed(answer, NS, 'GetContainerItemsItems'), NS, 'ContainerItem');
      const item = id === '' ? items[0] : items.find((c) => childRaw(c, NS, 'Id') === id);
      if (!item) throw new ConnectorError('malformed', id === '' ? say('ews.noRootItem') : say('ews.noContainerItem', { id: clip(id, 120) }));
      const content = childNamed(item, NS, 'Items');
      const read = (wrapper: string, name: string) => childrenNamed(childNamed(content, NS, wrapper), NS, name);
      container ??= { id: childRaw(item, NS, 'Id') ?? '', name: childText(item, NS, 'Name') ?? '', type: childText(item, NS, 'Type') ?? '', containers: [], valueItems: [] };
      for (const c of read('ContainerItems', 'ContainerItem')) container.containers.push({ id: childRaw(c, NS, 'Id') ?? '', name: childText(c, NS, 'Name') ?? '', type: childText(c, NS, 'Type') ?? '' });
      for (const v of read('ValueItems', 'ValueItem')) container.valueItems.push({ id: childRaw(v, NS, 'Id') ?? '', name: childText(v, NS, 'Name') ?? '' });
      const status = childNamed(answer, NS, 'GetContainerItemsStatus');
      const more = childText(status, NS, 'MoreDataAvailable');
      moreDataRef = more === 'true' || more === '1' ? (childText(status, NS, 'MoreDataRef') ?? '') : null;
      if (moreDataRef === null) return container;
    }
    // Stopping early would make a partial list look whole, and servers not listed look removed.
    throw new ConnectorError('malformed', say('ews.endlessPages', { pages: MAX_PAGES, id: clip(id, 120) }));
  }

  /**
   * Child servers are containers of Type "server" below the root, or in its "Servers" folder;
   * each one's address is its "Address" value item (docs/ews-servers.md).
   */
  async readChildren(address: string, signal?: AbortSignal): Promise<ServerChildren> {
    const root = await this.readContainer(address, '', signal);
    const folder = root.containers.find((c) => sameText(c.name, SERVERS_FOLDER_NAME) && !sameText(c.type, CONTAINER_TYPE_SERVER));
    const servers = root.containers.filter((c) => sameText(c.type, CONTAINER_TYPE_SERVER));
    if (folder) servers.push(...(await this.readContainer(address, folder.id, signal)).containers.filter((c) => sameText(c.type, CONTAINER_TYPE_SERVER)));
    if (!servers.length) return { hostsServers: folder !== undefined, children: [] };
    const addressIds = servers.map((s) => `${s.id}/${SERVER_ADDRESS_ITEM_NAME}`);
    const read = await this.readValues(address, addressIds, signal);
    const children: ChildServer[] = servers.map((server, i) => {
      const raw = read.values.get(addressIds[i]!)?.value.trim() ?? '';
      if (raw === '') return { name: server.name, address: null };
      // A bare host is reached the way the parent is.
      const normal = normalizeServerAddress(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `${new URL(address).protocol}//${raw}`);
      if (!normal.ok) throw new ConnectorError('malformed', say('ews.invalidChildAddress', { name: clip(server.name, 60), problem: normal.message }));
      return { name: server.name, address: normal.baseUrl };
    });
    return { hostsServers: true, children };
  }

  /** GetValues, in batches; per-Id problems come back in `errors`, never as empty values. */
  async readValues(address: string, ids: readonly string[], signal?: AbortSignal): Promise<ValuesRead> {
    const result: ValuesRead = { values: new Map(), errors: new Map() };
    for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
      const batch = ids.slice(start, start + IDS_PER_REQUEST);
      const answer = await this.call(address, 'GetValues', `<GetValuesIds>${batch.map((id) => `<Id>${escapeXml(id)}</Id>`).join('')}</GetValuesIds>`, signal);
      for (const item of childrenNamed(childNamed(answer, NS, 'GetValuesItems'), NS, 'ValueItem')) {
        const id = childRaw(item, NS, 'Id');
        if (id === undefined) continue;
        const state = childText(item, NS, 'State');
        const value = childNamed(item, NS, 'Value');
        result.values.set(id, { state: state === undefined || state === '' ? null : Number(state), value: value?.text ?? '' });
      }
      for (const error of childrenNamed(childNamed(answer, NS, 'GetValuesErrorResults'), NS, 'ErrorResult')) {
        const id = childRaw(error, NS, 'Id');
        if (id !== undefined) result.errors.set(id, childText(error, NS, 'Message') || say('ews.noReasonGiven'));
      }
      // Results are matched by Id, not by position (fact sheet 3.4); an Id in neither list is a broken answer.
      const missing = batch.find((id) => !result.values.has(id) && !result.errors.has(id));
      if (missing !== undefined) throw new ConnectorError('malformed', say('ews.valuesMissing', { id: clip(missing, 120) }));
    }
    return result;
  }

  async readRegistration(address: string, signal?: AbortSignal): Promise<RegistrationRead> {
    const ids = REGISTRATION_FIELDS.map((f) => REGISTRATION_ITEM_IDS[f]);
    const read = await this.readValues(address, ids, signal);
    const refused = ids.filter((id) => read.errors.has(id));
    if (refused.length === ids.length && [...read.errors.values()].every((m) => m === INVALID_ID)) {
      return { ok: false, problem: say('ews.noRegistrationItems', { answer: INVALID_ID, item: ids[0]! }) };
    }
    if (refused.length) {
      return { ok: false, problem: say('ews.registrationRefused', { items: refused.map((id) => `${id} (${clip(read.errors.get(id)!, 60)})`).join(', ') }) };
    }
    const bad = ids.find((id) => { const s = read.values.get(id)!.state; return s !== null && s !== 0; });
    if (bad) return { ok: false, problem: say('ews.registrationItemState', { item: bad, state: read.values.get(bad)!.state! }) };
    const raw = Object.fromEntries(REGISTRATION_FIELDS.map((f) => [f, read.values.get(REGISTRATION_ITEM_IDS[f])!.value.trim() || null]));
    const parsed = Registration.safeParse({ ...raw, state: raw.state ?? 'unregistered' });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, problem: say('ews.registrationItemUnknown', { item: REGISTRATION_ITEM_IDS[issue.path[0] as keyof typeof REGISTRATION_ITEM_IDS] ?? '', problem: issue.message }) };
    }
    return { ok: true, registration: parsed.data };
  }

  /** SetValues; the server's Result per Id (an Id it did not answer for is absent). */
  async writeValues(address: string, writes: readonly { id: string; value: string }[], signal?: AbortSignal): Promise<Map<string, { success: boolean; message: string }>> {
    const items = writes.map((w) => `<ValueItem><Id>${escapeXml(w.id)}</Id><Value>${escapeXml(w.value)}</Value></ValueItem>`).join('');
    const answer = await this.call(address, 'SetValues', `<SetValuesItems>${items}</SetValuesItems>`, signal);
    const results = new Map<string, { success: boolean; message: string }>();
    for (const result of childrenNamed(childNamed(answer, NS, 'SetValuesResults'), NS, 'Result')) {
      const id = childRaw(result, NS, 'Id');
      const success = childText(result, NS, 'Success');
      if (id !== undefined) results.set(id, { success: success === 'true' || success === '1', message: childText(result, NS, 'Message') ?? '' });
    }
    return results;
  }

  async writeRegistration(address: string, registration: Registration, signal?: AbortSignal): Promise<void> {
    const writes = REGISTRATION_FIELDS.map((f) => ({ id: REGISTRATION_ITEM_IDS[f], value: registration[f] ?? '' }));
    const results = await this.writeValues(address, writes, signal);
    const refused = writes.filter((w) => results.get(w.id)?.success === false);
    if (refused.length) {
      const said = [...new Set(refused.map((w) => results.get(w.id)!.message || say('ews.noReasonGiven')))].map((m) => clip(m, 160)).join('; ');
      throw new ConnectorError(
        'refused',
        refused.length === writes.length ? say('ews.writeRefusedAll', { said }) : say('ews.writeRefused', { refusal: `${refused.map((w) => w.id).join(', ')}: ${said}` }),
      );
    }
    const unconfirmed = writes.filter((w) => !results.has(w.id));
    if (unconfirmed.length) throw new ConnectorError('malformed', say('ews.notConfirmed', { items: unconfirmed.map((w) => w.id).join(', ') }));
  }
}
