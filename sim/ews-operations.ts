// What a simulated server answers, as strictly as a real one (docs/ews-servers.md): the request
// is checked for its media type, SOAP version, action and the one EWS element in its Body, read
// by namespace and local name; elements a real serializer would not know are ignored, so a list
// sent under a wrong name is a missing list and gets the real fault. Per-Id problems come back as
// ErrorResults (INVALID_ID), SetValues answers per item. Answers for identity and the root are
// built once per server and SOAP version and kept until the server changes.
import {
  CONTAINER_TYPE_FOLDER,
  CONTAINER_TYPE_SERVER,
  EWS_NAMESPACE as NS,
  INVALID_ID,
  SERVERS_FOLDER_NAME,
  SERVER_ADDRESS_ITEM_NAME,
  actionOf,
  operationOfRequestElement,
  soapVersionOfNamespace,
  type SoapVersion,
} from '../shared/ews.js';
import { childNamed, childrenNamed, parseXml, type XmlElement } from '../shared/xml.js';
import type { SimServer, SimSite } from './model.js';
import { applyWrite, isKnownItem, itemValue, READ_ONLY_ITEMS, REGISTRATION_ITEMS, SYSTEM_ID_ITEM } from './registration.js';
import { contentTypeOf, el, ewsFault, fault, response } from './soap.js';

/** What the simulated servers answer; every other EWS operation gets OPERATION_NOT_SUPPORTED. */
export const SIM_OPERATIONS = ['GetWebServiceInformation', 'GetContainerItems', 'GetValues', 'SetValues'] as const;
/** Child servers per GetContainerItems answer; more come with MoreDataRef. */
export const CONTAINER_PAGE_SIZE = 100;

export interface Answer {
  status: number;
  body: string | Buffer;
  contentType: string;
}

export interface EwsRequest {
  contentType: string | undefined;
  soapAction: string | undefined;
  body: string;
}

type Parsed = { ok: true; version: SoapVersion; operation: string; element: XmlElement } | { ok: false; answer: Answer };

const documents = new Map<string, XmlElement | null>();
/** Parsed once per distinct small body: the companion sends the same bytes to every server. */
function parseCached(body: string): XmlElement | null {
  if (documents.has(body)) return documents.get(body)!;
  let doc: XmlElement | null;
  try {
    doc = parseXml(body);
  } catch {
    doc = null;
  }
  if (body.length <= 4096) {
    if (documents.size >= 1000) documents.clear();
    documents.set(body, doc);
  }
  return doc;
}

const asAnswer = (version: SoapVersion, f: { status: number; body: string }): Answer => ({ ...f, contentType: contentTypeOf(version) });
const plain = (status: number, text: string): Answer => ({ status, body: text, contentType: 'text/plain' });

/** Media type, SOAP version, envelope, action and request element, each checked as a real server would. */
export function parseRequest(request: EwsRequest): Parsed {
  const [mediaType = '', ...params] = (request.contentType ?? '').split(';').map((p) => p.trim());
  const expected: SoapVersion | null = mediaType.toLowerCase() === 'text/xml' ? '1.1' : mediaType.toLowerCase() === 'application/soap+xml' ? '1.2' : null;
  if (!expected) return { ok: false, answer: plain(415, `Unsupported media type "${mediaType.slice(0, 80)}": send text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2).`) };
  const refuse = (spec: Parameters<typeof fault>[1]) => ({ ok: false as const, answer: asAnswer(expected, fault(expected, spec)) });
  const doc = parseCached(request.body);
  if (!doc) return refuse({ code: 'sender', reason: 'The request is not well-formed XML.' });
  const version = doc.name === 'Envelope' ? soapVersionOfNamespace(doc.ns) : null;
  if (!version) return refuse({ code: 'version-mismatch', reason: 'The request is not a SOAP envelope of a version this server knows.' });
  if (version !== expected) return refuse({ code: 'version-mismatch', reason: `A SOAP ${version} envelope cannot come as ${mediaType}: SOAP 1.1 is text/xml, SOAP 1.2 application/soap+xml.` });
  const body = childNamed(doc, doc.ns, 'Body');
  const elements = body?.children ?? [];
  if (!body || elements.length !== 1) return refuse({ code: 'sender', reason: 'The SOAP Body must hold exactly one request element.' });
  const element = elements[0]!;
  const operation = element.ns === NS ? operationOfRequestElement(element.name) : null;
  // The action a client names, in the SOAPAction header (1.1) or the action parameter (1.2).
  const actionParam = params.find((p) => /^action\s*=/i.test(p))?.replace(/^action\s*=\s*/i, '');
  const named = (version === '1.1' ? request.soapAction : actionParam)?.trim().replace(/^"(.*)"$/, '$1');
  if (!operation) {
    const what = `${element.name}${element.ns === NS ? '' : ` in namespace "${element.ns.slice(0, 100)}"`}`;
    return refuse({ code: 'sender', reason: `The message with element ${what} cannot be processed at the receiver: it is not an EWS request (ContractFilter mismatch).` });
  }
  if (named && named !== actionOf(operation)) {
    return refuse({ code: 'sender', reason: `The message with Action "${named.slice(0, 200)}" cannot be processed at the receiver: the action of ${element.name} is ${actionOf(operation)} (ContractFilter mismatch).` });
  }
  if (!(SIM_OPERATIONS as readonly string[]).includes(operation)) return { ok: false, answer: asAnswer(version, ewsFault(version, 'Operation_Not_Supported', operation)) };
  return { ok: true, version, operation, element };
}

