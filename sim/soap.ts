// SOAP envelopes as the simulated servers write them. Values are escaped; the companion parses
// them with a real XML parser, so malformed output is something the simulator does only on purpose.
import { EWS_NAMESPACE, SOAP_ENV_NAMESPACE } from '../shared/ews.js';
import { escapeXml } from '../shared/xml.js';

/** A small element builder: el('Id', 'x') or el('System', [el(...), ...]). */
export function el(name: string, content: string | string[]): string {
  const inner = Array.isArray(content) ? content.join('') : escapeXml(content);
  return `<${name}>${inner}</${name}>`;
}

export function envelope(body: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NAMESPACE}"><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export function response(operation: string, content: string[]): string {
  return envelope(`<${operation}Response xmlns="${EWS_NAMESPACE}">${content.join('')}</${operation}Response>`);
}

export function fault(code: 'soap:Client' | 'soap:Server', message: string): string {
  return envelope(`<soap:Fault><faultcode>${code}</faultcode><faultstring>${escapeXml(message)}</faultstring></soap:Fault>`);
}
