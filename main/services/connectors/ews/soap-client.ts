// One SOAP round trip to an EWS endpoint, in SOAP 1.2 (what EBO clients send) or 1.1: build the
// envelope with the operation's action URI, map every way it can fail to a ConnectorError with a
// reason a person can act on, and hand back the Response element found by namespace and name.
import {
  EWS_FAULT_NAMESPACE,
  EWS_NAMESPACE,
  EWS_PATH,
  EWS_VERSION,
  SOAP_CONTENT_TYPES,
  SOAP_ENVELOPE_NAMESPACES,
  actionOf,
  requestElementOf,
  responseElementOf,
  soapVersionOfNamespace,
  type SoapVersion,
} from '../../../../shared/ews.js';
import { childNamed, parseXml, XmlSyntaxError, type XmlElement } from '../../../../shared/xml.js';
import { ConnectorError } from '../connector.js';
import type { HttpTransport } from './http-transport.js';

export function requestEnvelope(version: SoapVersion, operation: string, body: string): string {
  const element = requestElementOf(operation);
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NAMESPACES[version]}"><soap:Body>` +
    `<${element} version="${EWS_VERSION}" xmlns="${EWS_NAMESPACE}">${body}</${element}>` +
    `</soap:Body></soap:Envelope>`
  );
}

export function requestHeaders(version: SoapVersion, operation: string): Record<string, string> {
  const action = actionOf(operation);
  return version === '1.2'
    ? { 'content-type': `${SOAP_CONTENT_TYPES['1.2']}; charset=utf-8; action="${action}"` }
    : { 'content-type': `${SOAP_CONTENT_TYPES['1.1']}; charset=utf-8`, soapaction: `"${action}"` };
}

/** A SOAP fault, read from either version's layout. */
export interface SoapFault {
  code: string;
  reason: string;
  /** The EWS fault name from the detail's Fault_<Name> element, when there is one. */
  name: string | null;
  detail: string;
}

/** The server did not take this SOAP version (HTTP 415 or a VersionMismatch fault): try the other. */
export class SoapVersionRefused extends Error {}

const FAULT_ADVICE: Record<string, string> = {
  Permission_Denied: 'the EWS account may not do this: give it the rights in the server’s EWS settings',
  Operation_Not_Supported: 'this server does not offer that EWS operation',
  TimeOut: 'the server took too long inside; try again later',
};

export function describeFault(operation: string, fault: SoapFault): string {
  const said = [fault.reason, fault.detail && fault.detail !== fault.reason ? fault.detail : ''].filter(Boolean).join(': ').slice(0, 300);
  const advice = fault.name ? FAULT_ADVICE[fault.name] : undefined;
  return `The server refused ${operation} with a SOAP fault${fault.name ? ` (${fault.name})` : ''}: ${said || 'no reason given'}${advice ? ` — ${advice}` : ''}.`;
}

function readFault(fault: XmlElement, version: SoapVersion): SoapFault {
  const env = SOAP_ENVELOPE_NAMESPACES[version];
  let code: string;
  let reason: string;
  let detail: XmlElement | undefined;
  if (version === '1.2') {
    code = childNamed(childNamed(fault, env, 'Code'), env, 'Value')?.text.trim() ?? '';
    reason = childNamed(childNamed(fault, env, 'Reason'), env, 'Text')?.text.trim() ?? '';
    detail = childNamed(fault, env, 'Detail');
  } else {
    // SOAP 1.1 fault children are unqualified.
    code = childNamed(fault, '', 'faultcode')?.text.trim() ?? '';
    reason = childNamed(fault, '', 'faultstring')?.text.trim() ?? '';
    detail = childNamed(fault, '', 'detail');
  }
  const typed = detail?.children.find((c) => c.ns === EWS_FAULT_NAMESPACE && c.name.startsWith('Fault_'));
  return { code, reason, name: typed ? typed.name.slice('Fault_'.length) : null, detail: (typed ?? detail)?.text.trim() ?? '' };
}

/**
 * Calls `operation` and returns its Response element. Throws ConnectorError for every failure,
 * and SoapVersionRefused when the server does not speak the SOAP version asked.
 */
export async function soapCall(transport: HttpTransport, address: string, operation: string, body: string, version: SoapVersion, signal?: AbortSignal): Promise<XmlElement> {
  const response = await transport.post(address, EWS_PATH, requestEnvelope(version, operation, body), requestHeaders(version, operation), signal);
  const text = response.body;
  if (response.status === 503 && /EWS/i.test(text)) throw new ConnectorError('ews-disabled', 'The EWS server is disabled on this server: enable it in the server’s Web Services settings.');
  if (response.status === 404) throw new ConnectorError('http', `No EWS endpoint at ${address}${EWS_PATH} (HTTP 404): check the address.`);
  if (response.status === 415) throw new SoapVersionRefused(`HTTP 415 for SOAP ${version}`);
  if (!/^\s*</.test(text)) {
    throw new ConnectorError(response.status >= 400 ? 'http' : 'malformed', response.status >= 400 ? `HTTP ${response.status} from the server.` : 'The answer is not XML.');
  }
  let envelope: XmlElement;
  try {
    envelope = parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    throw new ConnectorError('malformed', `The answer is not well-formed XML (${error.message}).`);
  }
  const answered = envelope.name === 'Envelope' ? soapVersionOfNamespace(envelope.ns) : null;
  if (!answered) {
    throw new ConnectorError(response.status >= 400 ? 'http' : 'malformed', response.status >= 400 ? `HTTP ${response.status} from the server.` : 'The answer is XML but not a SOAP envelope.');
  }
  const soapBody = childNamed(envelope, envelope.ns, 'Body');
  if (!soapBody) throw new ConnectorError('malformed', 'The SOAP answer has no Body.');
  const faultElement = childNamed(soapBody, envelope.ns, 'Fault');
  if (faultElement) {
    const fault = readFault(faultElement, answered);
    if (/(^|:)VersionMismatch$/.test(fault.code)) throw new SoapVersionRefused(fault.reason);
    throw new ConnectorError(fault.name === 'Permission_Denied' ? 'auth' : 'fault', describeFault(operation, fault));
  }
  if (response.status >= 400) throw new ConnectorError('http', `HTTP ${response.status} from the server.`);
  if (answered !== version) throw new ConnectorError('malformed', `The server answered a SOAP ${version} request in SOAP ${answered}.`);
  const result = childNamed(soapBody, EWS_NAMESPACE, responseElementOf(operation));
  if (!result) throw new ConnectorError('malformed', `The answer has no ${responseElementOf(operation)} in the EWS namespace.`);
  return result;
}
