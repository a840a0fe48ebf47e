// SOAP envelopes as the simulated servers write them, in the version the request came in
// (fact sheet 1.2 and 6.5). Values are escaped; malformed output is something the simulator does only
// on purpose (sim/faults.ts).
import { EWS_FAULTS, EWS_FAULT_NAMESPACE, EWS_NAMESPACE, EWS_VERSION, SOAP_CONTENT_TYPES, SOAP_ENVELOPE_NAMESPACES, type EwsFaultName, type SoapVersion } from '../shared/ews.js';
import { escapeXml } from '../shared/xml.js';

/** A small element builder: el('Id', 'x') or el('System', [el(...), ...]). */
export function el(name: string, content: string | string[]): string {
  const inner = Array.isArray(content) ? content.join('') : escapeXml(content);
  return `<${name}>${inner}</${name}>`;
}

export function envelope(version: SoapVersion, body: string): string {
  const prefix = version === '1.2' ? 'env' : 's';
  return `<?xml version="1.0" encoding="utf-8"?><${prefix}:Envelope xmlns:${prefix}="${SOAP_ENVELOPE_NAMESPACES[version]}"><${prefix}:Body>${body}</${prefix}:Body></${prefix}:Envelope>`;
}

/** A Response element; SetValuesResponse alone carries no version attribute (fact sheet 1.5). */
export function response(version: SoapVersion, operation: string, content: string[]): string {
  const attr = operation === 'SetValues' ? '' : ` version="${EWS_VERSION}"`;
  return envelope(version, `<${operation}Response${attr} xmlns="${EWS_NAMESPACE}">${content.join('')}</${operation}Response>`);
}

export const contentTypeOf = (version: SoapVersion) => SOAP_CONTENT_TYPES[version];

export interface FaultSpec {
  /** Who is at fault: the sender (client) or the receiver (server); or a SOAP version mismatch. */
  code: 'sender' | 'receiver' | 'version-mismatch';
  reason: string;
  /** The EWS fault, for the typed detail element Fault_<name>. */
  name?: EwsFaultName;
  detail?: string;
}

/** A fault in the layout of `version`, with the HTTP status its binding gives (SOAP 1.2: Sender 400). */
export function fault(version: SoapVersion, spec: FaultSpec): { status: number; body: string } {
  const detail = spec.name ? `<Fault_${spec.name} xmlns="${EWS_FAULT_NAMESPACE}">${escapeXml(spec.detail ?? spec.reason)}</Fault_${spec.name}>` : '';
  if (version === '1.2') {
    const code = { sender: 'env:Sender', receiver: 'env:Receiver', 'version-mismatch': 'env:VersionMismatch' }[spec.code];
    const body =
      `<env:Fault><env:Code><env:Value>${code}</env:Value></env:Code>` +
      `<env:Reason><env:Text xml:lang="en">${escapeXml(spec.reason)}</env:Text></env:Reason>` +
      (detail ? `<env:Detail>${detail}</env:Detail>` : '') +
      `</env:Fault>`;
    return { status: spec.code === 'sender' ? 400 : 500, body: envelope('1.2', body) };
  }
  const code = { sender: 's:Client', receiver: 's:Server', 'version-mismatch': 's:VersionMismatch' }[spec.code];
  const body = `<s:Fault><faultcode>${code}</faultcode><faultstring>${escapeXml(spec.reason)}</faultstring>${detail ? `<detail>${detail}</detail>` : ''}</s:Fault>`;
  return { status: 500, body: envelope('1.1', body) };
}

/** The whole-request fault EWS defines for `name`, with its reason text (fact sheet 4.1). */
export function ewsFault(version: SoapVersion, name: EwsFaultName, detail: string, code: 'sender' | 'receiver' = 'sender'): { status: number; body: string } {
  return fault(version, { code, reason: EWS_FAULTS[name], name, detail });
}