const cache = new WeakMap<SimServer, { rev: number; parts: Map<string, Buffer> }>();
function cached(server: SimServer, part: string, build: () => string): Buffer {
  let entry = cache.get(server);
  if (!entry || entry.rev !== server.rev) cache.set(server, (entry = { rev: server.rev, parts: new Map() }));
  let value = entry.parts.get(part);
  if (!value) entry.parts.set(part, (value = Buffer.from(build(), 'utf8')));
  return value;
}

export function answerOperation(site: SimSite, server: SimServer, request: EwsRequest, addressOf: (key: string) => string): Answer {
  const parsed = parseRequest(request);
  if (!parsed.ok) return parsed.answer;
  const { version, element } = parsed;
  const ok = (body: string | Buffer): Answer => ({ status: 200, body, contentType: contentTypeOf(version) });
  switch (parsed.operation) {
    case 'GetWebServiceInformation':
      return ok(cached(server, `info${version}`, () => webServiceInformation(version, server)));
    case 'GetContainerItems':
      return getContainerItems(site, server, version, element);
    case 'GetValues':
      return getValues(site, server, version, element, addressOf);
    default:
      return setValues(site, server, version, element);
  }
}

function webServiceInformation(version: SoapVersion, server: SimServer): string {
  return response(version, 'GetWebServiceInformation', [
    el('GetWebServiceInformationVersion', [el('MajorVersion', '1'), el('MinorVersion', '2'), el('UsedNameSpace', NS)]),
    el('GetWebServiceInformationSupportedOperations', SIM_OPERATIONS.map((op) => el('Operation', op))),
    // Child order on EBO is unknown; the PME WSDL's order is Version, Id, Name (fact sheet 3.1).
    el('GetWebServiceInformationSystem', [el('Version', server.version), el('Id', server.systemId), el('Name', server.name)]),
  ]);
}

/** The Ids a list element holds, read as a serializer would: only `Id` children in the EWS namespace. */
const idsIn = (wrapper: XmlElement | undefined) => childrenNamed(wrapper, NS, 'Id').map((e) => e.text);

// The browse tree of one server: its root, a System folder with its items, and for a server that
// can have servers attached a Servers folder listing them, each with an Address item.
const rootId = (server: SimServer) => `01/${server.name}`;
const systemFolderId = (server: SimServer) => `${rootId(server)}/System`;
const serversFolderId = (server: SimServer) => `${rootId(server)}/${SERVERS_FOLDER_NAME}`;
const childId = (server: SimServer, child: SimServer) => `${serversFolderId(server)}/${child.name}`;
const hostsServers = (server: SimServer) => server.kind !== 'automation-server';

const simpleContainer = (id: string, name: string, type: string) => el('ContainerItem', [el('Id', id), el('Name', name), el('Description', ''), el('Type', type)]);
const valueItem = (id: string, name: string, writeable: boolean) =>
  el('ValueItem', [el('Id', id), el('Name', name), el('Description', ''), el('Type', 'String'), el('Unit', ''), el('Writeable', writeable ? '1' : '0')]);
