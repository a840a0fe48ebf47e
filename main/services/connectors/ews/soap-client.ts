// One SOAP 1.1 round trip to an EWS endpoint: POST the envelope, map every way it can fail to a
// ConnectorError with a reason a person can act on, parse the answer with a real XML parser.
import type { z } from 'zod';
import { EWS_NAMESPACE, EWS_PATH, SOAP_ENV_NAMESPACE } from '../../../../shared/ews.js';
import { ConnectorError } from '../connector.js';
import type { HttpTransport } from './http-transport.js';
import { parseXmlTree, type XmlObject } from './xml-tree.js';

const REPEATED = new Set(['ContainerItem', 'Operation', 'ValueItem', 'ResultItem']);

/**
 * Calls `operation` and returns its Response element checked against `schema`. An answer that
 * does not fit is reported as malformed, naming the missing field or the XML error.
 */
export async function soapCall<T>(transport: HttpTransport, address: string, operation: string, body: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const envelope =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NAMESPACE}" xmlns:ews="${EWS_NAMESPACE}">` +
    `<soap:Body><ews:${operation}Request>${body}</ews:${operation}Request></soap:Body></soap:Envelope>`;
  const response = await transport.post(
    address,
    EWS_PATH,
    envelope,
    { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${EWS_NAMESPACE}/${operation}"` },
    signal,
  );
  const text = response.body;
  if (response.status === 503 && /EWS/i.test(text)) throw new ConnectorError('ews-disabled', 'The EWS server is disabled on this server: enable it in the server’s Web Services settings.');
  if (response.status === 404) throw new ConnectorError('http', `No EWS endpoint at ${address}${EWS_PATH} (HTTP 404): check the address.`);
  const looksXml = /^\s*</.test(text);
  if (!looksXml) {
    throw new ConnectorError(response.status >= 400 ? 'http' : 'malformed', response.status >= 400 ? `HTTP ${response.status} from the server.` : 'The answer is not XML.');
  }
  let doc: XmlObject;
  try {
    doc = parseXmlTree(text, REPEATED);
  } catch (error) {
    throw new ConnectorError('malformed', `The answer is not well-formed XML (${(error as Error).message}).`);
  }
  const soapBody = (doc.Envelope as XmlObject | undefined)?.Body as XmlObject | undefined;
  if (!soapBody || typeof soapBody !== 'object') {
    throw new ConnectorError(response.status >= 400 ? 'http' : 'malformed', response.status >= 400 ? `HTTP ${response.status} from the server.` : 'The answer is XML but not a SOAP envelope.');
  }
  const fault = soapBody.Fault as { faultstring?: unknown; faultcode?: unknown } | undefined;
  if (fault) throw new ConnectorError('fault', `The server answered with a SOAP fault: ${String(fault.faultstring ?? fault.faultcode ?? 'no reason given')}.`);
  if (response.status >= 400) throw new ConnectorError('http', `HTTP ${response.status} from the server.`);
  const result = soapBody[`${operation}Response`];
  if (!result || typeof result !== 'object') throw new ConnectorError('malformed', `The answer has no ${operation}Response.`);
  const parsed = schema.safeParse(result);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new ConnectorError('malformed', `The ${operation} answer is missing ${first?.path.join('.') || 'data'} or has it in the wrong form.`);
}
