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
import { say } from '../../../../shared/messages/say.js';
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

/** The faults a person can do something about, each a sentence with its advice. */
const FAULT_ADVICE = {
  Permission_Denied: 'ews.faultPermissionDenied',
  Operation_Not_Supported: 'ews.faultNotSupported',
  TimeOut: 'ews.faultTimeOut',
} as const;

export function describeFault(operation: string, fault: SoapFault): string {
  const said = [fault.reason, fault.detail && fault.detail !== fault.reason ? fault.detail : ''].filter(Boolean).join(': ').slice(0, 300) || say('ews.noReasonGiven');
  if (!fault.name) return say('ews.faultUnnamed', { operation, said });
  const advice = Object.hasOwn(FAULT_ADVICE, fault.name) ? FAULT_ADVICE[fault.name as keyof typeof FAULT_ADVICE] : undefined;
  return advice ? say(advice, { operation, said }) : say('ews.faultNamed', { operation, fault: `(${fault.name}): ${said}` });
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
  if (response.status === 503 && /EWS/i.test(text)) throw new ConnectorError('ews-disabled', say('ews.disabled'));
  if (response.status === 404) throw new ConnectorError('http', say('ews.noEndpoint', { url: `${address}${EWS_PATH}` }));
  if (response.status === 415) throw new SoapVersionRefused(say('ews.versionRefused', { version }));
  if (!/^\s*</.test(text)) {
    throw new ConnectorError(response.status >= 400 ? 'http' : 'malformed', response.status >= 400 ? say('ews.httpStatus', { status: response.status }) : say('ews.notXml'));
  }
  let envelope: XmlElement;
  try {
    envelope = parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    throw new ConnectorError('malformed', say('ews.notWellFormed', { error: error.message }));
  }
  const answered = envelope.name === 'Envelope' ? soapVersionOfNamespace(envelope.ns) : null;
  if (!answered) {
    throw new ConnectorError(response.status >= 400 ? 'http' : 'malformed', response.status >= 400 ? say('ews.httpStatus', { status: response.status }) : say('ews.notSoap'));
  }
  const soapBody = childNamed(envelope, envelope.ns, 'Body');
  if (!soapBody) throw new ConnectorError('malformed', say('ews.noBody'));
  const faultElement = childNamed(soapBody, envelope.ns, 'Fault');
  if (faultElement) {
    const fault = readFault(faultElement, answered);
    if (/(^|:)VersionMismatch$/.test(fault.code)) throw new SoapVersionRefused(fault.reason);
    throw new ConnectorError(fault.name === 'Permission_Denied' ? 'auth' : 'fault', describeFault(operation, fault));
  }
  if (response.status >= 400) throw new ConnectorError('http', say('ews.httpStatus', { status: response.status }));
  if (answered !== version) throw new ConnectorError('malformed', say('ews.versionAnswered', { asked: version, answered }));
  const result = childNamed(soapBody, EWS_NAMESPACE, responseElementOf(operation));
  if (!result) throw new ConnectorError('malformed', say('ews.noResponseElement', { element: responseElementOf(operation) }));
  return result;
}