const container = (id: string, name: string, type: string, items: { containers?: string[]; values?: string[] }) =>
  el('ContainerItem', [
    el('Id', id),
    el('Name', name),
    el('Description', ''),
    el('Type', type),
    el('Items', [...(items.containers?.length ? [el('ContainerItems', items.containers)] : []), ...(items.values?.length ? [el('ValueItems', items.values)] : [])]),
  ]);

function getContainerItems(site: SimSite, server: SimServer, version: SoapVersion, element: XmlElement): Answer {
  const ids = idsIn(childNamed(element, NS, 'GetContainerItemsIds'));
  if (!ids.length) return asAnswer(version, ewsFault(version, 'Missing_Id_List', 'No Id given: GetContainerItemsIds/Id (empty for the root).'));
  const moreDataRef = childNamed(childNamed(element, NS, 'GetContainerItemsParameter'), NS, 'MoreDataRef')?.text.trim() ?? '';
  // The common case, the root alone, is the same every time until the server changes.
  if (ids.length === 1 && (ids[0] === '' || ids[0] === rootId(server)) && !moreDataRef) {
    return { status: 200, body: cached(server, `root${version}`, () => containerAnswer(site, server, version, ids, '')), contentType: contentTypeOf(version) };
  }
  return { status: 200, body: containerAnswer(site, server, version, ids, moreDataRef), contentType: contentTypeOf(version) };
}

function containerAnswer(site: SimSite, server: SimServer, version: SoapVersion, ids: string[], moreDataRef: string): string {
  const items: string[] = [];
  const errors: string[] = [];
  let status: string | null = null;
  const children = site.children(server.key);
  for (const id of ids) {
    if (id === '' || id === rootId(server)) {
      const folders = [simpleContainer(systemFolderId(server), 'System', CONTAINER_TYPE_FOLDER)];
      if (hostsServers(server)) folders.push(simpleContainer(serversFolderId(server), SERVERS_FOLDER_NAME, CONTAINER_TYPE_FOLDER));
      items.push(container(rootId(server), server.name, CONTAINER_TYPE_SERVER, { containers: folders }));
    } else if (id === systemFolderId(server)) {
      const values = [valueItem(SYSTEM_ID_ITEM, 'Id', false), ...REGISTRATION_ITEMS.map((i) => valueItem(i.id, i.id.slice(i.id.lastIndexOf('/') + 1), true))];
      items.push(container(id, 'System', CONTAINER_TYPE_FOLDER, { values }));
    } else if (id === serversFolderId(server) && hostsServers(server)) {
      const offset = moreDataRef === '' ? 0 : /^page:\d{1,6}$/.test(moreDataRef) ? Number(moreDataRef.slice(5)) : -1;
      if (offset < 0 || offset > children.length) {
        errors.push(el('ErrorResult', [el('Id', id), el('Message', 'INVALID_REFERENCE')]));
        continue;
      }
      const page = children.slice(offset, offset + CONTAINER_PAGE_SIZE);
      items.push(container(id, SERVERS_FOLDER_NAME, CONTAINER_TYPE_FOLDER, { containers: page.map((c) => simpleContainer(childId(server, c), c.name, CONTAINER_TYPE_SERVER)) }));
      if (offset + CONTAINER_PAGE_SIZE < children.length) status = el('GetContainerItemsStatus', [el('MoreDataAvailable', 'true'), el('MoreDataRef', `page:${offset + CONTAINER_PAGE_SIZE}`)]);
    } else {
      const child = hostsServers(server) ? children.find((c) => id === childId(server, c)) : undefined;
      if (child) items.push(container(id, child.name, CONTAINER_TYPE_SERVER, { values: server.exposesAddresses ? [valueItem(`${id}/${SERVER_ADDRESS_ITEM_NAME}`, SERVER_ADDRESS_ITEM_NAME, false)] : [] }));
      else errors.push(el('ErrorResult', [el('Id', id), el('Message', INVALID_ID)]));
    }
  }
  return response(version, 'GetContainerItems', [
    ...(items.length ? [el('GetContainerItemsItems', items)] : []),
    ...(errors.length ? [el('GetContainerItemsErrorResults', errors)] : []),
    ...(status ? [status] : []),
  ]);
}

