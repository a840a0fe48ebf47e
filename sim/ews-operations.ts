// What a simulated server answers to each EWS operation. Identity and children answers are built
// once per server and kept until the server changes; identical request envelopes (the companion
// sends the same bytes to every server) are parsed once.
import { XMLParser } from 'fast-xml-parser';
import { EWS_OPERATIONS } from '../shared/ews.js';
import type { SimServer, SimSite } from './model.js';
import { applyWrites, isKnownItem, itemValue, READ_ONLY_ITEMS, REGISTRATION_ITEMS, SYSTEM_ID_ITEM } from './registration.js';
import { el, fault, response } from './soap.js';

/** Everything the simulator answers; shared/ews.ts lists what the companion calls so far. */
export const SIM_OPERATIONS: readonly string[] = EWS_OPERATIONS;

export interface Answer {
  status: number;
  body: string | Buffer;
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

interface ParsedRequest {
  operation: string | null;
  content: unknown;
}
const parsedRequests = new Map<string, ParsedRequest>();

function parseRequest(body: string): ParsedRequest | null {
  const known = parsedRequests.get(body);
  if (known) return known;
  let doc: { Envelope?: { Body?: Record<string, unknown> } };
  try {
    doc = parser.parse(body) as typeof doc;
  } catch {
    return null;
  }
  const soapBody = doc?.Envelope?.Body;
  const name = soapBody && typeof soapBody === 'object' ? Object.keys(soapBody)[0] : undefined;
  const parsed = { operation: name ? name.replace(/Request$/, '') : null, content: name ? soapBody![name] : undefined };
  // Only small envelopes are kept: those are the ones sent over and over.
  if (body.length <= 2048) {
    if (parsedRequests.size >= 1000) parsedRequests.clear();
    parsedRequests.set(body, parsed);
  }
  return parsed;
}

const cache = new WeakMap<SimServer, { rev: number; info?: Buffer; container?: Buffer }>();
function cached(server: SimServer, part: 'info' | 'container', build: () => string): Buffer {
  let entry = cache.get(server);
  if (!entry || entry.rev !== server.rev) cache.set(server, (entry = { rev: server.rev }));
  return (entry[part] ??= Buffer.from(build(), 'utf8'));
}

const xmlFault = (status: number, code: 'soap:Client' | 'soap:Server', message: string): Answer => ({ status, body: fault(code, message) });

export function answerOperation(site: SimSite, server: SimServer, requestBody: string, addressOf: (key: string) => string): Answer {
  const request = parseRequest(requestBody);
  if (!request) return xmlFault(400, 'soap:Client', 'The request is not well-formed XML.');
  switch (request.operation) {
    case 'GetWebServiceInformation':
      return { status: 200, body: cached(server, 'info', () => webServiceInformation(server)) };
    case 'GetContainerItems':
      return { status: 200, body: cached(server, 'container', () => containerItems(site, server, addressOf)) };
    case 'GetValues':
      return getValues(server, request.content);
    case 'SetValues':
      return setValues(site, server, request.content);
    case null:
      return xmlFault(400, 'soap:Client', 'The request is not a SOAP envelope with an operation in its Body.');
    default:
      return xmlFault(500, 'soap:Client', `Operation ${request.operation} is not supported; this server supports ${SIM_OPERATIONS.join(', ')}.`);
  }
}

function webServiceInformation(server: SimServer): string {
  return response('GetWebServiceInformation', [
    el('GetWebServiceInformationVersion', [el('MajorVersion', '1'), el('MinorVersion', '2')]),
    el('GetWebServiceInformationSupportedOperations', SIM_OPERATIONS.map((op) => el('Operation', op))),
    el('GetWebServiceInformationSystem', [el('Id', server.systemId), el('Name', server.name), el('Version', server.version), el('Model', server.model)]),
  ]);
}

function containerItems(site: SimSite, server: SimServer, addressOf: (key: string) => string): string {
  return response('GetContainerItems', [
    el('Items', [
      el('ContainerItem', [
        el('Id', '/'),
        el('Name', server.name),
        el('Type', 'Server'),
        el(
          'Items',
          site.children(server.key).map((child) => el('ContainerItem', [el('Id', `/${child.name}`), el('Name', child.name), el('Type', 'Server'), el('Address', addressOf(child.key))])),
        ),
      ]),
    ]),
  ]);
}

const list = (value: unknown): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);
const isText = (value: unknown): value is string => typeof value === 'string';

function getValues(server: SimServer, content: unknown): Answer {
  const idsElement = (content as { GetValuesIds?: unknown } | undefined)?.GetValuesIds;
  const container = idsElement && typeof idsElement === 'object' ? (idsElement as Record<string, unknown>) : {};
  const ids = [...list(container.string), ...list(container.String), ...list(container.Id)];
  if (!ids.length) return xmlFault(500, 'soap:Client', 'GetValues needs the ids to read in GetValuesIds, one <string> each.');
  const bad = ids.filter((id) => !isText(id) || !isKnownItem(id));
  if (bad.length) return xmlFault(500, 'soap:Client', `Unknown value id ${bad.map((id) => JSON.stringify(id)).join(', ')}; this server has ${[SYSTEM_ID_ITEM, ...REGISTRATION_ITEMS.map((i) => i.id)].join(', ')}.`);
  const readOnly = READ_ONLY_ITEMS as readonly string[];
  return {
    status: 200,
    body: response('GetValues', [
      el(
        'GetValuesItems',
        (ids as string[]).map((id) =>
          el('ValueItem', [el('Id', id), el('State', 'Good'), el('Value', itemValue(server.registration, server.systemId, id)), el('Type', 'String'), el('Writeable', readOnly.includes(id) ? 'false' : 'true')]),
        ),
      ),
    ]),
  };
}

function setValues(site: SimSite, server: SimServer, content: unknown): Answer {
  const itemsElement = (content as { SetValuesItems?: unknown } | undefined)?.SetValuesItems;
  const container = itemsElement && typeof itemsElement === 'object' ? (itemsElement as Record<string, unknown>) : {};
  const items = [...list(container.ValueTypeStateless), ...list(container.ValueItem)];
  if (!items.length) return xmlFault(500, 'soap:Client', 'SetValues needs the values to write in SetValuesItems, one <ValueTypeStateless><Id/><Value/></ValueTypeStateless> each.');
  const writes: { id: string; value: string }[] = [];
  const problems: string[] = [];
  items.forEach((item, i) => {
    const { Id: id, Value: value } = (item && typeof item === 'object' ? item : {}) as { Id?: unknown; Value?: unknown };
    if (!isText(id) || id === '') problems.push(`item ${i + 1} has no Id`);
    else if (value !== undefined && !isText(value)) problems.push(`${id} has a Value that is not text`);
    else if (value === undefined) problems.push(`${id} has no Value element (write <Value/> to clear it)`);
    else writes.push({ id, value });
  });
  const result = applyWrites(server.registration, writes);
  if (!result.ok) problems.push(...result.problems.map((p) => `${p.id} ${p.message}`));
  if (problems.length || !result.ok) return xmlFault(500, 'soap:Client', `SetValues refused, nothing was written: ${problems.join('; ')}.`);
  site.setRegistration(server.key, { ...result.value });
  return {
    status: 200,
    body: response('SetValues', [el('SetValuesResults', writes.map((w) => el('ResultItem', [el('Id', w.id), el('Success', 'true')])))]),
  };
}
