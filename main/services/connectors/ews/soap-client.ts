// One SOAP 1.1 round trip to an EWS endpoint: POST the envelope, map every way it can fail to a
// ConnectorError with a reason a person can act on, parse the answer with a real XML parser.
import { XMLParser } from 'fast-xml-parser';
import { EWS_NAMESPACE, EWS_PATH, SOAP_ENV_NAMESPACE, type EwsOperation } from '../../../../shared/ews.js';
import { ConnectorError } from '../connector.js';

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false, // keep every value a string: "0012" must stay "0012"
  trimValues: true,
  isArray: (name) => name === 'ContainerItem' || name === 'Operation',
});

export interface SoapOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export async function soapCall(address: string, operation: EwsOperation, body: string, options: SoapOptions): Promise<Record<string, unknown>> {
  const envelope =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NAMESPACE}" xmlns:ews="${EWS_NAMESPACE}">` +
    `<soap:Body><ews:${operation}Request>${body}</ews:${operation}Request></soap:Body></soap:Envelope>`;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(address + EWS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${EWS_NAMESPACE}/${operation}"` },
      body: envelope,
      signal,
    });
  } catch (error) {
    throw networkError(error, address, options);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw networkError(error, address, options);
  }
  if (response.status === 401) throw new ConnectorError('auth', 'The server refused the user name or password (HTTP 401).');
  if (response.status === 503 && /EWS/i.test(text)) throw new ConnectorError('ews-disabled', 'EWS is disabled on this server: enable the EWS server in its settings.');
  if (response.status === 404) throw new ConnectorError('http', `No EWS endpoint at ${address}${EWS_PATH} (HTTP 404): check the address.`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    throw new ConnectorError('malformed', `The server's answer is not well-formed XML (${(error as Error).message.split('\n')[0]}).`);
  }
  const soapBody = (doc.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined;
  if (!soapBody || typeof soapBody !== 'object') {
    throw new ConnectorError(response.ok ? 'malformed' : 'http', response.ok ? 'The answer is XML but not a SOAP envelope.' : `HTTP ${response.status} from the server.`);
  }
  const faultNode = soapBody.Fault as { faultstring?: unknown } | undefined;
  if (faultNode) throw new ConnectorError('fault', `The server answered with a SOAP fault: ${String(faultNode.faultstring ?? 'no reason given')}.`);
  if (!response.ok) throw new ConnectorError('http', `HTTP ${response.status} from the server.`);
  const result = soapBody[`${operation}Response`];
  if (!result || typeof result !== 'object') throw new ConnectorError('malformed', `The answer has no ${operation}Response.`);
  return result as Record<string, unknown>;
}

function networkError(error: unknown, address: string, options: SoapOptions): ConnectorError {
  const e = error as { name?: string; cause?: { code?: string; message?: string } };
  if (options.signal?.aborted) return new ConnectorError('timeout', 'Cancelled.');
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new ConnectorError('timeout', `No answer within ${options.timeoutMs / 1000} s.`);
  const code = e.cause?.code;
  if (/bad port/i.test(e.cause?.message ?? '')) return new ConnectorError('unreachable', `${address} uses a port that web clients refuse; use the server's HTTP(S) port.`);
  if (code === 'ECONNREFUSED') return new ConnectorError('unreachable', `Connection refused at ${address}: is the server running and the port right?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ConnectorError('unreachable', `Host not found: ${address}.`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return new ConnectorError('unreachable', 'The connection was reset by the server.');
  return new ConnectorError('unreachable', `Could not reach ${address}: ${e.cause?.message ?? (error as Error).message}.`);
}