/** The value of an item this server holds, or null for an Id it does not know. */
function readItem(site: SimSite, server: SimServer, id: string, addressOf: (key: string) => string): string | null {
  if (isKnownItem(id)) return itemValue(server.registration, server.systemId, id);
  const suffix = `/${SERVER_ADDRESS_ITEM_NAME}`;
  if (hostsServers(server) && server.exposesAddresses && id.endsWith(suffix)) {
    const child = site.children(server.key).find((c) => childId(server, c) === id.slice(0, -suffix.length));
    if (child) return addressOf(child.key);
  }
  return null;
}

/** The last GetValues answer per server: the companion asks every server the same, over and over. */
const lastValues = new WeakMap<SimServer, { element: XmlElement; registration: SimServer['registration']; systemId: string; rev: number; answer: Answer }>();

function getValues(site: SimSite, server: SimServer, version: SoapVersion, element: XmlElement, addressOf: (key: string) => string): Answer {
  const last = lastValues.get(server);
  // The parsed request is shared by identical bodies; a change to the server makes a new answer.
  if (last && last.element === element && last.registration === server.registration && last.systemId === server.systemId && last.rev === server.rev) return last.answer;
  const answer = buildValues(site, server, version, element, addressOf);
  lastValues.set(server, { element, registration: server.registration, systemId: server.systemId, rev: server.rev, answer });
  return answer;
}

function buildValues(site: SimSite, server: SimServer, version: SoapVersion, element: XmlElement, addressOf: (key: string) => string): Answer {
  const ids = idsIn(childNamed(element, NS, 'GetValuesIds'));
  if (!ids.length) return asAnswer(version, ewsFault(version, 'Missing_Id_List', 'No Id given: GetValuesIds/Id, one per value.'));
  const items: string[] = [];
  const errors: string[] = [];
  for (const id of ids) {
    const value = readItem(site, server, id, addressOf);
    if (value === null) errors.push(el('ErrorResult', [el('Id', id), el('Message', INVALID_ID)]));
    else items.push(el('ValueItem', [el('Id', id), el('State', '0'), el('Value', value)]));
  }
  return {
    status: 200,
    body: Buffer.from(response(version, 'GetValues', [...(items.length ? [el('GetValuesItems', items)] : []), ...(errors.length ? [el('GetValuesErrorResults', errors)] : [])]), 'utf8'),
    contentType: contentTypeOf(version),
  };
}

/** The text EWS gives a refused write on a server whose Value Write Mode is ReadOnly (the wording is the simulator's). */
export const READ_ONLY_MODE_MESSAGE = 'Write refused: the EWS server’s Value Write Mode is ReadOnly.';

function setValues(site: SimSite, server: SimServer, version: SoapVersion, element: XmlElement): Answer {
  const items = childrenNamed(childNamed(element, NS, 'SetValuesItems'), NS, 'ValueItem');
  if (!items.length) return asAnswer(version, ewsFault(version, 'Missing_Value_List', 'No value given: SetValuesItems/ValueItem, each with Id and Value.'));
  let registration = server.registration;
  const results = items.map((item) => {
    const id = childNamed(item, NS, 'Id')?.text ?? '';
    const value = childNamed(item, NS, 'Value');
    const result = (success: boolean, message: string) => el('Result', [el('Id', id), el('Success', success ? 'true' : 'false'), el('Message', message)]);
    if (id === '' || !isKnownItem(id)) return result(false, INVALID_ID);
    if (!server.writable) return result(false, READ_ONLY_MODE_MESSAGE);
    if ((READ_ONLY_ITEMS as readonly string[]).includes(id)) return result(false, `${id} is read-only.`);
    if (!value) return result(false, `${id} has no Value element (send <Value/> to clear it).`);
    const applied = applyWrite(registration, id, value.text);
    if (!applied.ok) return result(false, `${id} ${applied.message}.`);
    registration = applied.value;
    return result(true, '');
  });
  if (registration !== server.registration) site.setRegistrationValue(server.key, registration);
  return { status: 200, body: response(version, 'SetValues', [el('SetValuesResults', results)]), contentType: contentTypeOf(version) };
}

