// A small EWS client for the simulator's tests, written apart from the simulator's own Digest
// code (RFC 7616, from the RFC's formulas) so a shared mistake cannot hide. Real HTTP on node:http.
import crypto from 'node:crypto';
import http from 'node:http';
import { EWS_NAMESPACE, EWS_PATH, SOAP_ENVELOPE_NAMESPACES } from '../../shared/ews.js';
import { SimSite, type SiteSpec } from '../../sim/model.js';
import { startSimulator, type RunningSim } from '../../sim/ews-server.js';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every WWW-Authenticate value, one per challenge. */
  challenges: string[];
  body: string;
}

/** A SOAP 1.1 request (sent as text/xml by post()); inner markup uses the `ews:` prefix. */
export function envelope(operation: string, inner = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NAMESPACES['1.1']}" xmlns:ews="${EWS_NAMESPACE}"><soap:Body><ews:${operation}Request version="1.2">${inner}</ews:${operation}Request></soap:Body></soap:Envelope>`;
}

/** One POST on a fresh connection; rejects with the socket error (ECONNRESET and the like). */
export function post(url: string, body: string, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'text/xml; charset=utf-8', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, challenges: res.headersDistinct['www-authenticate'] ?? [], body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'TEST_TIMEOUT' })));
    request.on('error', reject);
    request.end(body);
  });
}

export const ewsUrl = (address: string) => address + EWS_PATH;

/** The params of one Digest challenge, read with a plain regular expression (enough for a test). */
export function challengeParams(challenge: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of challenge.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) params[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  return params;
}

export interface DigestAnswer {
  user: string;
  password: string;
  method?: string;
  uri: string;
  nc?: number;
  cnonce?: string;
  /** Overrides, to send something wrong on purpose. */
  override?: Record<string, string>;
}

/** The Authorization header answering `challenge`, per RFC 7616 section 3.4. */
export function authorization(challenge: string, a: DigestAnswer): string {
  const c = challengeParams(challenge);
  const algorithm = c.algorithm ?? 'MD5';
  const h = (s: string) => crypto.createHash(/sha-256/i.test(algorithm) ? 'sha256' : 'md5').update(s).digest('hex');
  const nc = (a.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = a.cnonce ?? crypto.randomBytes(8).toString('hex');
  let ha1 = h(`${a.user}:${c.realm}:${a.password}`);
  if (/-sess$/i.test(algorithm)) ha1 = h(`${ha1}:${c.nonce}:${cnonce}`);
  const ha2 = h(`${a.method ?? 'POST'}:${a.uri}`);
  const fields: Record<string, string> = {
    username: a.user,
    realm: c.realm!,
    nonce: c.nonce!,
    uri: a.uri,
    algorithm,
    qop: 'auth',
    nc,
    cnonce,
    response: h(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`),
    opaque: c.opaque!,
    ...a.override,
  };
  const bare = new Set(['algorithm', 'qop', 'nc']);
  return `Digest ${Object.entries(fields)
    .map(([k, v]) => (bare.has(k) ? `${k}=${v}` : `${k}="${v.replace(/["\\]/g, '\\$&')}"`))
    .join(', ')}`;
}

/** Challenge, then answer: the ordinary two round trips of a Digest client. */
export async function postWithDigest(url: string, body: string, user: string, password: string, pick: (challenges: string[]) => string = (c) => c[0]!): Promise<Reply> {
  const first = await post(url, body);
  if (first.status !== 401) return first;
  const uri = new URL(url).pathname;
  return post(url, body, { authorization: authorization(pick(first.challenges), { user, password, uri }) });
}

/** A simulator in this process, on a free loopback port, stopped by the caller. */
export async function startSite(spec: SiteSpec): Promise<RunningSim> {
  return startSimulator(new SimSite(spec));
}

export async function admin(sim: { url: string }, method: string, path: string, body?: unknown): Promise<{ status: number; value: Record<string, unknown> & { error?: string } }> {
  const response = await fetch(`${sim.url}/_sim/${path}`, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: response.status, value: (await response.json()) as Record<string, unknown> };
}
